import { nf, plural } from '../../shared/i18n/typography';
import { recordAsOf, withAsOfNote } from './as-of';
import { type Budget, budgetAt, type Sizes, STRENGTH_STEPS, SUMMARY_MAX_PAGES } from './budget';
import { identification } from './identify';
import { co2Blocks, type Series, seriesOf, targetText, trendText, valuesText } from './indicators';
import type { Block, DocumentModel, FieldOverflow, Section, Shortened } from './model';
import { estimatePages } from './pages';
import type { Edition, ProgrammeRecord, TerritoryRec } from './record';
import { type FieldUse, type SummaryCtx, summaryCtx } from './summary-context';
import { assessment, descriptive, SUMMARY_HEADINGS, strategy } from './summary-profile';
import { blockersSection, progress, tally } from './summary-progress';
import { typeset } from './typeset';

export { SUMMARY_HEADINGS } from './summary-profile';

/** The action(s) a series belongs to: its partner's action titles, or the territory. */
function subjectOf(ctx: SummaryCtx, partnerId: string | undefined): string {
  if (!partnerId) return 'Territoire (toutes actions)';
  const p = ctx.partners.find((x) => x.id === partnerId);
  const acts = ctx.r.actions.filter((a) => a.partnerId === partnerId).map((a) => a.title);
  const name = p?.name ?? partnerId;
  if (!acts.length) return `${name} (sans fiche action)`;
  // Action titles often name their partner already: say it once.
  return acts.every((a) => a.includes(name)) ? acts.join(' ; ') : `${acts.join(' ; ')} (${name})`;
}

/** Every action gets its share of the rows: first series of each action, then the second... */
function fairShare(series: Series[], max: number, order: Map<string, number>): Series[] {
  const byAction = (x: Series, y: Series) =>
    (order.get(x.partnerId ?? '') ?? -1) - (order.get(y.partnerId ?? '') ?? -1) || x.key.localeCompare(y.key);
  const seen = new Map<string, number>();
  const turn = new Map<Series, number>();
  for (const s of [...series].sort(byAction)) {
    const n = seen.get(s.partnerId ?? '') ?? 0;
    turn.set(s, n);
    seen.set(s.partnerId ?? '', n + 1);
  }
  return [...series]
    .sort((x, y) => (turn.get(x) ?? 0) - (turn.get(y) ?? 0) || byAction(x, y))
    .slice(0, max)
    .sort(byAction);
}

function indicatorsSection(ctx: SummaryCtx): Section[] {
  const values = ctx.r.indicators.filter((i) => i.territoryId === ctx.t.id);
  const series = seriesOf(values);
  const order = new Map(ctx.partners.map((p, n) => [p.id, n]));
  const kept = fairShare(series, ctx.b.indicatorRows, order);
  const left = series.filter((s) => !kept.includes(s));
  const blocks: Block[] = series.length
    ? [
        {
          kind: 'table',
          columns: ['Action (partenaire)', 'Indicateur', 'Valeurs par période', 'Cible', 'Tendance'],
          widths: [3.4, 2.2, 4.4, 1.9, 1.9],
          rows: kept.map((s) => [
            subjectOf(ctx, s.partnerId),
            s.name,
            valuesText(s, ctx.b.periods),
            targetText(s),
            trendText(s),
          ]),
          rest: left.length
            ? `${plural(left.length, 'autre indicateur non détaillé', 'autres indicateurs non détaillés')} (séries de valeurs d’une action) : ${tally(
                left.map((s) => s.name),
                Object.fromEntries(left.map((s) => [s.name, s.name])),
              )}.`
            : undefined,
        },
      ]
    : [{ kind: 'note', text: 'Aucune valeur d’indicateur pour une période close à cette date.' }];
  return [
    { heading: SUMMARY_HEADINGS.indicators, level: 2, blocks },
    {
      heading: SUMMARY_HEADINGS.co2,
      level: 3,
      blocks: co2Blocks(ctx.r, values, (pid) => subjectOf(ctx, pid || undefined), {
        totalLabel: 'Total du territoire',
      }),
    },
  ];
}

