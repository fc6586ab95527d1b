// Journal de séance: log a session against its quota (the remaining quota shown first, in the
// tender's units), and correct or delete the sessions one logged ("Mes dernières séances").
import { LABELS } from '../../../shared/i18n/labels';
import { frShortDate, frTypo, qty } from '../../../shared/i18n/typography';
import type { Quota } from '../../../shared/quotas/rules';
import type { SessionKind } from '../../../shared/schemas/enums';
import { SessionInput } from '../../../shared/schemas/records';
import type { SessionRecord, SidebarContext } from '../../api';
import { remainingLine, usedOf } from '../../messages';
import { findQuota, replaceQuota } from '../../report';
import { PATCHABLE, SessionPatch } from '../../session-patch';
import { isAdmin, myTerritories, nameOf, preselect, programmeDates, startForm } from '../common/boot';
import { app, h, messageArea } from '../common/dom';
import { offerReload, unsavedGuard } from '../common/editing';
import { type Field, type Form, field, fillSelect, OPTIONAL, optionsOf } from '../common/form';
import { defaultDuration, durationOptions, linkDuration, linkPartners, OTHER } from '../common/pickers';
import { call } from '../common/server';
import { checked, onSubmit, showError } from '../common/submit';

type Ctx = SidebarContext;

function fields(ctx: Ctx): Field[] {
  const override = field.text('_override', 'Motif de dérogation', {
    ...OPTIONAL,
    hint: 'Pour dépasser un quota : 10 caractères au moins.',
  });
  return [
    field.select('kind', 'Type de séance', optionsOf(LABELS.sessionKind)),
    field.choice('territoryId', 'Territoire', myTerritories(ctx), '— programme (aucun) —'),
    field.choice('partnerId', 'Partenaire', [], '— aucun —'),
    field.date('date', 'Date', { attrs: programmeDates(ctx) }),
    field.select('_duration', 'Durée', durationOptions(ctx.minutesPerDay), { empty: undefined }),
    field.int('durationMinutes', 'Durée en minutes', { attrs: { min: '1', max: '1440' } }),
    field.select('mode', 'Modalité', optionsOf(LABELS.sessionMode)),
    field.int('participants', 'Participants', { attrs: { min: '1' } }),
    field.textarea('summary', 'Résumé'),
    field.textarea('decisions', 'Décisions', OPTIONAL),
    field.textarea('nextSteps', 'Prochaines étapes', OPTIONAL),
    ...(isAdmin(ctx) ? [override] : []),
  ];
}

function quotaText(ctx: Ctx, form: Form): string {
  const kind = form.control('kind').value as SessionKind;
  if (!kind) return 'Choisissez un type de séance pour voir le quota restant.';
  const q = findQuota(ctx.report, kind, {
    territoryId: form.control('territoryId').value || undefined,
    partnerId: form.control('partnerId').value || undefined,
    date: form.control('date').value || undefined,
  });
  if (q === null) return 'Choisissez le territoire (ou le partenaire) pour voir le quota restant.';
  return q ? remainingLine(q, nameOf(ctx), ctx.minutesPerDay) : '';
}

const saved = (ctx: Ctx, s: SessionRecord, q?: Quota) =>
  frTypo(
    `Séance du ${frShortDate(s.date)} enregistrée (${LABELS.sessionKind[s.kind]}, ${qty(s.durationMinutes, 'min')}).` +
      (q ? ` Quota : ${usedOf(q, ctx.minutesPerDay)}.` : ''),
  );

interface Editing {
  id: string;
  version: string | null;
  session: SessionRecord;
}

/** "Mes dernières séances": the user's sessions, each with « Corriger » and « Supprimer ». */
function recentList(ctx: Ctx, onEdit: (s: SessionRecord) => void, onChange: () => void) {
  const list = h('ul', { class: 'list', id: 'recent' });
  const status = messageArea();
  const details = h(
    'details',
    { id: 'recent-sessions' },
    h('summary', {}, 'Mes dernières séances'),
    status.el,
    list,
  );
  /** `keep`: the message shown stays (a refusal the reread list explains). */
  const load = async (keep = false) => {
    if (!keep) status.show('info', 'Chargement…');
    const res = await call('listMySessions');
    if (!res.ok) return showError(null, status, res.error);
    if (!keep) status.clear();
    if (!res.data.length && !keep) status.show('info', 'Vous n’avez encore saisi aucune séance.');
    list.replaceChildren(...res.data.map((s) => recentItem(ctx, s, onEdit, load, status, onChange)));
  };
  details.addEventListener('toggle', () => {
    if (details.open) void load();
  });
  return { el: details, reload: () => (details.open ? load() : Promise.resolve()) };
}

