// The mirrored tabs as staff read them: French headers, names instead of ids (the id kept in
// the last, narrow column for matching), codes as French labels, dates as dates, quotas in
// the tender's units (days for the diagnostic).
import { LABELS } from '../shared/i18n/labels';
import { frMonth, NBSP } from '../shared/i18n/typography';
import { PROGRAMME_PRESET } from '../shared/programme/preset';
import type { Quota } from '../shared/quotas/rules';
import { ALERT_SEVERITY, ALERTS_TAB, alertKey } from '../shared/sheets/alerts-tab';
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
import type { Column, Link, TabSpec } from './sheet-mirror';

const label = (table: Record<string, string>, code: string | undefined | null) =>
  code === undefined || code === null ? '' : (table[code] ?? code);

// Sheets' own light palette: green, yellow, orange, red, grey, blue.
const STATUS_COLOURS = {
  [LABELS.quotaStatus.ok]: '#d9ead3',
  [LABELS.quotaStatus.warning]: '#fff2cc',
  [LABELS.quotaStatus.reached]: '#fce5cd',
  [LABELS.quotaStatus.exceeded]: '#f4cccc',
};
const BLOCKER_COLOURS = {
  [LABELS.blockerStatus.open]: '#f4cccc',
  [LABELS.blockerStatus['in-progress']]: '#fff2cc',
  [LABELS.blockerStatus.resolved]: '#d9ead3',
  [LABELS.blockerStatus.abandoned]: '#efefef',
};
export const SEVERITY: Record<AlertRecord['severity'], string> = ALERT_SEVERITY;
const SEVERITY_COLOURS = {
  [SEVERITY.critical]: '#f4cccc',
  [SEVERITY.warning]: '#fff2cc',
  [SEVERITY.info]: '#cfe2f3',
};

/** Long prose: text wrapped in its column rather than cut. */
const prose = <T>(header: string, width: number, value: Column<T>['value']): Column<T> => ({
  header,
  kind: 'text',
  width,
  wrap: true,
  value,
});

/** A territory row may carry the link to its latest summary (resynchronisation, documents). */
export type TerritoryRow = TerritoryRecord & { summary?: Link };

const planning = (t: TerritoryRecord) =>
  (t.assessment?.planningDocuments ?? [])
    .map(
      (d) =>
        `${label(LABELS.planningDocumentKind, d.kind)} « ${d.title} » (${label(LABELS.planningDocumentStatus, d.status)})${NBSP}: ${d.veliIntegration}`,
    )
    .join('\n');

/** The diagnostic's prose, one wrapped column per field, in the Diagnostic sidebar's order. */
const ASSESSMENT_COLUMNS = (
  [
    ['Constat', 'findings', 300],
    ['Enjeux', 'stakes', 300],
    ['Recommandations', 'recommendations', 300],
    ['Besoins', 'needs', 250],
    ['Aménagements et stationnement', 'infrastructure', 250],
    ['Complémentarités', 'complementarities', 250],
  ] as const
).map(([header, field, width]) => prose<TerritoryRow>(header, width, (t) => t.assessment?.[field]));

export const TERRITORIES: TabSpec<TerritoryRow> = {
  name: 'Territoires',
  id: (t) => t.id,
  columns: [
    { header: 'Nom', kind: 'text', width: 200, value: (t) => t.name },
    {
      header: 'Forme juridique',
      kind: 'text',
      width: 170,
      value: (t) => label(LABELS.legalForm, t.legalForm),
    },
    { header: 'Ville centre', kind: 'text', value: (t) => t.centralCity?.name },
    { header: 'Code INSEE', kind: 'code', width: 80, value: (t) => t.centralCityInsee },
    { header: 'Population (INSEE)', kind: 'int', width: 90, value: (t) => t.centralCity?.population },
    { header: 'Département', kind: 'code', width: 80, value: (t) => t.centralCity?.departement },
    { header: 'SIREN de l’EPCI', kind: 'code', width: 100, value: (t) => t.epciSiren },
    prose('Consultants', 200, (t, n) => t.consultants.map((e) => n.person(e)).join(', ')),
    ...ASSESSMENT_COLUMNS,
    prose('Documents de planification', 300, planning),
    { header: 'Synthèse territoriale', kind: 'link', width: 220, value: (t) => t.summary },
    { header: 'Mis à jour le', kind: 'instant', width: 130, value: (t) => t.updatedAt ?? t.createdAt },
  ],
};

