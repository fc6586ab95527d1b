// Request bodies valid as they stand (once given their territory or partner): a test writes
// only the fields it is about, e.g. `blocker({ territoryId, status: 'resolved' })`.
type Over = Record<string, unknown>;

export const session = (over: Over = {}) => ({
  kind: 'diagnostic',
  date: '2025-03-10',
  durationMinutes: 120,
  mode: 'remote',
  participants: 3,
  summary: 'Diagnostic des besoins de mobilité.',
  ...over,
});

export const blocker = (over: Over = {}) => ({
  category: 'cost',
  title: 'Coût des vélos cargos',
  description: 'Le coût d’acquisition freine les partenaires.',
  owner: 'territory',
  ...over,
});

export const indicator = (over: Over = {}) => ({
  indicator: 'km',
  unit: 'km',
  periodStart: '2025-01-01',
  periodEnd: '2025-01-31',
  value: 3,
  ...over,
});

export const action = (over: Over = {}) => ({
  title: 'Flotte de vélos cargos',
  description: 'Mise à disposition de trois vélos cargos.',
  actors: 'Entreprise, collectivité',
  implementationDelay: '3 mois',
  blockers: 'Stationnement sécurisé',
  reproducibility: { ease: 2, duplicationPotential: 3, actorsInvolved: 2 },
  ...over,
});

/** Workshop number 1 by default: a test that writes several gives each its own `number`. */
export const workshop = (over: Over = {}) => ({
  number: 1,
  theme: 'Stationnement des vélos cargos',
  date: '2025-05-01',
  participants: 5,
  problem: 'Où garer les vélos cargos ?',
  blockersAndSolutions: 'Arceaux devant les commerces.',
  actors: 'Mairie, commerçants',
  examplesAndContacts: 'Albi.',
  keyFigures: [],
  ...over,
});