function recentItem(
  ctx: Ctx,
  s: SessionRecord,
  onEdit: (s: SessionRecord) => void,
  reload: (keep?: boolean) => Promise<void>,
  status: ReturnType<typeof messageArea>,
  onChange: () => void,
) {
  const where = s.territoryId ? ` — ${nameOf(ctx)(s.territoryId)}` : '';
  const text = frTypo(
    `${frShortDate(s.date)} — ${LABELS.sessionKind[s.kind]}${where} — ${qty(s.durationMinutes, 'min')}`,
  );
  const fix = h('button', { type: 'button' }, 'Corriger');
  const remove = h('button', { type: 'button' }, 'Supprimer');
  fix.addEventListener('click', () => onEdit(s));
  remove.addEventListener('click', async () => {
    if (!window.confirm(frTypo(`Supprimer la séance du ${frShortDate(s.date)} ? Son quota sera libéré.`)))
      return;
    if (remove.getAttribute('aria-disabled')) return;
    remove.setAttribute('aria-disabled', 'true');
    // The version the list showed: changed since, it is not deleted unseen (412, list reread).
    const res = await call('deleteSession', s.id, s.version === undefined ? null : String(s.version));
    if (!res.ok) {
      remove.removeAttribute('aria-disabled');
      showError(null, status, res.error);
      if (res.error.code === 'PRECONDITION_FAILED') {
        await reload(true);
        status.el.focus();
      }
      return;
    }
    if (res.data.quota) replaceQuota(ctx.report, res.data.quota);
    status.show('success', frTypo(`Séance du ${frShortDate(s.date)} supprimée.`));
    onChange();
    await reload(true);
    // The button is gone with its row: focus the message that says what happened, not <body>.
    status.el.focus();
  });
  return h('li', {}, text, h('div', { class: 'row-actions' }, fix, remove));
}

function prepareCreate(form: Form, id: string) {
  const body: Record<string, unknown> = { id, ...form.values() };
  const reason = form.control('_override')?.value.trim();
  if (reason) body.override = { reason };
  return checked(SessionInput, body, (input) => call('submitSession', input));
}

function preparePatch(form: Form, editing: Editing) {
  const values = form.values();
  const patch = Object.fromEntries(PATCHABLE.filter((k) => k in values).map((k) => [k, values[k]]));
  return checked(SessionPatch, patch, (p) => call('updateSession', editing.id, p, editing.version));
}

/** The durations offered follow the kind: only those its rule allows (a collective support: 2 h at most). */
function linkKindDurations(ctx: Ctx, form: Form, kind: HTMLSelectElement) {
  const preset = form.control('_duration') as HTMLSelectElement;
  const minutes = form.control('durationMinutes') as HTMLInputElement;
  const syncDuration = linkDuration(preset, minutes);
  kind.addEventListener('change', () => {
    const max = ctx.maxMinutes?.[kind.value as SessionKind];
    fillSelect(preset, durationOptions(ctx.minutesPerDay, max));
    minutes.max = String(max ?? 1440);
    preset.value = defaultDuration(kind.value as SessionKind, ctx.minutesPerDay, max);
    syncDuration();
  });
}

