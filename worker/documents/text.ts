import { nf } from '../../shared/i18n/typography';

/** Escapes text for HTML element content and attribute values alike. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

// Numbers come from the one typography module (narrow no-break thousands separator).
export { nf };

export interface Shortened {
  text: string;
  /** Present when the text was cut: characters kept out of the original length. */
  shortened?: { kept: number; total: number };
}

/**
 * Shortens a text to at most `max` characters at a sentence boundary (the last `.`, `!`, `?`
 * or `…` followed by a space or a line end). When no sentence ends in the second half of the
 * allowance, cuts at a word boundary instead. The caller prints the returned `shortened`
 * counts, so no text is ever cut silently; an ellipsis in brackets marks the cut itself.
 */
export function shorten(text: string, max: number): Shortened {
  const clean = text.trim();
  if (clean.length <= max) return { text: clean };
  const head = clean.slice(0, max);
  let cut = -1;
  for (const m of head.matchAll(/[.!?…](?=\s|$)/g)) cut = (m.index ?? 0) + 1;
  if (cut < max / 2) {
    const space = head.lastIndexOf(' ');
    cut = space > max / 2 ? space : max;
  }
  const kept = clean.slice(0, cut).trimEnd();
  return { text: `${kept} […]`, shortened: { kept: kept.length, total: clean.length } };
}

/** One line of a table cell: whitespace collapsed, shortened at a word with an ellipsis. */
export function cell(text: string | undefined, max: number): string {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const head = flat.slice(0, max - 1);
  const space = head.lastIndexOf(' ');
  return `${(space > max / 2 ? head.slice(0, space) : head).trimEnd()}…`;
}

/** "3 verrous" / "1 verrou": French plural of a counted noun. */
export const count = (n: number, one: string, many: string) => `${nf(n)} ${n > 1 ? many : one}`;