export const PARTNERS: TabSpec<PartnerRecord> = {
  name: 'Partenaires',
  id: (p) => p.id,
  columns: [
    { header: 'Nom', kind: 'text', width: 200, value: (p) => p.name },
    { header: 'Territoire', kind: 'text', width: 180, value: (p, n) => n.territory(p.territoryId) },
    { header: 'Type', kind: 'text', width: 180, value: (p) => label(LABELS.partnerKind, p.kind) },
    {
      header: 'Cas d’usage',
      kind: 'text',
      width: 180,
      value: (p) => label(LABELS.useCase, p.useCase.category),
    },
    prose('Description', 300, (p) => p.useCase.description),
    prose('Véhicules', 200, (p) => (p.vehicles ?? []).join(', ')),
  ],
};

export const SESSIONS: TabSpec<SessionRecord> = {
  name: 'Séances',
  id: (s) => s.id,
  columns: [
    { header: 'Date', kind: 'date', width: 90, value: (s) => s.date },
    { header: 'Type de séance', kind: 'text', width: 220, value: (s) => label(LABELS.sessionKind, s.kind) },
    { header: 'Phase', kind: 'int', width: 60, value: (s) => s.phase },
    { header: 'Territoire', kind: 'text', width: 180, value: (s, n) => n.territory(s.territoryId) },
    { header: 'Partenaire', kind: 'text', width: 180, value: (s, n) => n.partner(s.partnerId) },
    { header: 'Durée (min)', kind: 'int', width: 80, value: (s) => s.durationMinutes },
    { header: 'Modalité', kind: 'text', width: 90, value: (s) => label(LABELS.sessionMode, s.mode) },
    { header: 'Participants', kind: 'int', width: 90, value: (s) => s.participants },
    prose('Résumé', 300, (s) => s.summary),
    prose('Décisions', 250, (s) => s.decisions),
    prose('Prochaines étapes', 250, (s) => s.nextSteps),
    prose('Dérogation', 200, (s, n) =>
      s.override ? `${s.override.reason} (${n.person(s.override.by)})` : '',
    ),
    { header: 'Saisie par', kind: 'text', width: 180, value: (s, n) => n.person(s.createdBy) },
    { header: 'Saisie le', kind: 'instant', width: 130, value: (s) => s.createdAt },
  ],
};

export const BLOCKERS: TabSpec<BlockerRecord> = {
  name: 'Verrous',
  id: (b) => b.id,
  colours: { header: 'Statut', background: BLOCKER_COLOURS },
  columns: [
    prose('Intitulé', 220, (b) => b.title),
    { header: 'Territoire', kind: 'text', width: 180, value: (b, n) => n.territory(b.territoryId) },
    { header: 'Partenaire', kind: 'text', width: 180, value: (b, n) => n.partner(b.partnerId) },
    {
      header: 'Catégorie',
      kind: 'text',
      width: 170,
      value: (b) => label(LABELS.blockerCategory, b.category),
    },
    prose('Description', 300, (b) => b.description),
    { header: 'Porteur', kind: 'text', width: 100, value: (b) => label(LABELS.blockerOwner, b.owner) },
    { header: 'Nom du porteur', kind: 'text', width: 150, value: (b) => b.ownerName },
    {
      header: 'Statut',
      kind: 'text',
      width: 90,
      value: (b) => label(LABELS.blockerStatus, b.status ?? 'open'),
    },
    prose('Solution', 300, (b) => b.solution),
    { header: 'Mis à jour le', kind: 'instant', width: 130, value: (b) => b.updatedAt ?? b.createdAt },
  ],
};

