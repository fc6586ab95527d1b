import type { DocumentWarning } from '../../shared/api/documents';
import { LABELS } from '../../shared/i18n/labels';
import { typeset } from '../../shared/i18n/messages';
import { frList, nf } from '../../shared/i18n/typography';
import { de, lowerLabel } from '../../shared/i18n/wording';
import { indicatorName, periodLabel, valueText } from './indicators';
import type { DocumentModel, Shortened } from './model';
import type { ActionRec, BlockerRec, ProgrammeRecord, WorkshopRec } from './record';
import { workshopSession } from './workshop-sheet';

/**
 * One inconsistency of a deliverable: the rule, what is wrong in French, the record to fix
 * (and the field, in the API's terms, when the rule knows it).
 */
export type Warning = DocumentWarning;

/** What a document covers: the records its consistency checks read. */
export interface Scope {
  /** Territories whose assessment report 1 needs (`assessments`). */
  territories: readonly string[];
  /** Blockers the document shows with their status and solution. */
  blockers: readonly string[];
  workshops: readonly string[];
  actions: readonly string[];
  /** Report 1: every territory must have its assessment written. */
  assessments?: boolean;
  /** The final report: the final COPIL's minutes against the COPILs held. */
  finalCopil?: boolean;
}

const W = typeset({
  statusResults: (title: string, status: string, period: string) =>
    `L’action « ${title} » est au statut « ${status} » alors que des résultats sont saisis (${period}) : passez-la « En cours » ou « Réalisée » dans sa fiche action.`,
  solutionOnAction: (action: string, blocker: string) =>
    `La fiche action « ${action} » décrit des solutions alors que le verrou « ${blocker} » est toujours « Ouvert » : passez le verrou « En cours » ou « Levé », ou retirez la solution de la fiche.`,
  solutionOnBlocker: (blocker: string) =>
    `Le verrou « ${blocker} » a une solution saisie mais reste « Ouvert » : passez-le « En cours » ou « Levé ».`,
  modeFormat: (n: number, format: string, mode: string) =>
    `La fiche atelier n° ${n} indique le format « ${format} » alors que sa séance du journal est « ${mode} » : corrigez le format de l’atelier ou la modalité de la séance.`,
  figuresTerritories: (n: number, figure: string, count: number) =>
    `Le chiffre clé « ${figure} » de la fiche atelier n° ${n} ne correspond pas aux ${count} territoires participants qu’elle indique : corrigez le chiffre ou la liste des territoires.`,
  actorsCount: (title: string, listed: number, names: string, counted: number) =>
    `La fiche action « ${title} » liste ${listed} acteurs (${names}) mais en compte ${counted} pour la reproductibilité : corrigez le nombre d’acteurs impliqués ou la liste.`,
  finalCopil: (held: number, total: number) =>
    `Le compte rendu du COPIL final est saisi alors que ${held} COPIL sur ${total} sont tenus à cette date : consignez le COPIL final dans le journal, ou retirez le compte rendu jusque-là.`,
  empty: (label: string, where: string) => `« ${label} »${where} reste à rédiger.`,
  noAssessment: (name: string) =>
    `La synthèse territoriale de « ${name} » est encore à rédiger : saisissez le constat, les enjeux et les recommandations dans le diagnostic du territoire.`,
  shortened: (label: string, from: number, to: number) =>
    `« ${label} » est abrégé de ${nf(from)} à ${nf(to)} caractères pour tenir en moins de 5 pages : raccourcissez-le pour que le texte intégral y figure.`,
});

