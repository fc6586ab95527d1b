// "Importer un onglet existant": what can be imported, how a staff member's own column headers
// are matched to fields (suggested from the header's words), and how their cells are read —
// French labels or codes, "3 h" or "½ journée", "12,5", "10/12/2025". Pure: the sidebar
// suggests the mapping with it, the add-on converts the rows with it.
import { LABELS } from '../shared/i18n/labels';
import { FR_MONTHS } from '../shared/i18n/typography';
import type { SessionKind, SessionMode } from '../shared/schemas/enums';
import type { ImportTarget } from './api';

export type FieldType = 'date' | 'int' | 'number' | 'text' | 'duration' | 'enum' | 'territory' | 'partner';
export interface ImportField {
  name: string;
  label: string;
  type: FieldType;
  required?: boolean;
  table?: Record<string, string>;
  /** Other words staff write for a code (accents, case and punctuation ignored). */
  aliases?: Record<string, readonly string[]>;
  /** Header words that suggest this field (accents and case ignored). */
  synonyms: string[];
}

/** What staff write for a session's kind, besides its label: the words of their own logs. */
const KIND_ALIASES: Record<SessionKind, readonly string[]> = {
  'ademe-kickoff': ['lancement', 'reunion de lancement', 'kick off', 'kickoff', 'entretien de lancement'],
  'territory-interview': ['entretien individuel', 'entretien', 'entretien territoire', 'visio individuelle'],
  diagnostic: ['diagnostic', 'accompagnement', 'diag', 'diagnostic territorial'],
  'team-building': ['team building', 'seminaire', 'rencontre des territoires'],
  'collective-support': ['appui collectif', 'appui', 'appui partenaires', 'accompagnement collectif'],
  workshop: ['atelier', 'atelier collectif', 'demi journee collective'],
  'virtual-event': ['evenement virtuel', 'webinaire', 'webinar', 'evenement collectif virtuel'],
  'partner-support': [
    'accompagnement partenaire',
    'accompagnement individuel',
    'appui individuel',
    'suivi partenaire',
  ],
  'closing-event': ['cloture', 'evenement de cloture', 'evenement final'],
  copil: ['copil', 'comite de pilotage', 'comite'],
  'ademe-monthly': ['point mensuel', 'point ademe', 'reunion mensuelle', 'point mensuel ademe', 'mensuel'],
};
/** « visio », « présentiel »… */
const MODE_ALIASES: Record<SessionMode, readonly string[]> = {
  remote: [
    'visio',
    'visioconference',
    'distanciel',
    'a distance',
    'en ligne',
    'teams',
    'zoom',
    'telephone',
    'remote',
  ],
  'on-site': ['presentiel', 'en presentiel', 'sur site', 'sur place', 'physique', 'terrain', 'on site'],
};

const territory: ImportField = {
  name: 'territoryId',
  label: 'Territoire',
  type: 'territory',
  synonyms: ['territoire', 'collectivite', 'epci', 'intercommunalite'],
};
const partner: ImportField = {
  name: 'partnerId',
  label: 'Partenaire',
  type: 'partner',
  synonyms: ['partenaire', 'structure', 'entreprise'],
};

