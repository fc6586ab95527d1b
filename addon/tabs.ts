// The ten mirrored tabs: French headers, one line per record, codes shown as French labels.
import { LABELS } from '../shared/i18n/labels';
import type { Quota } from '../shared/quotas/rules';
import type {
  ActionRecord,
  AlertRecord,
  BlockerRecord,
  DocumentRecord,
  IndicatorRecord,
  PartnerRecord,
  SessionRecord,
  TerritoryRecord,
  WorkshopRecord,
} from './api';
import type { TabSpec } from './sheet-mirror';

const label = <T extends Record<string, string>>(table: T, code: string | undefined) =>
  code === undefined ? '' : ((table as Record<string, string>)[code] ?? code);
const opt = (v: string | number | undefined | null) => v ?? '';

export const TERRITORIES: TabSpec<TerritoryRecord> = {
  name: 'Territoires',
  headers: [
    'Identifiant',
    'Nom',
    'Forme juridique',
    'Ville centre',
    'Code INSEE',
    'Population (INSEE)',
    'Département',
    'Consultants',
    'Constat',
    'Enjeux',
    'Recommandations',
    'Mis à jour le',
  ],
  row: (t) => [
    t.id,
    t.name,
    label(LABELS.legalForm, t.legalForm),
    opt(t.centralCity?.name),
    t.centralCityInsee,
    opt(t.centralCity?.population),
    opt(t.centralCity?.departement),
    t.consultants.join(', '),
    opt(t.assessment?.findings),
    opt(t.assessment?.stakes),
    opt(t.assessment?.recommendations),
    opt(t.updatedAt),
  ],
};

export const PARTNERS: TabSpec<PartnerRecord> = {
  name: 'Partenaires',
  headers: ['Identifiant', 'Territoire', 'Nom', 'Type', 'Cas d’usage', 'Description', 'Véhicules'],
  row: (p) => [
    p.id,
    p.territoryId,
    p.name,
    label(LABELS.partnerKind, p.kind),
    label(LABELS.useCase, p.useCase.category),
    p.useCase.description,
    (p.vehicles ?? []).join(', '),
  ],
};

export const SESSIONS: TabSpec<SessionRecord> = {
  name: 'Séances',
  headers: [
    'Identifiant',
    'Date',
    'Type de séance',
    'Phase',
    'Territoire',
    'Partenaire',
    'Durée (min)',
    'Modalité',
    'Participants',
    'Résumé',
    'Décisions',
    'Prochaines étapes',
    'Dérogation',
    'Saisie par',
    'Saisie le',
  ],
  row: (s) => [
    s.id,
    s.date,
    label(LABELS.sessionKind, s.kind),
    opt(s.phase),
    opt(s.territoryId),
    opt(s.partnerId),
    s.durationMinutes,
    label(LABELS.sessionMode, s.mode),
    s.participants,
    s.summary,
    opt(s.decisions),
    opt(s.nextSteps),
    s.override ? `${s.override.reason} (${s.override.by})` : '',
    opt(s.createdBy),
    opt(s.createdAt),
  ],
};

export const BLOCKERS: TabSpec<BlockerRecord> = {
  name: 'Verrous',
  headers: [
    'Identifiant',
    'Territoire',
    'Partenaire',
    'Catégorie',
    'Intitulé',
    'Description',
    'Porteur',
    'Nom du porteur',
    'Statut',
    'Solution',
    'Mis à jour le',
  ],
  row: (b) => [
    b.id,
    b.territoryId,
    opt(b.partnerId),
    label(LABELS.blockerCategory, b.category),
    b.title,
    b.description,
    label(LABELS.blockerOwner, b.owner),
    opt(b.ownerName),
    label(LABELS.blockerStatus, b.status ?? 'open'),
    opt(b.solution),
    opt(b.updatedAt ?? b.createdAt),
  ],
};

export const INDICATORS: TabSpec<IndicatorRecord> = {
  name: 'Indicateurs',
  headers: [
    'Identifiant',
    'Territoire',
    'Partenaire',
    'Indicateur',
    'Libellé',
    'Unité',
    'Début de période',
    'Fin de période',
    'Valeur',
    'Cible',
  ],
  row: (i) => [
    i.id,
    i.territoryId,
    opt(i.partnerId),
    label(LABELS.indicator, i.indicator),
    opt(i.label),
    i.unit,
    i.periodStart,
    i.periodEnd,
    i.value,
    opt(i.target),
  ],
};

