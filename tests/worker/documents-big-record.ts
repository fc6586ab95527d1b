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

export function bigRecord(
  opts: {
    sessions?: number;
    blockers?: number;
    indicators?: number;
    textChars?: number;
    recommendationsChars?: number;
  } = {},
) {
  const sessionsN = opts.sessions ?? 60;
  const textChars = opts.textChars ?? 5000;
  const territory: TerritoryRec = {
    id: 'terr-big',
    name: 'Communauté d’agglomération de l’Albigeois',
    legalForm: 'ca',
    centralCity: { insee: '81004', name: 'Albi', population: 49_000, departement: '81' },
    consultants: ['consultante@amo.example', 'consultant@amo.example'],
    contacts: [],
    assessment: {
      findings: longText(textChars, 'Le constat'),
      stakes: longText(textChars, 'L’enjeu'),
      recommendations: longText(opts.recommendationsChars ?? textChars, 'La recommandation'),
    },
  };
  const partners: PartnerRec[] = [1, 2, 3].map((n) => ({
    id: `p${n}`,
    territoryId: territory.id,
    name: `Partenaire numéro ${n} de la mobilité légère`,
    kind: 'company',
    useCase: { category: 'commute', description: longText(textChars, `Le partenaire ${n}`) },
    vehicles: ['Vélo cargo', 'Triporteur électrique', `Quadricycle léger L6e n° ${n}`],
  }));
  const kinds: SessionKind[] = ['diagnostic', 'collective-support', 'partner-support', 'territory-interview'];
  const sessions: SessionRec[] = Array.from({ length: sessionsN }, (_, i) => {
    const kind = kinds[i % kinds.length]!;
    return {
      kind,
      territoryId: territory.id,
      partnerId: kind === 'partner-support' ? `p${(i % 3) + 1}` : undefined,
      date: `2025-${String((i % 12) + 1).padStart(2, '0')}-10`,
      durationMinutes: 90,
    };
  });
  const blockers: BlockerRec[] = Array.from({ length: opts.blockers ?? 40 }, (_, i) => ({
    id: `b${String(i).padStart(3, '0')}`,
    territoryId: territory.id,
    partnerId: i % 2 ? `p${(i % 3) + 1}` : undefined,
    category: BLOCKER_CATEGORIES[i % BLOCKER_CATEGORIES.length]!,
    title: `Verrou ${i + 1} sur le stationnement des vélos cargos`,
    description: longText(textChars, `Le verrou ${i + 1}`),
    owner: BLOCKER_OWNERS[i % BLOCKER_OWNERS.length]!,
    status: BLOCKER_STATUSES[i % BLOCKER_STATUSES.length]!,
    solution: longText(textChars, `La solution ${i + 1}`),
    updatedAt: `2025-06-${String((i % 28) + 1).padStart(2, '0')}T10:00:00.000Z`,
  }));
  const codes = ['km', 'usage-rate', 'users', 'trips', 'co2-avoided-kg'] as const;
  const indicators: IndicatorRec[] = Array.from({ length: opts.indicators ?? 50 }, (_, i) => ({
    id: `i${String(i).padStart(3, '0')}`,
    territoryId: territory.id,
    partnerId: `p${(i % 3) + 1}`,
    indicator: codes[i % codes.length]!,
    unit: codes[i % codes.length] === 'usage-rate' ? '%' : 'u',
    periodStart: `2025-${String((i % 12) + 1).padStart(2, '0')}-01`,
    periodEnd: `2025-${String((i % 12) + 1).padStart(2, '0')}-28`,
    value: codes[i % codes.length] === 'usage-rate' ? 40 + (i % 50) : 100 + i * 10,
    target: 80,
  }));
  const usage = usageFromSessions(sessions);
  const report = buildQuotaReport(PROGRAMME_PRESET, [territory], partners, usage);
  const record: ProgrammeRecord = {
    programme: PROGRAMME_PRESET,
    assessment: null,
    territories: [territory],
    partners,
    sessions,
    blockers,
    indicators,
    actions: partners.map((p) => ({
      id: `a-${p.id}`,
      partnerId: p.id,
      territoryId: territory.id,
      title: `Flotte de vélos cargos partagée (${p.name})`,
      description: longText(800),
      actors: 'Service mobilité, entreprise partenaire',
      implementationDelay: '6 mois',
      blockers: longText(400),
      reproducibility: { ease: 2, duplicationPotential: 3, actorsInvolved: 3 },
    })),
    workshops: [],
    territoryQuotas: new Map(report.territories.map((t) => [t.territoryId, t.quotas])),
    partnerQuotas: new Map(report.partners.map((p) => [p.partnerId, p.quotas])),
  };
  return { record, territory };
}