export const IMPORT_TARGETS: Record<ImportTarget, { label: string; fields: ImportField[] }> = {
  sessions: {
    label: 'Séances',
    fields: [
      {
        name: 'kind',
        label: 'Type de séance',
        type: 'enum',
        required: true,
        table: LABELS.sessionKind,
        aliases: KIND_ALIASES,
        synonyms: ['type', 'nature', 'type de seance'],
      },
      territory,
      partner,
      { name: 'date', label: 'Date', type: 'date', required: true, synonyms: ['date', 'jour', 'le'] },
      {
        name: 'durationMinutes',
        label: 'Durée',
        type: 'duration',
        required: true,
        synonyms: ['duree', 'temps', 'minutes', 'heures'],
      },
      {
        name: 'mode',
        label: 'Modalité',
        type: 'enum',
        required: true,
        table: LABELS.sessionMode,
        aliases: MODE_ALIASES,
        synonyms: ['modalite', 'mode', 'format', 'lieu'],
      },
      {
        name: 'participants',
        label: 'Participants',
        type: 'int',
        required: true,
        synonyms: ['participants', 'nombre de participants', 'personnes', 'presents'],
      },
      {
        name: 'summary',
        label: 'Résumé',
        type: 'text',
        required: true,
        synonyms: ['resume', 'compte rendu', 'contenu', 'notes', 'objet', 'sujet'],
      },
      { name: 'decisions', label: 'Décisions', type: 'text', synonyms: ['decisions', 'decide'] },
      {
        name: 'nextSteps',
        label: 'Prochaines étapes',
        type: 'text',
        synonyms: ['prochaines etapes', 'suites', 'suite a donner', 'actions a suivre'],
      },
    ],
  },
  blockers: {
    label: 'Verrous',
    fields: [
      { ...territory, required: true },
      partner,
      {
        name: 'category',
        label: 'Catégorie',
        type: 'enum',
        required: true,
        table: LABELS.blockerCategory,
        synonyms: ['categorie', 'type', 'nature'],
      },
      {
        name: 'title',
        label: 'Intitulé',
        type: 'text',
        required: true,
        synonyms: ['intitule', 'verrou', 'titre', 'frein'],
      },
      {
        name: 'description',
        label: 'Description',
        type: 'text',
        required: true,
        synonyms: ['description', 'detail', 'explication'],
      },
      {
        name: 'owner',
        label: 'Porteur de la solution',
        type: 'enum',
        required: true,
        table: LABELS.blockerOwner,
        synonyms: ['porteur', 'responsable', 'qui'],
      },
      { name: 'ownerName', label: 'Nom du porteur', type: 'text', synonyms: ['nom du porteur', 'contact'] },
      {
        name: 'status',
        label: 'Statut',
        type: 'enum',
        table: LABELS.blockerStatus,
        synonyms: ['statut', 'etat', 'avancement'],
      },
      { name: 'solution', label: 'Solution', type: 'text', synonyms: ['solution', 'levee', 'reponse'] },
    ],
  },
  indicators: {
    label: 'Indicateurs',
    fields: [
      { ...territory, required: true },
      partner,
      {
        name: 'indicator',
        label: 'Indicateur',
        type: 'enum',
        required: true,
        table: LABELS.indicator,
        synonyms: ['indicateur', 'mesure'],
      },
      { name: 'label', label: 'Libellé', type: 'text', synonyms: ['libelle', 'intitule'] },
      { name: 'unit', label: 'Unité', type: 'text', required: true, synonyms: ['unite'] },
      {
        name: 'periodStart',
        label: 'Début de période',
        type: 'date',
        required: true,
        synonyms: ['debut', 'du', 'date de debut'],
      },
      {
        name: 'periodEnd',
        label: 'Fin de période',
        type: 'date',
        required: true,
        synonyms: ['fin', 'au', 'date de fin'],
      },
      {
        name: 'value',
        label: 'Valeur',
        type: 'number',
        required: true,
        synonyms: ['valeur', 'resultat', 'total'],
      },
      { name: 'target', label: 'Cible', type: 'number', synonyms: ['cible', 'objectif'] },
    ],
  },
};

/** "Durée (min)" → "duree min", « Cœur » → "coeur": accents, ligatures, case and punctuation ignored. */
export const normalise = (s: string) =>
  s
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'Oe')
    .replace(/æ/g, 'ae')
    .replace(/Æ/g, 'Ae')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** The header of the tab most likely meant for each field (each header used once). */
export function suggestMapping(target: ImportTarget, headers: readonly string[]): Record<string, string> {
  const free = new Map(headers.map((h) => [normalise(h), h] as const));
  const out: Record<string, string> = {};
  for (const f of IMPORT_TARGETS[target].fields) {
    const words = [normalise(f.label), ...f.synonyms];
    const exact = words.find((w) => free.has(w));
    const partial = exact
      ? undefined
      : [...free.keys()].find((h) => words.some((w) => w.length > 3 && h.includes(w)));
    const key = exact ?? partial;
    if (key === undefined) continue;
    out[f.name] = free.get(key)!;
    free.delete(key);
  }
  return out;
}

