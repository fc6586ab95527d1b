import * as z from 'zod/mini';
import { ASSESSMENT_TEXT, cleanString, IsoDate, optText, SHORT_TEXT, TimeZone, text } from './common';

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

/**
 * The contractor's critical view of the operation (the tender's « regard critique du
 * prestataire »), in four parts a reader of the final report looks for.
 */
export const CriticalView = z.strictObject({
  worked: optText(ASSESSMENT_TEXT),
  didNotWork: optText(ASSESSMENT_TEXT),
  lessons: optText(ASSESSMENT_TEXT),
  recommendations: optText(ASSESSMENT_TEXT),
});
export type CriticalView = z.infer<typeof CriticalView>;

/** Programme-level prose written by people (consultants, admins), never generated. */
export const PROGRAMME_TEXTS = ['report1Synthesis', 'report2Lessons', 'finalCopilMinutes'] as const;
export const CRITICAL_VIEW_PARTS = ['worked', 'didNotWork', 'lessons', 'recommendations'] as const;

/**
 * `PUT /v1/programme/assessment`. Every field is optional: a field sent replaces the stored
 * one (an empty text clears it), a field left out keeps what is stored. `criticalView` is
 * replaced as a whole; a v1.1 string is read as its `worked` part.
 */
export const ProgrammeAssessment = z
  .strictObject({
    report1Synthesis: optText(ASSESSMENT_TEXT),
    report2Lessons: optText(ASSESSMENT_TEXT),
    finalCopilMinutes: optText(ASSESSMENT_TEXT),
    criticalView: z.optional(z.union([cleanString(0, ASSESSMENT_TEXT), CriticalView])),
  })
  .check(
    z.refine((a) => Object.values(a).some((v) => v !== undefined), {
      message:
        'Indiquez au moins un texte du bilan (synthèse, enseignements, COPIL final ou regard critique).',
    }),
  );
export type ProgrammeAssessment = z.infer<typeof ProgrammeAssessment>;

/**
 * The programme's prose as stored, read and answered (shared/documents/assessment.ts): each text
 * when written, the critical view always in its four parts.
 */
export const StoredAssessment = z.strictObject({
  report1Synthesis: z.optional(z.string()),
  report2Lessons: z.optional(z.string()),
  finalCopilMinutes: z.optional(z.string()),
  criticalView: z.optional(CriticalView),
});
export type StoredAssessment = z.output<typeof StoredAssessment>;
