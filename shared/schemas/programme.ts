import * as z from 'zod/mini';
import { ASSESSMENT_TEXT, IsoDate, SHORT_TEXT, TimeZone, text } from './common';

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

const programmeFields = {
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
  timezone: TimeZone,
  startDate: IsoDate,
  endDate: IsoDate,
  quotas: QuotaSettings,
  milestones: z.array(Milestone).check(z.maxLength(50)),
  /** Identification printed on every deliverable (optional: older programmes lack them). */
  authority: z.optional(text(SHORT_TEXT)),
  consultationNumber: z.optional(text(40)),
  /** The contractor (AMO) that writes the deliverables. */
  contractor: z.optional(text(SHORT_TEXT)),
};
const datesInOrder = z.refine<{ startDate: string; endDate: string }>((p) => p.startDate <= p.endDate, {
  message: 'La date de fin doit suivre la date de début.',
  path: ['endDate'],
});
export const Programme = z.strictObject(programmeFields).check(datesInOrder);
export type Programme = z.infer<typeof Programme>;
/**
 * PUT /v1/programme's body: the settings, and what GET /v1/programme answers beside them
 * (`assessment`) accepted back and ignored, so a read can be edited and sent back as it is.
 */
export const ProgrammeUpdate = z
  .strictObject({
    ...programmeFields,
    assessment: z.optional(
      z.unknown().check(z.describe('Lecture seule, ignoré : se modifie par PUT /v1/programme/assessment')),
    ),
  })
  .check(datesInOrder);
export type ProgrammeUpdate = z.infer<typeof ProgrammeUpdate>;
export type QuotaSettings = z.infer<typeof QuotaSettings>;
export type Milestone = z.infer<typeof Milestone>;

export const ProgrammeAssessment = z.strictObject({
  finalCopilMinutes: text(ASSESSMENT_TEXT),
  criticalView: text(ASSESSMENT_TEXT),
});
export type ProgrammeAssessment = z.infer<typeof ProgrammeAssessment>;
