import * as z from 'zod/mini';
import {
  ASSESSMENT_TEXT,
  cleanString,
  Email,
  Id,
  IsoDate,
  LONG_TEXT,
  optText,
  PositiveInt,
  SHORT_TEXT,
  text,
} from './common';
import {
  ACTION_STATUSES,
  BLOCKER_CATEGORIES,
  BLOCKER_OWNERS,
  BLOCKER_STATUSES,
  INDICATORS,
  LEGAL_FORMS,
  PARTNER_KINDS,
  PLANNING_DOCUMENT_KINDS,
  PLANNING_DOCUMENT_STATUSES,
  ROLES,
  SESSION_KINDS,
  SESSION_MODES,
  USE_CASE_CATEGORIES,
  VELI_TYPES,
  WORKSHOP_FORMATS,
} from './enums';

// ---- members -------------------------------------------------------------------------
/** A person's own settings (PUT /v1/me takes them; GET /v1/me and the reminders answer them). */
export const Preferences = z.strictObject({
  /** The nightly reminders of what is due from them reach the person by e-mail (default on). */
  reminders: z.boolean(),
});
export type Preferences = z.output<typeof Preferences>;

/** PUT /v1/me: the caller's own settings (each person changes theirs only). */
export const MePatch = z.strictObject({ preferences: Preferences });
export type MePatch = z.infer<typeof MePatch>;

/** `name`: how the sidebars and tabs name the person; absent keeps the stored one, empty clears it. */
export const MemberInput = z.strictObject({ email: Email, role: z.enum(ROLES), name: optText(120) });
export type MemberInput = z.infer<typeof MemberInput>;

// ---- territories ---------------------------------------------------------------------
export const Contact = z.strictObject({
  name: text(SHORT_TEXT),
  role: text(SHORT_TEXT),
  email: z.optional(Email),
  phone: z.optional(z.string().check(z.regex(/^[0-9 +().-]{6,25}$/, 'Numéro de téléphone invalide.'))),
});
export type Contact = z.infer<typeof Contact>;

const territoryFields = {
  name: text(SHORT_TEXT),
  legalForm: z.enum(LEGAL_FORMS),
  centralCityInsee: z
    .string()
    .check(z.regex(/^(\d{5}|2[AB]\d{3})$/, 'Code INSEE attendu : 5 caractères (ex. 31555).')),
  epciSiren: z.optional(z.string().check(z.regex(/^\d{9}$/, 'Numéro SIREN attendu : 9 chiffres.'))),
  consultants: z.array(Email).check(z.maxLength(20)),
  contacts: z.optional(z.array(Contact).check(z.maxLength(20))),
};
export const TerritoryInput = z.strictObject({ id: z.optional(Id), ...territoryFields });
export type TerritoryInput = z.infer<typeof TerritoryInput>;
export const TerritoryPatch = z.partial(z.strictObject(territoryFields));
export type TerritoryPatch = z.infer<typeof TerritoryPatch>;

/** A strategic document of the territory and the place VELI has (or should have) in it. */
export const PlanningDocument = z.strictObject({
  kind: z.enum(PLANNING_DOCUMENT_KINDS),
  title: text(SHORT_TEXT),
  status: z.enum(PLANNING_DOCUMENT_STATUSES),
  revisionDate: z.optional(IsoDate),
  veliIntegration: text(LONG_TEXT),
});
export type PlanningDocument = z.infer<typeof PlanningDocument>;

/**
 * The phase 1 deliverable's substance: constat, enjeux, recommandations, and the territory's
 * strategy (needs, infrastructure and parking, complementarities with other modes, the place
 * of VELI in its planning documents), the tender's phase 1 objective.
 */
export const TerritoryAssessment = z.strictObject({
  findings: text(ASSESSMENT_TEXT),
  stakes: text(ASSESSMENT_TEXT),
  recommendations: text(ASSESSMENT_TEXT),
  needs: optText(ASSESSMENT_TEXT),
  infrastructure: optText(ASSESSMENT_TEXT),
  complementarities: optText(ASSESSMENT_TEXT),
  planningDocuments: z.optional(z.array(PlanningDocument).check(z.maxLength(20))),
});
export type TerritoryAssessment = z.infer<typeof TerritoryAssessment>;

// ---- partners ------------------------------------------------------------------------
export const PartnerInput = z.strictObject({
  id: z.optional(Id),
  name: text(SHORT_TEXT),
  kind: z.enum(PARTNER_KINDS),
  useCase: z.strictObject({ category: z.enum(USE_CASE_CATEGORIES), description: text(LONG_TEXT) }),
  vehicles: z.optional(z.array(text(SHORT_TEXT)).check(z.maxLength(30))),
});
export type PartnerInput = z.infer<typeof PartnerInput>;