export const WORKSHOPS: TabSpec<WorkshopRecord> = {
  name: 'Ateliers',
  headers: [
    'Identifiant',
    'N°',
    'Thème',
    'Date',
    'Territoire d’accueil',
    'Participants',
    'Problématique',
    'Verrous et solutions',
    'Jeu d’acteurs',
    'Exemples et contacts',
    'Chiffres clés',
  ],
  row: (w) => [
    w.id,
    w.number,
    w.theme,
    w.date,
    w.hostTerritoryId,
    w.participants,
    w.problem,
    w.blockersAndSolutions,
    w.actors,
    w.examplesAndContacts,
    w.keyFigures.map((k) => `${k.label} : ${k.value}${k.unit ? ` ${k.unit}` : ''}`).join(' ; '),
  ],
};

export const ACTIONS: TabSpec<ActionRecord> = {
  name: 'Actions',
  headers: [
    'Identifiant',
    'Partenaire',
    'Territoire',
    'Intitulé',
    'Description',
    'Acteurs',
    'Délai de mise en œuvre',
    'Verrous',
    'Facilité (1-3)',
    'Potentiel de duplication (1-3)',
    'Acteurs impliqués',
    'Reproductibilité',
  ],
  row: (a) => [
    a.id,
    a.partnerId,
    opt(a.territoryId),
    a.title,
    a.description,
    a.actors,
    a.implementationDelay,
    a.blockers,
    a.reproducibility.ease,
    a.reproducibility.duplicationPotential,
    a.reproducibility.actorsInvolved,
    label(LABELS.reproducibility, a.reproducibility.degree),
  ],
};

/** A quota's line is keyed by what it counts and for whom, e.g. `diagnostic|t-albi`. */
export const quotaId = (q: Quota) => `${q.key}|${q.subjectId}`;
const UNIT: Record<Quota['unit'], string> = {
  sessions: 'séances',
  minutes: 'minutes',
  partners: 'partenaires',
};
const SCOPE: Record<Quota['scope'], string> = {
  programme: 'Programme',
  territory: 'Territoire',
  partner: 'Partenaire',
};

export const QUOTAS: TabSpec<Quota> = {
  name: 'Quotas',
  headers: ['Identifiant', 'Quota', 'Portée', 'Sujet', 'Unité', 'Utilisé', 'Limite', 'Restant', 'Statut'],
  row: (q) => [
    quotaId(q),
    q.label,
    SCOPE[q.scope],
    q.subjectId,
    UNIT[q.unit],
    q.used,
    q.limit,
    q.remaining,
    label(LABELS.quotaStatus, q.status),
  ],
};

const SEVERITY: Record<AlertRecord['severity'], string> = {
  info: 'Information',
  warning: 'Attention',
  critical: 'Critique',
};
export const ALERTS: TabSpec<AlertRecord> = {
  name: 'Alertes',
  headers: [
    'Identifiant',
    'Règle',
    'Gravité',
    'Sujet',
    'Message',
    'Vue la première fois',
    'Vue la dernière fois',
    'Résolue le',
  ],
  row: (a) => [
    a.id,
    a.rule,
    SEVERITY[a.severity] ?? a.severity,
    `${a.subjectType} ${a.subjectId}`,
    a.message,
    a.firstSeenAt,
    a.lastSeenAt,
    opt(a.resolvedAt),
  ],
};

const DOCUMENT_TYPES: Record<string, string> = {
  'territory-summary': 'Synthèse territoriale',
  'workshop-sheet': 'Fiche atelier',
  'action-sheet': 'Fiche action',
  'progress-report': 'Rapport d’avancement',
};
export const DOCUMENTS: TabSpec<DocumentRecord> = {
  name: 'Documents',
  headers: ['Identifiant', 'Type', 'Titre', 'Pages', 'Lien', 'Créé le', 'Créé par'],
  row: (d) => [
    d.id,
    DOCUMENT_TYPES[d.type] ?? d.type,
    d.title,
    d.pages,
    d.url,
    opt(d.createdAt),
    opt(d.createdBy),
  ],
};
export const documentTypeLabel = (t: string) => DOCUMENT_TYPES[t] ?? t;

/** Every tab, in the order they are created on a resynchronisation. */
export const TAB_ORDER = [
  TERRITORIES.name,
  PARTNERS.name,
  SESSIONS.name,
  BLOCKERS.name,
  INDICATORS.name,
  WORKSHOPS.name,
  ACTIONS.name,
  QUOTAS.name,
  ALERTS.name,
  DOCUMENTS.name,
];

export const flattenQuotas = (r: {
  programme: Quota[];
  territories: { quotas: Quota[] }[];
  partners: { quotas: Quota[] }[];
}): Quota[] => [
  ...r.programme,
  ...r.territories.flatMap((t) => t.quotas),
  ...r.partners.flatMap((p) => p.quotas),
];
