import type { z } from 'zod/mini';
import { plural } from './typography';

type Issue = z.core.$ZodRawIssue;

const TYPE_NAMES: Record<string, string> = {
  string: 'un texte',
  number: 'un nombre',
  int: 'un nombre entier',
  boolean: 'vrai ou faux',
  object: 'un objet',
  array: 'une liste',
  date: 'une date',
};

const FORMAT_NAMES: Record<string, string> = {
  date: 'une date réelle au format AAAA-MM-JJ',
  email: 'une adresse e-mail valide',
  datetime: 'un instant ISO 8601',
  regex: 'le format attendu',
};

const fmt = (n: number | bigint) => Number(n).toLocaleString('fr-FR');

/**
 * French message for a zod issue; used by the worker and the sidebars alike. Typeset once where
 * messages leave: shared validate (sidebars) and errorResponse (worker).
 */
export function frenchIssueMessage(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'Ce champ est obligatoire.';
      return `Valeur attendue : ${TYPE_NAMES[issue.expected] ?? issue.expected}.`;
    case 'too_small': {
      const min = fmt(issue.minimum as number);
      if (issue.origin === 'string')
        return issue.minimum === 1 ? 'Ce champ est obligatoire.' : `Au moins ${min} caractères.`;
      if (issue.origin === 'array') return `Au moins ${plural(issue.minimum as number, 'élément')}.`;
      return issue.inclusive ? `La valeur doit être au moins ${min}.` : `La valeur doit dépasser ${min}.`;
    }
    case 'too_big': {
      const max = fmt(issue.maximum as number);
      if (issue.origin === 'string') return `${max} caractères au maximum.`;
      if (issue.origin === 'array') return `${plural(issue.maximum as number, 'élément')} au maximum.`;
      return issue.inclusive
        ? `La valeur doit être au plus ${max}.`
        : `La valeur doit être inférieure à ${max}.`;
    }
    case 'invalid_format':
      return `Valeur attendue : ${FORMAT_NAMES[issue.format] ?? 'le format attendu'}.`;
    case 'invalid_value':
      if (issue.input === undefined) return 'Ce champ est obligatoire.';
      return `Valeur non reconnue. Valeurs possibles : ${issue.values.map(String).join(', ')}.`;
    case 'unrecognized_keys':
      return `Champ inconnu : ${issue.keys.map((k) => `« ${k} »`).join(', ')}.`;
    case 'not_multiple_of':
      return 'Valeur attendue : un nombre entier.';
    case 'invalid_union': {
      // A union of literals (a report: 1, 2 or "final"): name the values its branches accept.
      if (issue.input === undefined) return 'Ce champ est obligatoire.';
      const values = issue.errors.flat().flatMap((e) => (e.code === 'invalid_value' ? e.values : []));
      if (values.length)
        return `Valeur non reconnue. Valeurs possibles : ${[...new Set(values.map(String))].join(', ')}.`;
      return 'Valeur invalide.';
    }
    case 'invalid_key':
    case 'invalid_element':
      return 'Valeur invalide.';
    default:
      return 'Valeur invalide.';
  }
}
