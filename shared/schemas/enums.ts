/** Enum codes of the contract (English kebab-case); French labels live in shared/i18n/labels.ts. */
export const ROLES = ['admin', 'consultant', 'viewer'] as const;
export const LEGAL_FORMS = ['ca', 'cc', 'cu', 'metropole', 'petr', 'pnr', 'pays', 'other'] as const;
export const PARTNER_KINDS = [
  'company',
  'tourism',
  'care',
  'education',
  'logistics',
  'public',
  'association',
  'other',
] as const;
export const USE_CASE_CATEGORIES = [
  'commute',
  'business-trips',
  'regular-rounds',
  'last-mile-logistics',
  'tourism',
  'school-transport',
  'waste-collection',
  'car-sharing',
  'public-fleet',
  'other',
] as const;
export const SESSION_KINDS = [
  'ademe-kickoff',
  'territory-interview',
  'diagnostic',
  'team-building',
  'collective-support',
  'workshop',
  'virtual-event',
  'partner-support',
  'closing-event',
  'copil',
  'ademe-monthly',
] as const;
export const SESSION_MODES = ['remote', 'on-site'] as const;
export const BLOCKER_CATEGORIES = [
  'cost',
  'infrastructure',
  'regulation',
  'parking',
  'taxation',
  'legal',
  'economic',
  'organisational',
  'insurance',
  'vehicle',
  'acceptance',
  'other',
] as const;
export const BLOCKER_OWNERS = ['territory', 'partner', 'consultant', 'ademe', 'other'] as const;
export const BLOCKER_STATUSES = ['open', 'in-progress', 'resolved', 'abandoned'] as const;
export const INDICATORS = ['usage-rate', 'km', 'users', 'trips', 'co2-avoided-kg', 'custom'] as const;
export const PLANNING_DOCUMENT_KINDS = [
  'pdm',
  'pdu',
  'plu',
  'plui',
  'scot',
  'pcaet',
  'ppa',
  'cycling-plan',
  'other',
] as const;
export const PLANNING_DOCUMENT_STATUSES = ['in-force', 'in-revision', 'planned', 'none'] as const;
/** The forms a collective action of phase 2 may take (the tender's list, §2.3.2). */
export const WORKSHOP_FORMATS = [
  'webinar',
  'participatory-workshop',
  'working-group',
  'eductour',
  'training',
] as const;
export const ACTION_STATUSES = ['planned', 'in-progress', 'done', 'abandoned'] as const;
/** The VELI an action deploys, for its CO₂ factor (worker/documents/co2.ts). */
export const VELI_TYPES = [
  'e-bike',
  'cargo-bike',
  'bike',
  'e-kick-scooter',
  'e-scooter',
  'other-veli',
] as const;
export const QUOTA_STATUSES = ['ok', 'warning', 'reached', 'exceeded'] as const;
export const REPRODUCIBILITY_DEGREES = ['high', 'medium', 'low'] as const;

export type Role = (typeof ROLES)[number];
export type LegalForm = (typeof LEGAL_FORMS)[number];
export type PartnerKind = (typeof PARTNER_KINDS)[number];
export type UseCaseCategory = (typeof USE_CASE_CATEGORIES)[number];
export type SessionKind = (typeof SESSION_KINDS)[number];
export type SessionMode = (typeof SESSION_MODES)[number];
export type BlockerCategory = (typeof BLOCKER_CATEGORIES)[number];
export type BlockerOwner = (typeof BLOCKER_OWNERS)[number];
export type BlockerStatus = (typeof BLOCKER_STATUSES)[number];
export type IndicatorCode = (typeof INDICATORS)[number];
export type QuotaStatus = (typeof QUOTA_STATUSES)[number];
export type ReproducibilityDegree = (typeof REPRODUCIBILITY_DEGREES)[number];
export type WorkshopFormat = (typeof WORKSHOP_FORMATS)[number];
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export type VeliType = (typeof VELI_TYPES)[number];
export type PlanningDocumentKind = (typeof PLANNING_DOCUMENT_KINDS)[number];
export type PlanningDocumentStatus = (typeof PLANNING_DOCUMENT_STATUSES)[number];
