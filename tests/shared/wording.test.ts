// How generated French reads where the code joins words (issue 17, wording): elision,
// contraction, no capital after a colon or inside parentheses of a join, acronyms kept, no
// parentheses inside parentheses. A table of cases each.
import { describe, expect, it } from 'vitest';
import {
  de,
  hasNestedParens,
  joinColon,
  le,
  lowerFirst,
  lowerLabel,
  parens,
  que,
} from '../../shared/i18n/wording';

describe('elision and contraction', () => {
  it.each([
    ['EHPAD partenaire 1', 'd’EHPAD partenaire 1'],
    ['Office de tourisme', 'd’Office de tourisme'],
    ['Albi', 'd’Albi'],
    ['Uzès', 'd’Uzès'],
    ['habitants', 'd’habitants'],
    ['hôpital de jour', 'd’hôpital de jour'],
    ['hameau', 'de hameau'],
    ['handicap', 'de handicap'],
    ['Carcassonne Agglo', 'de Carcassonne Agglo'],
    ['Le Puy-en-Velay', 'du Puy-en-Velay'],
    ['Les Cévennes', 'des Cévennes'],
    ['8 territoires', 'de 8 territoires'],
    ['IME du Tarn', 'd’IME du Tarn'],
  ])('de + « %s » → « %s »', (next, expected) => {
    expect(de(next)).toBe(expected);
  });

  it.each([
    ['atelier', 'l’atelier'],
    ['hôpital', 'l’hôpital'],
    ['hameau', 'le hameau'],
    ['territoire', 'le territoire'],
  ])('le + « %s » → « %s »', (next, expected) => {
    expect(le(next)).toBe(expected);
  });

  it.each([
    ['Albi', 'qu’Albi'],
    ['il', 'qu’il'],
    ['le territoire', 'que le territoire'],
    ['huit', 'que huit'],
  ])('que + « %s » → « %s »', (next, expected) => {
    expect(que(next)).toBe(expected);
  });
});

describe('joins: no capital after a colon, acronyms and names kept', () => {
  const names = ['Albi', 'Office de tourisme de Figeac', 'Claire Martin'];
  it.each([
    [
      'Tournées régulières',
      'Tournées de livraison en vélo cargo.',
      'Tournées régulières : tournées de livraison en vélo cargo.',
    ],
    ['Solutions', 'Contrat d’assurance flotte.', 'Solutions : contrat d’assurance flotte.'],
    ['Verrous', 'EHPAD sans abri.', 'Verrous : EHPAD sans abri.'],
    ['Verrous', 'VELI mal assurés.', 'Verrous : VELI mal assurés.'],
    ['Description', 'Albi prête trois vélos.', 'Description : Albi prête trois vélos.'],
    ['Partenaire', 'Office de tourisme de Figeac.', 'Partenaire : Office de tourisme de Figeac.'],
    ['Contact', 'Claire Martin suit le projet.', 'Contact : Claire Martin suit le projet.'],
    ['Note', '« Vrai » succès.', 'Note : « Vrai » succès.'],
    ['Durée', '3 mois.', 'Durée : 3 mois.'],
  ])('« %s » + « %s »', (label, text, expected) => {
    expect(joinColon(label, text, names)).toBe(expected);
  });

  it('lowerFirst leaves acronyms alone and lowers ordinary words', () => {
    expect(lowerFirst('Événement de clôture non tenu')).toBe('événement de clôture non tenu');
    expect(lowerFirst('PDM en révision')).toBe('PDM en révision');
    expect(lowerFirst('CO₂ évité')).toBe('CO₂ évité');
  });

  it.each([
    ['Autre VELI (quadricycle léger, vélomobile…)', 'autre VELI (quadricycle léger, vélomobile…)'],
    ['Vélo à assistance électrique', 'vélo à assistance électrique'],
    ['Entretien individuel avec le territoire', 'entretien individuel avec le territoire'],
    ['Consultant (AMO)', 'consultant (AMO)'],
    ['Taux d’utilisation des VELI', 'taux d’utilisation des VELI'],
  ])('a label inside a sentence: « %s » → « %s »', (label, expected) => {
    expect(lowerLabel(label)).toBe(expected);
  });
});

describe('no parentheses inside parentheses', () => {
  it.each([
    ['Structure d’accueil (EHPAD, IME…)', '(Structure d’accueil — EHPAD, IME…)'],
    ['autre VELI (quadricycle léger, vélomobile…)', '(autre VELI — quadricycle léger, vélomobile…)'],
    ['3 périodes', '(3 périodes)'],
  ])('parens(« %s ») → « %s »', (text, expected) => {
    expect(parens(text)).toBe(expected);
    expect(hasNestedParens(`Nom ${parens(text)}`)).toBe(false);
  });

  it('finds a nested parenthesis', () => {
    expect(hasNestedParens('(Structure d’accueil (EHPAD, IME…))')).toBe(true);
    expect(hasNestedParens('(a) et (b)')).toBe(false);
  });
});