// ---- sessions ------------------------------------------------------------------------
export const Override = z.strictObject({
  reason: cleanString(10, 1000, 'Motif de dépassement : 10 caractères au moins.'),
});

/** What the author of a session may correct afterwards (PATCH /v1/sessions/:id). */
const sessionCorrectable = {
  date: IsoDate,
  durationMinutes: z.int().check(z.minimum(1), z.maximum(24 * 60)),
  mode: z.enum(SESSION_MODES),
  participants: PositiveInt,
  summary: text(LONG_TEXT),
  decisions: optText(LONG_TEXT),
  nextSteps: optText(LONG_TEXT),
  blockerIds: z.optional(z.array(Id).check(z.maxLength(50))),
};

export const SessionInput = z.strictObject({
  id: z.optional(Id),
  kind: z.enum(SESSION_KINDS),
  territoryId: z.optional(Id),
  partnerId: z.optional(Id),
  ...sessionCorrectable,
  override: z.optional(Override),
});
export type SessionInput = z.infer<typeof SessionInput>;
/** Kind, territory and partner stay: another one is another session (delete it, log the right one). */
export const SessionPatch = z.partial(z.strictObject(sessionCorrectable));
export type SessionPatch = z.infer<typeof SessionPatch>;

/** Rows checked at most per call of POST /v1/sessions/validate (an import sends more in several). */
export const MAX_CHECKED_ROWS = 500;
/**
 * POST /v1/sessions/validate: sessions as POST /v1/sessions takes them, each with the number of
 * its row in the caller's sheet; each row is checked on its own (a malformed row is an answer,
 * not a 400). `overrideWhereNeeded` (admins): the rows a quota, a maximum or a host already
 * used would refuse pass with this reason, and are marked so (their POST carries it).
 */
export const SessionRowsInput = z.strictObject({
  rows: z
    .array(z.looseObject({ row: z.int().check(z.minimum(1), z.maximum(1_000_000)) }))
    .check(z.minLength(1), z.maxLength(MAX_CHECKED_ROWS)),
  overrideWhereNeeded: z.optional(Override),
});
export type SessionRowsInput = z.infer<typeof SessionRowsInput>;

// ---- blockers ------------------------------------------------------------------------
const blockerFields = {
  territoryId: Id,
  partnerId: z.optional(Id),
  category: z.enum(BLOCKER_CATEGORIES),
  title: text(SHORT_TEXT),
  description: text(LONG_TEXT),
  owner: z.enum(BLOCKER_OWNERS),
  ownerName: optText(SHORT_TEXT),
  status: z.optional(z.enum(BLOCKER_STATUSES)),
  solution: optText(LONG_TEXT),
};
const solutionWhenResolved = z.refine<{ status?: string | undefined; solution?: string | undefined }>(
  (b) => b.status !== 'resolved' || (b.solution ?? '').trim().length > 0,
  { message: 'Un verrou levé doit décrire sa solution.', path: ['solution'] },
);
export const BlockerInput = z
  .strictObject({ id: z.optional(Id), ...blockerFields })
  .check(solutionWhenResolved);
export type BlockerInput = z.infer<typeof BlockerInput>;
/** A patch may not move a blocker to another territory; the merged result is checked again. */
const { territoryId: _t, ...patchable } = blockerFields;
export const BlockerPatch = z.partial(z.strictObject(patchable));
export type BlockerPatch = z.infer<typeof BlockerPatch>;

// ---- indicators ----------------------------------------------------------------------
export const IndicatorInput = z
  .strictObject({
    id: z.optional(Id),
    territoryId: Id,
    partnerId: z.optional(Id),
    indicator: z.enum(INDICATORS),
    label: optText(SHORT_TEXT),
    unit: text(40),
    periodStart: IsoDate,
    periodEnd: IsoDate,
    value: z.number().check(z.gte(0), z.lte(1e12)),
    target: z.optional(z.number().check(z.gte(0), z.lte(1e12))),
  })
  .check(
    z.refine((i) => i.periodStart <= i.periodEnd, {
      message: 'La fin de période doit suivre son début.',
      path: ['periodEnd'],
    }),
    z.refine((i) => i.indicator !== 'usage-rate' || i.value <= 100, {
      message: 'Un taux d’utilisation est un pourcentage (0 à 100).',
      path: ['value'],
    }),
    z.refine((i) => i.indicator !== 'usage-rate' || i.target === undefined || i.target <= 100, {
      message: 'Un taux d’utilisation est un pourcentage (0 à 100).',
      path: ['target'],
    }),
    z.refine((i) => i.indicator !== 'custom' || (i.label ?? '').trim().length > 0, {
      message: 'Un indicateur personnalisé doit avoir un libellé.',
      path: ['label'],
    }),
  );
