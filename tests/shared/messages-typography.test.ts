import { describe, expect, it } from 'vitest';
import { amount, MSG, typeset } from '../../shared/i18n/messages';
import { NBSP, NNBSP } from '../../shared/i18n/typography';
import type { Quota } from '../../shared/quotas/rules';

/** Plain spaces where French print wants a no-break one: before `: ; ? ! »`, after `«`. */
const plainSpaces = (s: string) => [...s.matchAll(/[ \t](?=[:;?!»])|«[ \t]/g)].length;

const QUOTA = {
  key: 'diagnostic',
  label: 'Diagnostic et accompagnement',
  scope: 'territory',
  unit: 'minutes',
  used: 1440,
  limit: 1680,
  status: 'warning',
} as unknown as Quota;

/**
 * Realistic arguments for the message functions; a function not listed here (one added
 * later) is called with sample words, which every message can print.
 */
const ARGS: Record<string, unknown[]> = {
  notMember: ['claire.martin@amo.example'],
  notYourTerritory: ["Communauté d'agglomération de l'Albigeois"],
  notFound: ['Territoire'],
  tooLarge: [64],
  rateLimited: [30],
  maxTerritories: [10],
  unknownCommune: ['31999'],
  outsideRegion: ['Paris', '75056', '76'],
  tooSmall: ['Mazères', 3852, 4500],
  quotaExceeded: [QUOTA, 90],
  durationCap: ['Appui collectif', 120, 150],
  hostAlreadyUsed: ['Rodez agglomération'],
  workshopNumberUsed: [2],
  workshopNumberTooHigh: [4],
  partnersFull: ['Grand Figeac', 3],
  territoryRequired: ['Appui collectif'],
  dateOutsideProgramme: ['2025-02-01', '2026-06-30'],
  unknownBlocker: ['b-12'],
  sessionAlreadyLogged: ['10/12/2025, 180 min, Diagnostic et accompagnement'],
  notSessionAuthor: ['claire.martin@amo.example'],
  blockerOfOtherTerritory: ['b-12'],
  asOfOutOfRange: ['2024-02-01', '2028-06-30'],
  memberExists: ['claire.martin@amo.example', 'Lecteur'],
  memberConfigured: ['admin@ademe.example'],
  oneOf: ['Statut d’alerte', ['open', 'resolved', 'all']],
  integerBetween: ['Taille de page', 5000],
  partsExpected: [['quotas', 'alerts']],
  unknownParts: [['budget'], ['quotas', 'alerts']],
};

const printed = () =>
  Object.entries(MSG).map(([key, value]) => {
    if (typeof value === 'string') return [key, value] as const;
    const args = ARGS[key] ?? Array.from({ length: value.length }, () => 'Albi ?');
    return [key, (value as (...a: unknown[]) => string)(...args)] as const;
  });

describe('French typography of every message the API and the sidebars show', () => {
  it('has no plain space before : ; ? ! » nor after « in any MSG value', () => {
    const all = printed();
    expect(all.length).toBe(Object.keys(MSG).length);
    const offending = all.filter(([, text]) => plainSpaces(text) > 0);
    expect(offending).toEqual([]);
    // The rule is really applied (not merely absent): messages with a colon carry a no-break space.
    expect(MSG.validation).toContain(`${NBSP}:`);
  });

  it('sets the values a message inserts too, and curls their apostrophes', () => {
    expect(MSG.notYourTerritory("l'Albigeois ?")).toBe(
      `Vous n’êtes pas consultant du territoire «${NBSP}l’Albigeois${NNBSP}?${NBSP}».`,
    );
    expect(plainSpaces(MSG.quotaExceeded(QUOTA, 90))).toBe(0);
  });

  it('writes quota amounts with the typography module: unbroken numbers and durations', () => {
    expect(amount(90, 'minutes')).toBe(`90${NBSP}min (1${NBSP}h${NBSP}30)`);
    expect(amount(1680, 'minutes')).toBe(`1${NNBSP}680${NBSP}min (28${NBSP}h)`);
    expect(amount(1, 'sessions')).toBe(`1${NBSP}séance`);
    expect(amount(3, 'partners')).toBe(`3${NBSP}partenaires`);
  });

  it('typesets any table of messages the same way', () => {
    const t = typeset({ a: 'Voici : la suite', b: (n: number) => `Reste ${n} ; fin !` });
    expect(t.a).toBe(`Voici${NBSP}: la suite`);
    expect(t.b(2)).toBe(`Reste 2${NNBSP}; fin${NNBSP}!`);
  });
});