/**
 * A code from what a person wrote: the code, its French label or one of its aliases (accents,
 * case and punctuation ignored).
 */
export function fromLabel(
  table: Record<string, string>,
  raw: string,
  aliases: Record<string, readonly string[]> = {},
): string | undefined {
  const n = normalise(raw);
  if (!n) return undefined;
  for (const [code, label] of Object.entries(table))
    if (normalise(code) === n || normalise(label) === n || (aliases[code] ?? []).includes(n)) return code;
  return undefined;
}

/** "12,5", "1 200", "12.5" → a number. */
export function parseNumber(raw: string): number | undefined {
  const t = raw.replace(/[\s\u00A0\u202F]/g, '').replace(',', '.');
  return /^[+-]?\d+(\.\d+)?$/.test(t) ? Number(t) : undefined;
}

/** "180", "3 h", "3h30", "1,5 h", "1 j", "½ journée", "demi-journée" → minutes. */
export function parseDuration(raw: string, minutesPerDay: number): number | undefined {
  const t = raw
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace('½', ' 0.5 ')
    .replace(/(\d),(\d)/g, '$1.$2')
    .replace(/[-\s]+/g, ' ')
    .trim();
  if (/^\d+$/.test(t)) return Number(t);
  if (/^(une )?demi journee$/.test(t)) return Math.round(minutesPerDay / 2);
  if (/^(une|1) journee$/.test(t)) return minutesPerDay;
  const day = /^(\d+(?:\.\d+)?) ?(j|jours?|journees?)$/.exec(t);
  if (day) return Math.round(Number(day[1]) * minutesPerDay);
  const hm = /^(\d+) ?h ?(\d+)?(?: ?min)?$/.exec(t);
  if (hm) return Number(hm[1]) * 60 + Number(hm[2] ?? 0);
  const hours = /^(\d+(?:\.\d+)?) ?(h|heures?)$/.exec(t);
  if (hours) return Math.round(Number(hours[1]) * 60);
  const min = /^(\d+) ?(mn|min|minutes?)$/.exec(t);
  return min ? Number(min[1]) : undefined;
}

/** The months as `normalise` reads them (« février » → "fevrier"). */
const FR_MONTH_NAMES: readonly string[] = /* @__PURE__ */ FR_MONTHS.map(normalise);

/** The day, month and year a person wrote: 14/10/2025, 14-10-25, 14.10.2025, 2025-10-14, 14 octobre 2025. */
function dateParts(raw: string): [number, number, number] | null {
  const t = raw.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (iso) return [Number(iso[3]), Number(iso[2]), Number(iso[1])];
  const fr = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/.exec(t);
  if (fr) return [Number(fr[1]), Number(fr[2]), Number(fr[3]!.length === 2 ? `20${fr[3]}` : fr[3])];
  const words = /^(\d{1,2})(?:er)? ([a-z]+) (\d{4})$/.exec(normalise(t));
  const month = words ? FR_MONTH_NAMES.indexOf(words[2]!) + 1 : 0;
  return words && month ? [Number(words[1]), month, Number(words[3])] : null;
}

export type DateReading = { iso: string } | { error: 'unreadable' | 'no-such-day' };

/**
 * A calendar date written by a person, in the forms French staff use. A day the month does not
 * have (32/10/2025, 29/02/2025) is no date: it is named as such, never moved to another day.
 */
export function parseDate(raw: string): DateReading {
  const parts = dateParts(raw);
  if (!parts) return { error: 'unreadable' };
  const [d, m, y] = parts;
  const last = m >= 1 && m <= 12 ? new Date(Date.UTC(y, m, 0)).getUTCDate() : 0;
  if (d < 1 || d > last) return { error: 'no-such-day' };
  return { iso: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}
