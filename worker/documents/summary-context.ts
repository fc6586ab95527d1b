import type { Budget } from './budget';
import type { Block } from './model';
import { type Kept, keepSentences } from './prose';
import type { PartnerRec, ProgrammeRecord, TerritoryRec } from './record';

/** A consultant-written field met while building a summary, for `422 DOES_NOT_FIT`. */
export interface FieldUse {
  label: string;
  /** Its full length in the record. */
  length: number;
  /** What the summary printed of it. */
  kept: number;
}

/** Everything a section of the territory summary reads. */
export interface SummaryCtx {
  /** The record as of the document's date (see as-of.ts). */
  r: ProgrammeRecord;
  t: TerritoryRec;
  partners: readonly PartnerRec[];
  asOf: string;
  /** The generation day, for the note that says what « as of » covers. */
  generatedOn: string;
  b: Budget;
  /**
   * Estimation only: each listed field's text is taken to be at most this long. The fitter
   * uses it to find how much each field must lose for the summary to fit; never rendered.
   */
  caps?: ReadonlyMap<string, number> | undefined;
  fields: Map<string, FieldUse>;
}

export function summaryCtx(
  r: ProgrammeRecord,
  t: TerritoryRec,
  asOf: string,
  b: Budget,
  caps: ReadonlyMap<string, number> | undefined,
  generatedOn: string,
): SummaryCtx {
  const partners = r.partners.filter((p) => p.territoryId === t.id);
  return { r, t, partners, asOf, generatedOn, b, caps, fields: new Map() };
}

/**
 * A consultant's text, kept in whole sentences up to `max` (no `max`: whole), recorded under
 * its API path so that a summary that cannot fit names it.
 */
export function prose(ctx: SummaryCtx, path: string, label: string, text: string, max?: number): Kept {
  const cap = ctx.caps?.get(path);
  const k = keepSentences(cap === undefined ? text : text.slice(0, cap), max);
  ctx.fields.set(path, { label, length: text.trim().length, kept: k.shortened?.kept ?? k.text.length });
  return k;
}

/** The same as a paragraph; the renderer prints how much of it was kept. */
export function proseBlock(ctx: SummaryCtx, path: string, label: string, text: string, max?: number): Block {
  const k = prose(ctx, path, label, text, max);
  return k.shortened ? { kind: 'p', text: k.text, shortened: k.shortened } : { kind: 'p', text: k.text };
}

/** A text of the territory's assessment nobody has written yet: a note, and a warning to fix it. */
export const notEntered = (ctx: SummaryCtx, field: string, label: string): Block => ({
  kind: 'note',
  text: 'Non renseigné par le consultant à cette date.',
  missing: { subject: { type: 'territory', id: ctx.t.id }, field: `assessment.${field}`, label },
});
