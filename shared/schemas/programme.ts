import * as z from 'zod/mini';
import { ASSESSMENT_TEXT, IsoDate, SHORT_TEXT, text } from './common';

const count = z.int().check(z.minimum(0), z.maximum(100_000));
const minutes = z.int().check(z.minimum(1), z.maximum(24 * 60));

export const QuotaSettings = z.strictObject({
  diagnosticDaysPerTerritory: count,
  territoryInterviewsPerTerritory: count,
  collectiveSupportsPerTerritory: count,
  collectiveSupportMinutes: minutes,
  workshopsTotal: count,
  partnerSupportsPerPartner: count,
  partnerSupportMinutes: minutes,
  copilTotal: count,
  ademeMonthlyMaxMinutes: minutes,
  teamBuildingEvents: count,
  closingEvents: count,
  virtualEvents: count,
  ademeKickoffs: count,
});

export const Milestone = z.strictObject({
  key: z
    .string()
    .check(z.regex(/^[a-z0-9-]{1,40}$/, 'Clé de jalon invalide (minuscules, chiffres et tirets).')),
  label: text(SHORT_TEXT),
  due: IsoDate,
  start: z.optional(IsoDate),
});

export const Programme = z
  .strictObject({
    id: z.string().check(z.regex(/^[a-z0-9-]{1,64}$/, 'Identifiant de programme invalide.')),
    name: text(SHORT_TEXT),
    regionCode: z
      .string()
      .check(z.regex(/^\d{2}$/, 'Code région INSEE attendu (2 chiffres, 76 pour l’Occitanie).')),
    minCentralCityPopulation: z.int().check(z.minimum(0), z.maximum(10_000_000)),
    maxTerritories: z.int().check(z.minimum(1), z.maximum(10_000)),
    maxPartnersPerTerritory: z.int().check(z.minimum(0), z.maximum(100)),
    minutesPerDay: minutes,
    warnAtRatio: z.number().check(z.gt(0), z.lte(1)),
    timezone: z.string().check(z.minLength(1), z.maxLength(64)),
    startDate: IsoDate,
    endDate: IsoDate,
    quotas: QuotaSettings,
    milestones: z.array(Milestone).check(z.maxLength(50)),
    /** Identification printed on every deliverable (optional: older programmes lack them). */
    authority: z.optional(text(SHORT_TEXT)),
    consultationNumber: z.optional(text(40)),
    /** The contractor (AMO) that writes the deliverables. */
    contractor: z.optional(text(SHORT_TEXT)),
  })
  .check(
    z.refine((p) => p.startDate <= p.endDate, {
      message: 'La date de fin doit suivre la date de début.',
      path: ['endDate'],
    }),
  );
export type Programme = z.infer<typeof Programme>;
export type QuotaSettings = z.infer<typeof QuotaSettings>;
export type Milestone = z.infer<typeof Milestone>;

export const ProgrammeAssessment = z.strictObject({
  finalCopilMinutes: text(ASSESSMENT_TEXT),
  criticalView: text(ASSESSMENT_TEXT),
});
export type ProgrammeAssessment = z.infer<typeof ProgrammeAssessment>;