async function main() {
  const started = await startForm('Journal de séance', fields, 'Enregistrer la séance');
  if (!started) return;
  const { msg, ctx, form } = started;
  const quotaLine = h('p', { class: 'quota', id: 'quota', 'aria-live': 'polite' });
  const [kind, territory, partner] = ['kind', 'territoryId', 'partnerId'].map(
    (n) => form.control(n) as HTMLSelectElement,
  );
  linkPartners(ctx.report, territory!, partner!);
  linkKindDurations(ctx, form, kind!);
  const showQuota = () => {
    quotaLine.textContent = quotaText(ctx, form);
  };
  for (const name of ['kind', 'territoryId', 'partnerId', 'date'])
    form.control(name).addEventListener('change', showQuota);
  form.set('date', ctx.today);
  form.set('participants', 2);
  preselect(territory!, myTerritories(ctx));
  showQuota();
  const editor = editMode(form, msg, showQuota);
  // « Corriger » fills the form with a stored session: what was typed in it is asked about first.
  const guard = unsavedGuard(form.form);
  const recent = recentList(
    ctx,
    (s) => {
      if (!guard.mayDiscard()) return;
      guard.clean();
      void editor.start(s);
    },
    showQuota,
  );
  const submitter = onSubmit(
    form,
    msg,
    (id) => (editor.current ? preparePatch(form, editor.current) : prepareCreate(form, id)),
    (d) => {
      if (d.quota) replaceQuota(ctx.report, d.quota);
      guard.clean();
      const text = saved(ctx, d.session, d.quota);
      if (editor.current) editor.stop();
      else for (const name of ['summary', 'decisions', 'nextSteps', '_override']) form.set(name, '');
      showQuota();
      void recent.reload();
      return [text];
    },
    (error) => {
      if (error.quota) replaceQuota(ctx.report, error.quota);
      showQuota();
      if (error.code === 'ALREADY_RECORDED') editor.offer(error, () => submitter.renew());
      const editing = editor.current;
      if (error.code === 'PRECONDITION_FAILED' && editing)
        offerReload(msg, () => editor.start(editing.session, true));
    },
  );
  form.form.before(quotaLine, editor.banner);
  app().append(recent.el);
}

/** Correcting a stored session: its values in the form, the kind and place locked. */
function editMode(form: Form, msg: ReturnType<typeof messageArea>, changed: () => void) {
  const banner = h('div', { class: 'banner', id: 'editing', hidden: true });
  const locked = ['kind', 'territoryId', 'partnerId', '_override'];
  const state = {
    current: null as Editing | null,
    banner,
    async start(s: SessionRecord, keepMessage = false) {
      const res = await call('loadSession', s.id);
      if (!res.ok) return showError(form, msg, res.error);
      const r = res.data.record;
      state.current = { id: r.id, version: res.data.version, session: r };
      for (const k of ['kind', 'territoryId', 'partnerId'] as const) form.set(k, r[k]);
      form.control('partnerId').dispatchEvent(new Event('change'));
      form.set('partnerId', r.partnerId);
      for (const k of PATCHABLE) form.set(k, r[k] as string | number | undefined);
      form.set('_duration', OTHER);
      form.control('_duration').dispatchEvent(new Event('change'));
      form.set('durationMinutes', r.durationMinutes);
      for (const k of locked) form.control(k)?.setAttribute('disabled', '');
      const cancel = h('button', { type: 'button' }, 'Annuler la correction');
      cancel.addEventListener('click', () => state.stop());
      banner.replaceChildren(
        frTypo(`Correction de la séance du ${frShortDate(r.date)} (${LABELS.sessionKind[r.kind]}).`),
        ' ',
        cancel,
      );
      banner.hidden = false;
      form.submit.textContent = 'Enregistrer la correction';
      if (!keepMessage) msg.clear();
      changed();
      form.control('summary').focus();
    },
    stop() {
      state.current = null;
      banner.hidden = true;
      for (const k of locked) form.control(k)?.removeAttribute('disabled');
      form.submit.textContent = 'Enregistrer la séance';
      changed();
    },
    /** After a lost answer: the session is stored; correct it with what is in the form. */
    offer(error: { message: string; current?: unknown }, renew: () => void) {
      const stored = error.current as SessionRecord;
      renew();
      form.clearIssues();
      msg.show('info', error.message);
      const fix = h('button', { type: 'button' }, 'Corriger cette séance avec les valeurs saisies');
      fix.addEventListener('click', async () => {
        const values = form.values();
        await state.start(stored, true);
        for (const k of PATCHABLE) if (k in values) form.set(k, values[k] as string | number);
        form.set('durationMinutes', values.durationMinutes as number);
      });
      msg.el.append(h('p', {}, fix));
    },
  };
  return state;
}

void main();
