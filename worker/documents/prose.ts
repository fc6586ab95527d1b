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

/** Characters read past the allowance to tell whether a sentence really ends there. */
const LOOKAHEAD = 400;

/** The end (exclusive) of the last whole sentence within `max` characters, or of the first one. */
function sentenceEnd(text: string, max: number): number {
  // Segmenting costs the length of the text: read only the allowance and a look-ahead.
  const window = text.length > max + LOOKAHEAD ? text.slice(0, max + LOOKAHEAD) : text;
  let end = 0;
  for (const s of SENTENCES.segment(window)) {
    const next = s.index + s.segment.length;
    if (next > max) break;
    end = next;
  }
  if (end > 0) return end;
  // The first sentence is longer than the allowance: it is kept whole, wherever it ends.
  const [first] = SENTENCES.segment(text);
  return first ? first.index + first.segment.length : text.length;
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
