import { describe, expect, it } from 'vitest';
import {
  days,
  duration,
  frDate,
  frList,
  frMonth,
  frShortDate,
  frTypo,
  NBSP,
  NNBSP,
  nf,
  plural,
  qty,
  quoted,
} from '../../shared/i18n/typography';

/** What frTypo makes of typed text: the rule, the text typed and the text shown. */
const TYPESET: [string, string, string][] = [
  [
    'puts the right no-break space before ; ? ! and :',
    'Vraiment ? Oui ! Alors ; voici : la suite',
    `Vraiment${NNBSP}? Oui${NNBSP}! Alors${NNBSP}; voici${NBSP}: la suite`,
  ],
  [
    'holds « » together with no-break spaces, with or without typed spaces',
    'le « team building » et «atelier»',
    `le «${NBSP}team building${NBSP}» et «${NBSP}atelier${NBSP}»`,
  ],
  [
    'curls apostrophes between letters and leaves times and addresses alone',
    "l'atelier d'Albi à 10:30, https://ademe.fr",
    'l’atelier d’Albi à 10:30, https://ademe.fr',
  ],
];

describe('French typography', () => {
  it.each(TYPESET)('%s', (_rule, typed, shown) => {
    expect(frTypo(typed)).toBe(shown);
  });

  it('quotes a name between « » held by no-break spaces', () => {
    expect(quoted('Albi')).toBe(`«${NBSP}Albi${NBSP}»`);
  });

  it('is idempotent and leaves no plain space before a sign', () => {
    const once = frTypo("Qu'en est-il ? « Rien » : voilà ; fin !");
    expect(frTypo(once)).toBe(once);
    expect(once).not.toMatch(/ [:;?!»]/);
    expect(once).not.toMatch(/« /);
  });

  it('formats numbers, amounts and counted nouns that never break', () => {
    expect(nf(12345.67, 1)).toBe(`12${NNBSP}345,7`);
    expect(qty(12, 'km')).toBe(`12${NBSP}km`);
    expect(plural(0, 'séance')).toBe(`0${NBSP}séance`);
    expect(plural(1, 'séance')).toBe(`1${NBSP}séance`);
    expect(plural(4, 'séance')).toBe(`4${NBSP}séances`);
    expect(plural(2, 'verrou', 'verrous')).toBe(`2${NBSP}verrous`);
  });

  it('writes durations and days the way French print does', () => {
    expect(duration(45)).toBe(`45${NBSP}min`);
    expect(duration(180)).toBe(`3${NBSP}h`);
    expect(duration(210)).toBe(`3${NBSP}h${NBSP}30`);
    expect(duration(2730)).toBe(`45${NBSP}h${NBSP}30`);
    expect(duration(65)).toBe(`1${NBSP}h${NBSP}05`);
    expect(days(840, 420)).toBe(`2${NBSP}j`);
    expect(days(1050, 420)).toBe(`2,5${NBSP}j`);
  });

  it('writes dates and months unbroken, and lists with « et »', () => {
    expect(frDate('2025-03-01')).toBe(`1er${NBSP}mars${NBSP}2025`);
    expect(frDate('2025-12-10')).toBe(`10${NBSP}décembre${NBSP}2025`);
    expect(frDate('not-a-date')).toBe('not-a-date');
    expect(frShortDate('2025-12-10')).toBe('10/12/2025');
    expect(frMonth('2025-04')).toBe(`avril${NBSP}2025`);
    expect(frList(['a'])).toBe('a');
    expect(frList(['a', 'b', 'c'])).toBe('a, b et c');
  });
});
