import { describe, expect, it } from 'vitest';
import { cleanText, hasLoneSurrogate, isVisible, text } from '../../shared/schemas/common';
import { validate } from '../../shared/schemas/validate';

describe('text cleaning shared by the worker and the sidebars', () => {
  it('normalises to NFC and removes controls (tab and newline kept) and bidi overrides', () => {
    expect(cleanText('Cafe\u0301')).toBe('Café');
    expect(cleanText('a\u0000b\u0008c\u000Bd\u001Fe\u007Ff\u009Fg')).toBe('abcdefg');
    expect(cleanText('l1\r\nl2\tx')).toBe('l1\nl2\tx');
    expect(cleanText('\u202Eabc\u202C \u2067def\u2069')).toBe('abc def');
    // A control between a letter and its accent is removed before normalising, so they compose.
    for (const control of ['\u0007', '\u0085', '\u202E', '\u2066', '\u0000\u202A'])
      expect(cleanText(`Cafe${control}\u0301`), JSON.stringify(control)).toBe('Caf\u00E9');
    // Joiners that make one emoji out of several stay.
    expect(cleanText('👩\u200D🔧')).toBe('👩\u200D🔧');
  });

  it('tells visible text from invisible characters', () => {
    for (const s of ['\u200B', '\u200E\u200F', '\u0301', ' \t\n', '\u2060\uFEFF', '\u180E', '\u2800'])
      expect(isVisible(s), JSON.stringify(s)).toBe(false);
    for (const s of ['a', 'é', 'e\u0301', '🚲', '٣', '中']) expect(isVisible(s), s).toBe(true);
  });

  it('finds half surrogate pairs', () => {
    expect(hasLoneSurrogate('🚲')).toBe(false);
    expect(hasLoneSurrogate('\uD83D')).toBe(true);
    expect(hasLoneSurrogate('\uDEB2x')).toBe(true);
    expect(hasLoneSurrogate('x\uD83D\uD83D\uDEB2')).toBe(true);
  });

  it('the text schema answers the cleaned text, or a French reason', () => {
    expect(validate(text(20), 'Cafe\u0301\u0000')).toEqual({ ok: true, data: 'Café' });
    expect(validate(text(20), '\u200B')).toEqual({
      ok: false,
      issues: [
        {
          path: '',
          message: 'Ce champ ne peut pas être vide\u00A0: il ne contient aucun caractère visible.',
        },
      ],
    });
    const bad = validate(text(20), 'a\uD800');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.issues[0]?.message).toMatch(/mal encodé/);
    // The length counts what is stored: the controls removed first.
    expect(validate(text(3), 'ab\u0000\u0000\u0000c').ok).toBe(true);
  });
});