/** Rule 1: a planned action with results (indicator values of its partner). */
function statusResults(r: ProgrammeRecord, a: ActionRec): Warning[] {
  if (a.status !== 'planned') return [];
  const values = r.indicators.filter((i) => i.partnerId === a.partnerId && i.indicator !== 'co2-avoided-kg');
  if (!values.length) return [];
  const latest = values.reduce((x, y) => (y.periodEnd > x.periodEnd ? y : x));
  const same = values.filter((v) => v.periodEnd === latest.periodEnd && v.periodStart === latest.periodStart);
  const period = `${periodLabel(latest.periodStart, latest.periodEnd)} : ${same
    .map((v) => `${lowerLabel(indicatorName(v))} ${valueText(v.value, v.unit)}`)
    .join(', ')}`;
  return [
    {
      code: 'action-status-results',
      message: W.statusResults(a.title, LABELS.actionStatus.planned, period),
      subject: { type: 'action', id: a.id },
      field: 'status',
    },
  ];
}

/** Rule 2 (actions): solutions written on a sheet while a blocker of its partner is open. */
function solutionOnAction(r: ProgrammeRecord, a: ActionRec): Warning[] {
  if (!a.solutions?.trim()) return [];
  return r.blockers
    .filter((b) => b.partnerId === a.partnerId && b.status === 'open')
    .map((b) => ({
      code: 'solution-open-blocker' as const,
      message: W.solutionOnAction(a.title, b.title),
      subject: { type: 'blocker' as const, id: b.id },
      field: 'status',
    }));
}

/** Rule 2 (blockers): a blocker with its solution written, still open. */
const solutionOnBlocker = (b: BlockerRec): Warning[] =>
  b.status === 'open' && b.solution?.trim()
    ? [
        {
          code: 'solution-open-blocker',
          message: W.solutionOnBlocker(b.title),
          subject: { type: 'blocker', id: b.id },
          field: 'status',
        },
      ]
    : [];

/** Formats held on the ground or at a distance, whatever the session says. */
const FORMAT_MODE: Partial<Record<NonNullable<WorkshopRec['format']>, 'remote' | 'on-site'>> = {
  eductour: 'on-site',
  webinar: 'remote',
};

/** Rule 3: the workshop's session mode against its format. */
function modeFormat(r: ProgrammeRecord, w: WorkshopRec): Warning[] {
  const mode = workshopSession(r.sessions, w)?.mode;
  const expected = w.format ? FORMAT_MODE[w.format] : undefined;
  if (!mode || !expected || !w.format || mode === expected) return [];
  return [
    {
      code: 'workshop-mode-format',
      message: W.modeFormat(w.number, LABELS.workshopFormat[w.format], LABELS.sessionMode[mode]),
      subject: { type: 'workshop', id: w.id },
      field: 'format',
    },
  ];
}

/** Rule 4: a key figure counting territories against the territories the sheet lists. */
function figuresTerritories(w: WorkshopRec): Warning[] {
  if (!w.participatingTerritoryIds?.length) return [];
  const count = new Set([w.hostTerritoryId, ...w.participatingTerritoryIds]).size;
  return w.keyFigures
    .filter((f) => /territoire/i.test(f.label))
    .filter((f) => {
      const n = Number(/\d+/.exec(f.value)?.[0]);
      return Number.isFinite(n) && n !== count;
    })
    .map((f) => ({
      code: 'workshop-figures-territories' as const,
      message: W.figuresTerritories(w.number, `${f.label} : ${f.value}`, count),
      subject: { type: 'workshop' as const, id: w.id },
      field: 'keyFigures',
    }));
}

/** The actors of a sheet when written as a list (« A, B et C »); null for prose. */
export function listedActors(text: string): string[] | null {
  const items = text
    .split(/[,;\n•]|\s+et\s+/)
    .map((x) => x.replace(/^[\s\-–—.]+|[\s.]+$/g, ''))
    .filter(Boolean);
  if (items.length < 2 || items.some((x) => x.length > 80)) return null;
  return items;
}