export type IndicatorInput = z.infer<typeof IndicatorInput>;

// ---- workshops -----------------------------------------------------------------------
export const KeyFigure = z.strictObject({ label: text(SHORT_TEXT), value: text(60), unit: optText(40) });
/** One row of the workshop sheet's « verrous → solutions » table. */
export const WorkshopSolution = z.strictObject({
  blocker: text(SHORT_TEXT * 2),
  solution: text(1000),
  category: z.optional(z.enum(BLOCKER_CATEGORIES)),
});
/**
 * One row of the « exemples de réalisations et contacts » table. The named contact (a person,
 * their organisation, an e-mail or a phone) is personal data: its e-mail and phone are shown
 * by the v1.1 rules (ADEME and the host territory's consultants). `contact` is the older free
 * text, kept for sheets written before.
 */
export const WorkshopExample = z.strictObject({
  achievement: text(1000),
  place: optText(SHORT_TEXT),
  contact: optText(SHORT_TEXT),
  contactName: optText(SHORT_TEXT),
  contactOrganisation: optText(SHORT_TEXT),
  contactEmail: z.optional(Email),
  contactPhone: Contact.shape.phone,
});
/**
 * A collective workshop's sheet. Its date, duration and mode are those of the `workshop`
 * session of the same host territory (each host holds at most one of each): the session
 * counts against the quota, this record holds the sheet. `date` stays the planned date.
 */
const workshopFields = {
  number: z.int().check(z.minimum(1), z.maximum(100)),
  theme: text(SHORT_TEXT),
  date: IsoDate,
  hostTerritoryId: Id,
  participants: PositiveInt,
  problem: text(LONG_TEXT),
  blockersAndSolutions: text(LONG_TEXT),
  actors: text(LONG_TEXT),
  examplesAndContacts: text(LONG_TEXT),
  keyFigures: z.array(KeyFigure).check(z.maxLength(20)),
  format: z.optional(z.enum(WORKSHOP_FORMATS)),
  participatingTerritoryIds: z.optional(z.array(Id).check(z.maxLength(50))),
  solutions: z.optional(z.array(WorkshopSolution).check(z.maxLength(20))),
  examples: z.optional(z.array(WorkshopExample).check(z.maxLength(20))),
  /** What the workshop taught, for report 2's lessons across workshops. */
  lessons: optText(LONG_TEXT),
};
export const WorkshopInput = z.strictObject({ id: z.optional(Id), ...workshopFields });
export type WorkshopInput = z.infer<typeof WorkshopInput>;
export const WorkshopPatch = z.partial(z.strictObject(workshopFields));
export type WorkshopPatch = z.infer<typeof WorkshopPatch>;

// ---- actions -------------------------------------------------------------------------
const scale = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export const Reproducibility = z.strictObject({
  ease: scale,
  duplicationPotential: scale,
  actorsInvolved: z.int().check(z.minimum(1), z.maximum(1000)),
});
const actionFields = {
  partnerId: Id,
  title: text(SHORT_TEXT),
  description: text(LONG_TEXT),
  actors: text(LONG_TEXT),
  implementationDelay: text(SHORT_TEXT),
  blockers: text(LONG_TEXT),
  reproducibility: Reproducibility,
  status: z.optional(z.enum(ACTION_STATUSES)),
  startDate: z.optional(IsoDate),
  endDate: z.optional(IsoDate),
  /** How the blockers were or will be lifted (the sheet's « verrous et solutions »). */
  solutions: optText(LONG_TEXT),
  /** The VELI deployed: picks the CO₂ factor of the action's kilometres. */
  vehicleType: z.optional(z.enum(VELI_TYPES)),
};
const datesInOrder = z.refine<{ startDate?: string | undefined; endDate?: string | undefined }>(
  (a) => !a.startDate || !a.endDate || a.startDate <= a.endDate,
  { message: 'La date de fin doit suivre la date de début.', path: ['endDate'] },
);
export const ActionInput = z.strictObject({ id: z.optional(Id), ...actionFields }).check(datesInOrder);
export type ActionInput = z.infer<typeof ActionInput>;
const { partnerId: _p, ...actionPatchable } = actionFields;
export const ActionPatch = z.partial(z.strictObject(actionPatchable)).check(datesInOrder);
export type ActionPatch = z.infer<typeof ActionPatch>;