/** The territory's sections (record already as of the date); the reports reuse them as they are. */
export function territorySections(ctx: SummaryCtx): Section[] {
  const sections = [
    descriptive(ctx),
    ...strategy(ctx),
    ...assessment(ctx),
    ...progress(ctx),
    blockersSection(ctx),
    ...indicatorsSection(ctx),
  ];
  return withAsOfNote(sections, ctx.asOf, ctx.generatedOn);
}

export const summaryTitle = (t: TerritoryRec) => `Synthèse territoriale — ${t.name}`;

interface Built {
  doc: DocumentModel;
  fields: Map<string, FieldUse>;
}

function build(
  r: ProgrammeRecord,
  t: TerritoryRec,
  ed: Edition,
  b: Budget,
  caps?: ReadonlyMap<string, number>,
): Built {
  const asOf = ed.asOf ?? ed.date;
  const ctx = summaryCtx(r, t, asOf, b, caps, ed.date);
  // Set in French print once chosen (`fitTerritorySummary`): typography keeps every length, so
  // the estimates of the search read the same pages without it.
  return {
    doc: {
      type: 'territory-summary',
      title: summaryTitle(t),
      subtitle: `${r.programme.name} · Rapport d’avancement n° 1 (phase 1 : stratégie)`,
      date: ed.date,
      version: ed.version,
      identification: identification(r, ed, `Synthèse du territoire ${t.name}`),
      sections: territorySections(ctx),
    },
    fields: ctx.fields,
  };
}

/** The longest text and list of each kind in the territory's record: nothing is cut at these sizes. */
function sizesOf(r: ProgrammeRecord, t: TerritoryRec): Sizes {
  const len = (xs: readonly (string | undefined)[]) => Math.max(0, ...xs.map((x) => x?.length ?? 0));
  const a = t.assessment;
  const partners = r.partners.filter((p) => p.territoryId === t.id);
  const blockers = r.blockers.filter((b) => b.territoryId === t.id);
  const series = seriesOf(r.indicators.filter((i) => i.territoryId === t.id));
  return {
    prose: len([a?.findings, a?.stakes, a?.needs, a?.infrastructure, a?.complementarities]),
    useCase: len(partners.map((p) => p.useCase.description)),
    planningRows: a?.planningDocuments?.length ?? 0,
    planningChars: len((a?.planningDocuments ?? []).map((d) => d.veliIntegration)),
    contacts: t.contacts.length,
    blockerRows: blockers.length,
    blockerChars: len(blockers.map((b) => b.description)),
    solutionChars: len(blockers.map((b) => b.solution)),
    indicatorRows: series.length,
    periods: Math.max(0, ...series.map((x) => x.values.length)),
  };
}

/** `r` is the full record: the summary freezes it at `ed.asOf` itself; `strength` 0 … 1. */
export function buildTerritorySummary(
  r: ProgrammeRecord,
  t: TerritoryRec,
  ed: Edition,
  strength: number,
): DocumentModel {
  const rec = recordAsOf(r, ed.asOf ?? ed.date);
  return typeset(build(rec, t, ed, budgetAt(sizesOf(rec, t), strength)).doc);
}

/**
 * The fields to shorten when even the tightest budget does not fit: the largest cap C such
 * that, every field printed longer than C cut to C, the estimate fits; each such field must
 * lose what it has beyond C. Estimation only (the cut texts are never printed).
 */
function overflowOf(
  estimate: (caps?: ReadonlyMap<string, number>) => Built,
  maxPages: number,
): FieldOverflow[] {
  const fields = [...estimate().fields].filter(([, f]) => f.kept > 0);
  const capped = (c: number) => new Map(fields.filter(([, f]) => f.kept > c).map(([path]) => [path, c]));
  const fits = (c: number) => estimatePages(estimate(capped(c)).doc) <= maxPages;
  // Even without any text it would not fit: no text is to blame (the lists are at their
  // tightest already), so no field is named.
  if (!fits(0)) return [];
  let lo = 0;
  let hi = Math.max(0, ...fields.map(([, f]) => f.kept));
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return fields
    .filter(([, f]) => f.kept > lo)
    .map(([field, f]) => ({ field, label: f.label, length: f.length, shortenBy: f.length - lo }))
    .sort((a, b) => b.shortenBy - a.shortenBy);
}

