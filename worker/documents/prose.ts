/**
 * What consultants wrote is shortened only between sentences, never inside one: a text keeps
 * its first sentences up to an allowance (at least its first sentence, however long), and
 * says how much it kept. Recommendations are never shortened at all (their callers pass no
 * allowance).
 */
const SENTENCES = new Intl.Segmenter('fr', { granularity: 'sentence' });

export interface Kept {
  text: string;
  /** Present when sentences were left out: characters kept out of the text's length. */
  shortened?: { kept: number; total: number };
}

/**
 * The ends (exclusive) of a text's sentences. The fitter tries a dozen allowances on the same
 * texts: each text is segmented once (a small cache, emptied when it grows).
 */
const ENDS = new Map<string, number[]>();
function sentenceEnds(text: string): number[] {
  let ends = ENDS.get(text);
  if (!ends) {
    ends = [];
    for (const s of SENTENCES.segment(text)) ends.push(s.index + s.segment.length);
    if (ENDS.size > 500) ENDS.clear();
    ENDS.set(text, ends);
  }
  return ends;
}

/** The end (exclusive) of the last whole sentence within `max` characters, or of the first one. */
function sentenceEnd(text: string, max: number): number {
  const ends = sentenceEnds(text);
  let end = 0;
  for (const next of ends) {
    if (next > max) break;
    end = next;
  }
  // The first sentence is longer than the allowance: it is kept whole, wherever it ends.
  return end > 0 ? end : (ends[0] ?? text.length);
}

/** Whole sentences up to `max` characters; ` […]` marks where the text goes on in the record. */
export function keepSentences(text: string, max = Number.POSITIVE_INFINITY): Kept {
  const clean = text.trim();
  if (clean.length <= max) return { text: clean };
  const kept = clean.slice(0, sentenceEnd(clean, max)).trimEnd();
  if (kept.length >= clean.length) return { text: clean };
  return { text: `${kept} […]`, shortened: { kept: kept.length, total: clean.length } };
}

/** One line of a table cell: line breaks read as spaces. */
export const flat = (text: string) => text.replace(/\s+/g, ' ').trim();
