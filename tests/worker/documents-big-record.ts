// An oversized programme record built in memory, for the benchmark and the layout checks:
// the same shape `worker/documents/load.ts` reads from D1.
import { PROGRAMME_PRESET } from '../../shared/programme/preset';
import { buildQuotaReport, usageFromSessions } from '../../shared/quotas/rules';
import {
  BLOCKER_CATEGORIES,
  BLOCKER_OWNERS,
  BLOCKER_STATUSES,
  type SessionKind,
} from '../../shared/schemas/enums';
import type {
  BlockerRec,
  IndicatorRec,
  PartnerRec,
  ProgrammeRecord,
  SessionRec,
  TerritoryRec,
  WorkshopRec,
} from '../../worker/documents/record';

/** A French text of exactly `n` characters made of whole sentences. */
export function longText(n: number, seed = 'Le territoire'): string {
  const sentences = [
    `${seed} développe une offre de véhicules intermédiaires pour les trajets du quotidien.`,
    'Les partenaires testent des vélos cargos et des quadricycles légers sur des tournées régulières.',
    'Le stationnement sécurisé reste insuffisant près des gares et des zones d’activité.',
    'Les élus souhaitent mesurer le report modal et les économies réalisées par les usagers.',
  ];
  let out = '';
  for (let i = 0; out.length < n; i++) out += `${sentences[i % sentences.length]} `;
  return out.slice(0, n);
}

interface BigOptions {
  sessions?: number;
  blockers?: number;
  indicators?: number;
  textChars?: number;
  recommendationsChars?: number;
}

const TERRITORY_ID = 'terr-big';
const month = (i: number) => String((i % 12) + 1).padStart(2, '0');
/** The partner of index `i`: p1, p2, p3 in turn. */
const partnerOf = (i: number) => `p${(i % 3) + 1}`;

const bigTerritory = (textChars: number, recommendationsChars: number): TerritoryRec => ({
  id: TERRITORY_ID,
  name: 'Communauté d’agglomération de l’Albigeois',
  legalForm: 'ca',
  centralCity: { insee: '81004', name: 'Albi', population: 49_000, departement: '81' },
  consultants: ['consultante@amo.example', 'consultant@amo.example'],
  contacts: [],
  assessment: {
    findings: longText(textChars, 'Le constat'),
    stakes: longText(textChars, 'L’enjeu'),
    recommendations: longText(recommendationsChars, 'La recommandation'),
  },
});

const bigPartners = (textChars: number): PartnerRec[] =>
  [1, 2, 3].map((n) => ({
    id: `p${n}`,
    territoryId: TERRITORY_ID,
    name: `Partenaire numéro ${n} de la mobilité légère`,
    kind: 'company',
    useCase: { category: 'commute', description: longText(textChars, `Le partenaire ${n}`) },
    vehicles: ['Vélo cargo', 'Triporteur électrique', `Quadricycle léger L6e n° ${n}`],
  }));

const KINDS: SessionKind[] = ['diagnostic', 'collective-support', 'partner-support', 'territory-interview'];

const bigSessions = (n: number): SessionRec[] =>
  Array.from({ length: n }, (_, i) => {
    const kind = KINDS[i % KINDS.length]!;
    return {
      kind,
      territoryId: TERRITORY_ID,
      partnerId: kind === 'partner-support' ? partnerOf(i) : undefined,
      date: `2025-${month(i)}-10`,
      durationMinutes: 90,
    };
  });

const bigBlockers = (n: number, textChars: number): BlockerRec[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `b${String(i).padStart(3, '0')}`,
    territoryId: TERRITORY_ID,
    partnerId: i % 2 ? partnerOf(i) : undefined,
    category: BLOCKER_CATEGORIES[i % BLOCKER_CATEGORIES.length]!,
    title: `Verrou ${i + 1} sur le stationnement des vélos cargos`,
    description: longText(textChars, `Le verrou ${i + 1}`),
    owner: BLOCKER_OWNERS[i % BLOCKER_OWNERS.length]!,
    status: BLOCKER_STATUSES[i % BLOCKER_STATUSES.length]!,
    solution: longText(textChars, `La solution ${i + 1}`),
    updatedAt: `2025-06-${String((i % 28) + 1).padStart(2, '0')}T10:00:00.000Z`,
  }));

const CODES = ['km', 'usage-rate', 'users', 'trips', 'co2-avoided-kg'] as const;

const bigIndicators = (n: number): IndicatorRec[] =>
  Array.from({ length: n }, (_, i) => {
    const code = CODES[i % CODES.length]!;
    return {
      id: `i${String(i).padStart(3, '0')}`,
      territoryId: TERRITORY_ID,
      partnerId: partnerOf(i),
      indicator: code,
      unit: code === 'usage-rate' ? '%' : 'u',
      periodStart: `2025-${month(i)}-01`,
      periodEnd: `2025-${month(i)}-28`,
      value: code === 'usage-rate' ? 40 + (i % 50) : 100 + i * 10,
      target: 80,
    };
  });

const bigActions = (partners: PartnerRec[]): ProgrammeRecord['actions'] =>
  partners.map((p) => ({
    id: `a-${p.id}`,
    partnerId: p.id,
    territoryId: TERRITORY_ID,
    title: `Flotte de vélos cargos partagée (${p.name})`,
    description: longText(800),
    actors: 'Service mobilité, entreprise partenaire',
    implementationDelay: '6 mois',
    blockers: longText(400),
    reproducibility: { ease: 2, duplicationPotential: 3, actorsInvolved: 3 },
  }));

/** One territory with three partners and `n` of everything, free texts `textChars` long. */
export function bigRecord(opts: BigOptions = {}) {
  const textChars = opts.textChars ?? 5000;
  const territory = bigTerritory(textChars, opts.recommendationsChars ?? textChars);
  const partners = bigPartners(textChars);
  const sessions = bigSessions(opts.sessions ?? 60);
  const report = buildQuotaReport(PROGRAMME_PRESET, [territory], partners, usageFromSessions(sessions));
  const record: ProgrammeRecord = {
    programme: PROGRAMME_PRESET,
    assessment: null,
    territories: [territory],
    partners,
    sessions,
    blockers: bigBlockers(opts.blockers ?? 40, textChars),
    indicators: bigIndicators(opts.indicators ?? 50),
    actions: bigActions(partners),
    workshops: [],
    territoryQuotas: new Map(report.territories.map((t) => [t.territoryId, t.quotas])),
    partnerQuotas: new Map(report.partners.map((p) => [p.partnerId, p.quotas])),
  };
  return { record, territory };
}

/** A workshop of the big territory: its sheet's fields, a format, one solution. */
export const sampleWorkshop: WorkshopRec = {
  id: 'w1',
  number: 1,
  theme: 'Stationnement',
  date: '2025-05-20',
  hostTerritoryId: 'terr-big',
  participants: 18,
  problem: 'Où garer ?',
  blockersAndSolutions: 'Arceaux.',
  actors: 'Mairie.',
  examplesAndContacts: 'Albi.',
  keyFigures: [],
  format: 'eductour' as const,
  solutions: [{ blocker: 'Pas d’abri', solution: 'Abri en gare', category: 'parking' as const }],
};