/** « Recommandations (3 200 caractères, à raccourcir de 1 150) ; Constat (…) ». */
export const overflowText = (overflow: readonly FieldOverflow[]) =>
  overflow.length
    ? overflow
        .map((o) => `${o.label} (${plural(o.length, 'caractère')}, à raccourcir de ${nf(o.shortenBy)})`)
        .join(' ; ')
    : 'aucun texte en cause, les listes (verrous, indicateurs, documents) sont déjà condensées au maximum ; signalez-le à l’équipe technique';

/** What the fitter condensed: each text printed shorter than written, in characters. */
const shortenedOf = (t: TerritoryRec, fields: Map<string, FieldUse>): Shortened[] =>
  [...fields]
    .filter(([, f]) => f.kept < f.length)
    .map(([field, f]) => ({
      field,
      label: f.label,
      from: f.length,
      to: f.kept,
      subject: { type: 'territory', id: t.id },
    }));

export interface SummaryFit {
  doc: DocumentModel;
  /** The condensation used, in thousandths of the strength (0: nothing condensed). */
  level: number;
  estimatedPages: number;
  fits: boolean;
  /** When it does not fit: the consultant's fields to shorten, and by how much. */
  overflow: FieldOverflow[];
  /** The texts printed shorter than written (empty when nothing was condensed). */
  shortened: Shortened[];
}

/**
 * The search stops within this many thousandths of the smallest strength that fits: a step
 * moves a 5,000-character text's allowance by about 40 characters, less than a sentence.
 */
export const SEARCH_PRECISION = 8;

/**
 * The least condensed summary, from strength `fromLevel` (thousandths) on, whose estimate fits
 * `maxPages`: nothing is condensed when the record fits as it is; else a binary search finds
 * the smallest strength that fits, so texts lose only what the page limit requires. The
 * estimate errs on the long side; when a real count still reaches the limit, the caller asks
 * again from a stronger condensation with a smaller allowance. Prose is never cut inside a
 * sentence and recommendations never at all, so a record can be too long for any budget:
 * then `fits` is false and `overflow` says what to shorten.
 */
export function fitTerritorySummary(
  r: ProgrammeRecord,
  t: TerritoryRec,
  ed: Edition,
  fromLevel = 0,
  maxPages = SUMMARY_MAX_PAGES,
): SummaryFit {
  const rec = recordAsOf(r, ed.asOf ?? ed.date);
  const sizes = sizesOf(rec, t);
  const at = (level: number) => {
    const built = build(rec, t, ed, budgetAt(sizes, level / STRENGTH_STEPS));
    return { built, level, pages: estimatePages(built.doc) };
  };
  const result = (x: ReturnType<typeof at>, fits: boolean): SummaryFit => {
    const shortened = shortenedOf(t, x.built.fields);
    // What to shorten costs a search of its own: made only if someone reads it (the 422).
    let overflow: FieldOverflow[] | undefined;
    return {
      doc: { ...typeset(x.built.doc), shortened },
      level: x.level,
      estimatedPages: x.pages,
      fits,
      get overflow() {
        overflow ??= fits ? [] : overflowOf((caps) => build(rec, t, ed, budgetAt(sizes, 1), caps), maxPages);
        return overflow;
      },
      shortened,
    };
  };
  let lo = at(Math.min(STRENGTH_STEPS, Math.max(0, fromLevel)));
  if (lo.pages <= maxPages) return result(lo, true);
  if (lo.level >= STRENGTH_STEPS) return result(lo, false);
  let hi = at(STRENGTH_STEPS);
  if (hi.pages > maxPages) return result(hi, false);
  while (hi.level - lo.level > SEARCH_PRECISION) {
    const mid = at(Math.floor((lo.level + hi.level) / 2));
    if (mid.pages <= maxPages) hi = mid;
    else lo = mid;
  }
  return result(hi, true);
}