/** Rule 5: the actors an action lists against the number its reproducibility counts. */
function actorsCount(a: ActionRec): Warning[] {
  const listed = listedActors(a.actors);
  const counted = a.reproducibility.actorsInvolved;
  if (!listed || listed.length === counted) return [];
  return [
    {
      code: 'action-actors-count',
      message: W.actorsCount(a.title, listed.length, frList(listed), counted),
      subject: { type: 'action', id: a.id },
      field: 'reproducibility.actorsInvolved',
    },
  ];
}

/** Rule 6: the final COPIL's minutes while fewer COPILs than planned are held. */
function finalCopil(r: ProgrammeRecord): Warning[] {
  const total = r.programme.quotas.copilTotal;
  const held = r.sessions.filter((s) => s.kind === 'copil').length;
  if (!r.assessment?.finalCopilMinutes || held >= total) return [];
  return [
    {
      code: 'final-copil-early',
      message: W.finalCopil(held, total),
      subject: { type: 'programme-assessment', id: 'programme' },
      field: 'finalCopilMinutes',
    },
  ];
}

/** Rule 7: every text a person still has to write (the document's notes say where). */
function emptySections(r: ProgrammeRecord, doc: DocumentModel): Warning[] {
  const names = new Map(r.territories.map((t) => [t.id, t.name]));
  return doc.sections.flatMap((s) =>
    s.blocks.flatMap((b) => {
      if (b.kind !== 'note' || !b.missing) return [];
      const m = b.missing;
      const where = m.subject.type === 'territory' ? ` ${de(names.get(m.subject.id) ?? m.subject.id)}` : '';
      return [
        {
          code: 'empty-section' as const,
          message: W.empty(m.label, where),
          subject: m.subject,
          field: m.field,
        },
      ];
    }),
  );
}

/** Rule 8: report 1 with territories whose assessment nobody wrote. */
const withoutAssessment = (r: ProgrammeRecord, ids: readonly string[]): Warning[] =>
  r.territories
    .filter((t) => ids.includes(t.id) && !t.assessment)
    .map((t) => ({
      code: 'territory-without-assessment',
      message: W.noAssessment(t.name),
      subject: { type: 'territory', id: t.id },
      field: 'assessment',
    }));

/** Rule 9: each text the fitter condensed. */
const shortenedTexts = (shortened: readonly Shortened[]): Warning[] =>
  shortened.flatMap((s) =>
    s.subject
      ? [
          {
            code: 'shortened-text',
            message: W.shortened(s.label, s.from, s.to),
            subject: s.subject,
            field: s.field,
          },
        ]
      : [],
  );

/**
 * The consistency checks of a document, on the record as of its date: each rule over the
 * records the document covers, the empty sections and condensed texts of the document itself.
 * A territory flagged as without assessment is not flagged again section by section.
 */
export function checkConsistency(r: ProgrammeRecord, scope: Scope, doc: DocumentModel): Warning[] {
  const actions = r.actions.filter((a) => scope.actions.includes(a.id));
  const workshops = r.workshops.filter((w) => scope.workshops.includes(w.id));
  const blockers = r.blockers.filter((b) => scope.blockers.includes(b.id));
  const unwritten = scope.assessments ? withoutAssessment(r, scope.territories) : [];
  const flagged = new Set(unwritten.map((w) => w.subject.id));
  const all = [
    ...actions.flatMap((a) => [...statusResults(r, a), ...solutionOnAction(r, a), ...actorsCount(a)]),
    ...blockers.flatMap(solutionOnBlocker),
    ...workshops.flatMap((w) => [...modeFormat(r, w), ...figuresTerritories(w)]),
    ...(scope.finalCopil ? finalCopil(r) : []),
    ...unwritten,
    ...emptySections(r, doc).filter((w) => !(w.subject.type === 'territory' && flagged.has(w.subject.id))),
    ...shortenedTexts(doc.shortened ?? []),
  ];
  const seen = new Set<string>();
  return all.filter((w) => {
    const key = `${w.code}|${w.subject.type}|${w.subject.id}|${w.field ?? ''}|${w.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
