// Synthèses du programme: the prose the reports open with, written by the AMO's consultants
// (and ADEME's admins), never generated — report 1's cross-territory synthesis, report 2's
// transversal lessons, the final COPIL's minutes and the contractor's critical view in four
// parts. Each field says how long it reads well; the form opens with what is stored and saves
// with the version read, so a colleague's text is never overwritten unseen.
import { SYNTHESIS_GUIDANCE, type SynthesisField } from '../../../shared/documents/assessment';
import { frTypo, nf } from '../../../shared/i18n/typography';
import { ProgrammeAssessment, type StoredAssessment } from '../../../shared/schemas/programme';
import { bootData, startForm } from '../common/boot';
import { h } from '../common/dom';
import { offerReload } from '../common/editing';
import { type Field, field, OPTIONAL } from '../common/form';
import { call } from '../common/server';
import { checked, onSubmit, showError } from '../common/submit';

interface Text {
  name: string;
  label: string;
  guidance: SynthesisField;
  hint: string;
}

const TEXTS: readonly (Text & { group: string })[] = [
  {
    group: 'Rapport d’avancement n° 1',
    name: 'report1Synthesis',
    label: 'Synthèse du programme',
    guidance: 'report1Synthesis',
    hint: 'Constats croisés des dix territoires, verrous communs, recommandations à l’ADEME.',
  },
  {
    group: 'Rapport d’avancement n° 2',
    name: 'report2Lessons',
    label: 'Enseignements transversaux des ateliers',
    guidance: 'report2Lessons',
    hint: 'Ce que les ateliers ont appris ensemble, au-delà de chaque fiche.',
  },
  {
    group: 'Rapport final',
    name: 'finalCopilMinutes',
    label: 'Compte rendu du COPIL final',
    guidance: 'finalCopilMinutes',
    hint: 'Participants, décisions, suites à donner.',
  },
  {
    group: 'Rapport final : regard critique du prestataire',
    name: 'criticalView.worked',
    label: 'Ce qui a fonctionné',
    guidance: 'worked',
    hint: '',
  },
  {
    group: '',
    name: 'criticalView.didNotWork',
    label: 'Ce qui n’a pas fonctionné',
    guidance: 'didNotWork',
    hint: '',
  },
  { group: '', name: 'criticalView.lessons', label: 'Enseignements', guidance: 'lessons', hint: '' },
  {
    group: '',
    name: 'criticalView.recommendations',
    label: 'Recommandations',
    guidance: 'recommendations',
    hint: 'Pour l’ADEME et pour un prochain programme.',
  },
];

const guide = (t: Text) => {
  const g = SYNTHESIS_GUIDANCE[t.guidance];
  return frTypo(`${t.hint ? `${t.hint} ` : ''}Repère : ${nf(g.min)} à ${nf(g.max)} caractères.`);
};

const fields = (): Field[] =>
  TEXTS.map((t) => field.textarea(t.name, t.label, { ...OPTIONAL, hint: guide(t), attrs: { rows: '6' } }));

/** « 1 234 caractères — dans le repère », live, read by screen readers when it changes. */
function guidanceCounter(control: HTMLTextAreaElement, t: Text) {
  const g = SYNTHESIS_GUIDANCE[t.guidance];
  const out = h('p', { class: 'counter', id: `${control.id}-count`, 'aria-live': 'polite' });
  const update = () => {
    const n = control.value.trim().length;
    const where = !n
      ? 'à rédiger'
      : n < g.min
        ? 'plus court que le repère'
        : n > g.max
          ? 'plus long que le repère'
          : 'dans le repère';
    out.textContent = frTypo(`${nf(n)} caractères — ${where}`);
    out.classList.toggle('over', n > g.max);
  };
  control.addEventListener('input', update);
  update();
  control.after(out);
  control.setAttribute(
    'aria-describedby',
    `${control.getAttribute('aria-describedby') ?? ''} ${out.id}`.trim(),
  );
}

/** The form's values as the API takes them: every text sent (an empty one clears it). */
function body(form: { control: (name: string) => HTMLElement }) {
  const value = (name: string) => (form.control(name) as HTMLTextAreaElement).value;
  return {
    report1Synthesis: value('report1Synthesis'),
    report2Lessons: value('report2Lessons'),
    finalCopilMinutes: value('finalCopilMinutes'),
    criticalView: {
      worked: value('criticalView.worked'),
      didNotWork: value('criticalView.didNotWork'),
      lessons: value('criticalView.lessons'),
      recommendations: value('criticalView.recommendations'),
    },
  };
}

function fill(form: { set: (name: string, v: string | undefined) => void }, a: StoredAssessment) {
  form.set('report1Synthesis', a.report1Synthesis);
  form.set('report2Lessons', a.report2Lessons);
  form.set('finalCopilMinutes', a.finalCopilMinutes);
  for (const k of ['worked', 'didNotWork', 'lessons', 'recommendations'] as const)
    form.set(`criticalView.${k}`, a.criticalView?.[k]);
}

async function main() {
  const started = await startForm('Synthèses du programme', fields, 'Enregistrer les synthèses');
  if (!started) return;
  const { msg, form } = started;
  form.form.prepend(
    h(
      'p',
      { class: 'hint' },
      'Ces textes ouvrent les rapports remis à l’ADEME ; les tableaux générés les illustrent.',
    ),
  );
  for (const t of TEXTS) {
    const control = form.control(t.name) as HTMLTextAreaElement;
    guidanceCounter(control, t);
    if (t.group) control.closest('.field')?.before(h('h2', {}, t.group));
  }
  let version: string | null = null;
  const load = async () => {
    msg.show('info', 'Chargement des textes enregistrés…');
    const res = await call('loadProgrammeTexts');
    if (!res.ok) return showError(form, msg, res.error);
    msg.clear();
    version = res.data.version;
    fill(form, res.data.record);
  };
  await load();
  onSubmit(
    form,
    msg,
    () => checked(ProgrammeAssessment, body(form), (data) => call('saveProgrammeTexts', data, version)),
    (data) => {
      version = data.version;
      return ['Synthèses du programme enregistrées.'];
    },
    (error) => {
      if (error.code === 'PRECONDITION_FAILED') offerReload(msg, load);
    },
  );
  // Opened from a document's warning: the field to write, marked.
  const focus = bootData()?.focus;
  if (focus?.issues.length)
    showError(form, msg, { code: 'FOCUS', message: focus.issues[0]!.message, issues: focus.issues });
}

void main();