export const INDICATORS: TabSpec<IndicatorRecord> = {
  name: 'Indicateurs',
  id: (i) => i.id,
  columns: [
    { header: 'Territoire', kind: 'text', width: 180, value: (i, n) => n.territory(i.territoryId) },
    { header: 'Partenaire', kind: 'text', width: 180, value: (i, n) => n.partner(i.partnerId) },
    { header: 'Indicateur', kind: 'text', width: 200, value: (i) => label(LABELS.indicator, i.indicator) },
    { header: 'Libellé', kind: 'text', width: 180, value: (i) => i.label },
    { header: 'Unité', kind: 'text', width: 80, value: (i) => i.unit },
    { header: 'Début de période', kind: 'date', width: 100, value: (i) => i.periodStart },
    { header: 'Fin de période', kind: 'date', width: 100, value: (i) => i.periodEnd },
    { header: 'Valeur', kind: 'number', width: 90, value: (i) => i.value },
    { header: 'Cible', kind: 'number', width: 90, value: (i) => i.target },
  ],
};

export const WORKSHOPS: TabSpec<WorkshopRecord> = {
  name: 'Ateliers',
  id: (w) => w.id,
  columns: [
    { header: 'N°', kind: 'int', width: 45, value: (w) => w.number },
    prose('Thème', 220, (w) => w.theme),
    { header: 'Date', kind: 'date', width: 90, value: (w) => w.date },
    {
      header: 'Territoire d’accueil',
      kind: 'text',
      width: 180,
      value: (w, n) => n.territory(w.hostTerritoryId),
    },
    { header: 'Participants', kind: 'int', width: 90, value: (w) => w.participants },
    prose('Problématique', 300, (w) => w.problem),
    prose('Verrous et solutions', 300, (w) => w.blockersAndSolutions),
    prose('Jeu d’acteurs', 250, (w) => w.actors),
    prose('Exemples et contacts', 250, (w) => w.examplesAndContacts),
    prose('Chiffres clés', 250, (w) =>
      w.keyFigures.map((k) => `${k.label}${NBSP}: ${k.value}${k.unit ? ` ${k.unit}` : ''}`).join('\n'),
    ),
  ],
};

export const ACTIONS: TabSpec<ActionRecord> = {
  name: 'Actions',
  id: (a) => a.id,
  columns: [
    prose('Intitulé', 220, (a) => a.title),
    { header: 'Partenaire', kind: 'text', width: 180, value: (a, n) => n.partner(a.partnerId) },
    { header: 'Territoire', kind: 'text', width: 180, value: (a, n) => n.territory(a.territoryId) },
    prose('Description', 300, (a) => a.description),
    prose('Acteurs', 200, (a) => a.actors),
    { header: 'Délai de mise en œuvre', kind: 'text', width: 150, value: (a) => a.implementationDelay },
    prose('Verrous', 250, (a) => a.blockers),
    { header: 'Facilité (1 à 3)', kind: 'int', width: 80, value: (a) => a.reproducibility.ease },
    {
      header: 'Potentiel de duplication (1 à 3)',
      kind: 'int',
      width: 110,
      value: (a) => a.reproducibility.duplicationPotential,
    },
    { header: 'Acteurs impliqués', kind: 'int', width: 90, value: (a) => a.reproducibility.actorsInvolved },
    {
      header: 'Reproductibilité',
      kind: 'text',
      width: 110,
      value: (a) => label(LABELS.reproducibility, a.reproducibility.degree),
    },
  ],
};

