/**
 * The consistency checks of a deliverable (worker/documents/consistency.ts): each rule's code,
 * its French name, and the form that fixes the record it names. The worker returns them as
 * `warnings` of every generation; the Document sidebar shows them with a link to that form;
 * submitting refuses a version with warnings (409 NOT_READY) unless they are acknowledged.
 */
export const CONSISTENCY_RULES = {
  'action-status-results': 'Statut d’une action et ses résultats',
  'solution-open-blocker': 'Solution écrite, verrou encore ouvert',
  'workshop-mode-format': 'Modalité d’un atelier et son format',
  'workshop-figures-territories': 'Chiffres clés et territoires participants',
  'action-actors-count': 'Acteurs d’une action et leur nombre',
  'final-copil-early': 'COPIL final et COPIL tenus',
  'empty-section': 'Section vide',
  'territory-without-assessment': 'Territoire sans synthèse rédigée',
  'shortened-text': 'Texte abrégé pour tenir le format',
} as const;
export type WarningCode = keyof typeof CONSISTENCY_RULES;
export const WARNING_CODES = Object.keys(CONSISTENCY_RULES) as WarningCode[];

export const SUBJECT_TYPES = [
  'territory',
  'workshop',
  'action',
  'blocker',
  'session',
  'programme-assessment',
] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/** The add-on's sidebar that edits each kind of record (what a warning's link opens). */
export const FORM_OF: Record<SubjectType, { sidebar: string; label: string }> = {
  territory: { sidebar: 'diagnostic', label: 'Ouvrir le diagnostic du territoire' },
  workshop: { sidebar: 'atelier', label: 'Ouvrir la fiche atelier' },
  action: { sidebar: 'action', label: 'Ouvrir la fiche action' },
  blocker: { sidebar: 'verrous', label: 'Ouvrir le verrou' },
  session: { sidebar: 'journal', label: 'Ouvrir le journal de séance' },
  'programme-assessment': { sidebar: 'syntheses', label: 'Ouvrir les synthèses du programme' },
};
