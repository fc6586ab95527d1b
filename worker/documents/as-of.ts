import { frDate } from '../../shared/i18n/typography';
import { buildQuotaReport, usageFromSessions } from '../../shared/quotas/rules';
import type { Section } from './model';
import type { ProgrammeRecord, Version } from './record';

type WithoutQuotas = Omit<ProgrammeRecord, 'territoryQuotas' | 'partnerQuotas'>;

/** The record with the quotas its own sessions use (the same rules as `GET /v1/quotas`). */
export function withQuotas(r: WithoutQuotas): ProgrammeRecord {
  const report = buildQuotaReport(r.programme, r.territories, r.partners, usageFromSessions(r.sessions));
  return {
    ...r,
    territoryQuotas: new Map(report.territories.map((t) => [t.territoryId, t.quotas])),
    partnerQuotas: new Map(report.partners.map((p) => [p.partnerId, p.quotas])),
  };
}

const DAY_FORMATS = new Map<string, Intl.DateTimeFormat>();
/** The calendar day of an instant in the programme's time zone (the contract's dates). */
export function localDay(instant: string, timeZone: string): string {
  let f = DAY_FORMATS.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    DAY_FORMATS.set(timeZone, f);
  }
  return f.format(new Date(instant));
}

/** The last version written on or before `asOf`, merged over the current record. */
function stateAt<T extends { id: string }>(
  current: T,
  versions: readonly Version<Partial<T>>[] | undefined,
  onOrBefore: (instant: string) => boolean,
): T {
  const last = versions?.filter((v) => onOrBefore(v.at)).at(-1);
  return last ? { ...current, ...last.data, id: current.id } : current;
}

/**
 * The record as it stood at the end of `asOf` (a phase cut-off):
 * - sessions held on or before that day, and the quotas they use;
 * - indicator values of periods closed by then, workshops held by then;
 * - partners, blockers and actions created by then, blockers and actions in the state their
 *   last change before that day left them (audit trail);
 * - territories and the texts consultants wrote (assessments) as they are now: they are the
 *   deliverable's prose, written for that phase; `AS_OF_NOTE` says so in the document.
 */
export function recordAsOf(r: ProgrammeRecord, asOf: string): ProgrammeRecord {
  const known = AS_OF.get(r)?.get(asOf);
  if (known) return known;
  const rec = frozenAt(r, asOf);
  AS_OF.set(r, (AS_OF.get(r) ?? new Map()).set(asOf, rec));
  // Freezing again at the same day changes nothing: the frozen record is its own.
  AS_OF.set(rec, new Map([[asOf, rec]]));
  return rec;
}

/**
 * Records already frozen, by record and day: a report freezes the record once for itself and
 * once per territory summary it holds, the consistency checks once more. Records are read-only.
 */
const AS_OF = new WeakMap<ProgrammeRecord, Map<string, ProgrammeRecord>>();

function frozenAt(r: ProgrammeRecord, asOf: string): ProgrammeRecord {
  const tz = r.programme.timezone;
  const existed = (x: { createdAt?: string | undefined }) =>
    !x.createdAt || localDay(x.createdAt, tz) <= asOf;
  const byThen = (instant: string) => localDay(instant, tz) <= asOf;
  return withQuotas({
    ...r,
    partners: r.partners.filter(existed),
    sessions: r.sessions.filter((s) => s.date <= asOf),
    indicators: r.indicators.filter((i) => i.periodEnd <= asOf),
    workshops: r.workshops.filter((w) => w.date <= asOf),
    blockers: r.blockers.filter(existed).map((b) => stateAt(b, r.history?.blockers.get(b.id), byThen)),
    actions: r.actions.filter(existed).map((a) => stateAt(a, r.history?.actions.get(a.id), byThen)),
  });
}

/** What « as of » means, printed in every document that is frozen at a date. */
export function asOfNote(asOf: string, generatedOn: string): string {
  if (asOf >= generatedOn) return `Situation au ${frDate(asOf)}, date de génération du document.`;
  return (
    `Situation arrêtée au ${frDate(asOf)} (document généré le ${frDate(generatedOn)}) : séances tenues ` +
    'et valeurs d’indicateurs des périodes closes à cette date ; partenaires, verrous et actions ' +
    'enregistrés à cette date, dans l’état où les laissait leur dernière modification antérieure ' +
    '(journal d’audit). Les textes rédigés (constat, enjeux, recommandations, stratégie) sont ' +
    'repris dans leur dernière version.'
  );
}

/** The sections with the « as of » note at the head of the first one. */
export function withAsOfNote(sections: Section[], asOf: string, generatedOn: string): Section[] {
  const [first, ...rest] = sections;
  if (!first) return sections;
  return [
    { ...first, blocks: [{ kind: 'note', text: asOfNote(asOf, generatedOn) }, ...first.blocks] },
    ...rest,
  ];
}