/** A quota's line is keyed by what it counts and for whom, e.g. `diagnostic|t-albi`. */
export const quotaId = (q: Quota) => `${q.key}|${q.subjectId}`;
/** Days where the tender counts days: the diagnostic's minutes shown as days of `minutesPerDay`. */
export const inTenderUnits = (q: Quota, minutesPerDay = PROGRAMME_PRESET.minutesPerDay) => {
  const days = q.unit === 'minutes';
  const f = (n: number) => (days ? Math.round((n / minutesPerDay) * 10) / 10 : n);
  return {
    unit: days ? 'jours' : q.unit === 'partners' ? 'partenaires' : 'séances',
    used: f(q.used),
    limit: f(q.limit),
    remaining: f(q.remaining),
  };
};
const SCOPE: Record<Quota['scope'], string> = {
  programme: 'Programme',
  territory: 'Territoire',
  partner: 'Partenaire',
};
const subjectName = (q: Quota, n: { territory(id: string): string; partner(id: string): string }) =>
  q.scope === 'territory'
    ? n.territory(q.subjectId)
    : q.scope === 'partner'
      ? n.partner(q.subjectId)
      : /^\d{4}-\d{2}$/.test(q.subjectId)
        ? frMonth(q.subjectId)
        : 'Programme';

export const QUOTAS: TabSpec<Quota> = {
  name: 'Quotas',
  id: quotaId,
  colours: { header: 'Statut', background: STATUS_COLOURS },
  columns: [
    {
      header: 'Quota',
      kind: 'text',
      width: 260,
      value: (q) => (LABELS.sessionKind as Record<string, string>)[q.key] ?? q.label,
    },
    { header: 'Portée', kind: 'text', width: 90, value: (q) => SCOPE[q.scope] },
    { header: 'Sujet', kind: 'text', width: 180, value: subjectName },
    { header: 'Unité', kind: 'text', width: 80, value: (q) => inTenderUnits(q).unit },
    { header: 'Utilisé', kind: 'days', width: 70, value: (q) => inTenderUnits(q).used },
    { header: 'Limite', kind: 'days', width: 70, value: (q) => inTenderUnits(q).limit },
    { header: 'Restant', kind: 'days', width: 70, value: (q) => inTenderUnits(q).remaining },
    {
      header: 'Part utilisée',
      kind: 'percent',
      width: 90,
      value: (q) => (q.limit > 0 ? q.used / q.limit : 0),
    },
    { header: 'Statut', kind: 'text', width: 150, value: (q) => label(LABELS.quotaStatus, q.status) },
  ],
};

/** The worker's nightly check writes the same tab from the same spec (shared/sheets/alerts-tab.ts). */
export const ALERTS: TabSpec<AlertRecord> = {
  name: ALERTS_TAB.name,
  id: alertKey,
  idHeader: ALERTS_TAB.idHeader,
  colours: { header: 'Gravité', background: SEVERITY_COLOURS },
  columns: ALERTS_TAB.columns,
};

const DOCUMENT_TYPES: Record<string, string> = {
  'territory-summary': 'Synthèse territoriale',
  'workshop-sheet': 'Fiche atelier',
  'action-sheet': 'Fiche action',
  'progress-report': 'Rapport d’avancement',
};
export const documentTypeLabel = (t: string) => DOCUMENT_TYPES[t] ?? t;
export const documentLink = (d: DocumentRecord): Link => ({ text: d.title, url: d.url });

export const DOCUMENTS: TabSpec<DocumentRecord> = {
  name: 'Documents',
  id: (d) => d.id,
  columns: [
    { header: 'Titre', kind: 'link', width: 320, value: documentLink },
    { header: 'Type', kind: 'text', width: 160, value: (d) => documentTypeLabel(d.type) },
    { header: 'Territoire', kind: 'text', width: 180, value: (d, n) => n.territory(d.territoryId) },
    { header: 'Pages', kind: 'int', width: 60, value: (d) => d.pages },
    { header: 'Version', kind: 'int', width: 70, value: (d) => d.version },
    { header: 'Mis à jour le', kind: 'instant', width: 130, value: (d) => d.updatedAt ?? d.createdAt },
    { header: 'Par', kind: 'text', width: 180, value: (d, n) => n.person(d.createdBy) },
  ],
};

/** Every mirrored tab, in the order a resynchronisation creates them. */
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
