import { EXPORT_TABLES, type ExportTable } from '../../shared/api/export';
import { LABELS } from '../../shared/i18n/labels';
import { reproducibilityDegree } from '../../shared/reproducibility';
import type { Contact } from '../../shared/schemas';
import { ALERT_SEVERITY, type AlertSeverity } from '../../shared/sheets/alerts-tab';
import type { Row } from '../db/query';
import { ALERT_RULES, type AlertRule } from '../nightly/rules';
import type { Cell, Typed } from './csv';

/** Names the CSV shows instead of ids (the id stays in its own column). */
export interface Names {
  territory: ReadonlyMap<string, string>;
  partner: ReadonlyMap<string, string>;
}

/** One row as the CSV reads it: the stored columns, `data` parsed. */
export interface CsvRow {
  row: Row;
  // biome-ignore lint/suspicious/noExplicitAny: `data` is the validated body of one of nine tables, read field by field below.
  data: any;
}

type Column = readonly [header: string, value: (r: CsvRow, names: Names) => Cell | Typed];

/** The nine tables of `GET /v1/export/<table>.csv`, each a list of (French header, value). */
export interface CsvTable {
  table: string;
  /** Whether the table keeps its body as JSON in `data`. */
  json: boolean;
  /** No column shows a territory's or partner's name: the export skips reading them. */
  withoutNames?: true;
  columns: readonly Column[];
}

const label = <K extends keyof typeof LABELS>(kind: K, code: unknown): string =>
  code == null ? '' : ((LABELS[kind] as Record<string, string>)[String(code)] ?? String(code));
const str = (v: unknown): string => (v == null ? '' : String(v));
const col = (name: string) => (r: CsvRow) => str(r.row[name]);
const at = (name: string) => (r: CsvRow) => ({ instant: r.row[name] == null ? null : String(r.row[name]) });
const field = (name: string) => (r: CsvRow) => str(r.data?.[name]);
const territoryOf = (id: unknown, n: Names) => (id ? (n.territory.get(String(id)) ?? String(id)) : '');
const partnerOf = (id: unknown, n: Names) => (id ? (n.partner.get(String(id)) ?? String(id)) : '');
const joined = (items: unknown, sep = ', ') => (Array.isArray(items) ? items.map(str).join(sep) : '');

/** Who wrote the record and when (the columns every authored table ends with). */
const AUTHORSHIP: readonly Column[] = [
  ['Créé le', at('created_at')],
  ['Créé par', col('created_by')],
  ['Modifié le', at('updated_at')],
  ['Modifié par', col('updated_by')],
];

/** Which record, and where: the first columns of the blockers, indicators and actions. */
const WHERE: readonly Column[] = [
  ['Identifiant', col('id')],
  ['Territoire', (r, n) => territoryOf(r.row.territory_id, n)],
  ['Partenaire', (r, n) => partnerOf(r.row.partner_id, n)],
];

/** A contact as one readable piece: « Nom (rôle), e-mail, téléphone ». */
const contactText = (c: Contact) =>
  [`${c.name} (${c.role})`, c.email ?? '', c.phone ?? ''].filter(Boolean).join(', ');

const SESSIONS: CsvTable = {
  table: 'sessions',
  json: true,
  columns: [
    ['Identifiant', col('id')],
    ['Type', (r) => label('sessionKind', r.row.kind)],
    ['Territoire', (r, n) => territoryOf(r.row.territory_id, n)],
    ['Partenaire', (r, n) => partnerOf(r.row.partner_id, n)],
    ['Date', (r) => ({ date: str(r.row.date) })],
    ['Durée (min)', (r) => ({ number: Number(r.row.duration_minutes) })],
    ['Mode', (r) => label('sessionMode', r.data.mode)],
    ['Participants', (r) => ({ number: r.data.participants })],
    ['Résumé', field('summary')],
    ['Décisions', field('decisions')],
    ['Prochaines étapes', field('nextSteps')],
    ['Verrous liés', (r) => joined(r.data.blockerIds)],
    ['Motif de dérogation', col('override_reason')],
    ['Dérogation par', col('override_by')],
    ['Dérogation le', at('override_at')],
    ['Saisie le', at('created_at')],
    ['Saisie par', col('created_by')],
    ['Corrigée le', at('updated_at')],
    ['Corrigée par', col('updated_by')],
    ['Supprimée le', at('deleted_at')],
    ['Supprimée par', col('deleted_by')],
  ],
};

const BLOCKERS: CsvTable = {
  table: 'blockers',
  json: true,
  columns: [
    ...WHERE,
    ['Catégorie', (r) => label('blockerCategory', r.data.category)],
    ['Titre', field('title')],
    ['Description', field('description')],
    ['Porteur', (r) => label('blockerOwner', r.data.owner)],
    ['Nom du porteur', field('ownerName')],
    ['Statut', (r) => label('blockerStatus', r.row.status)],
    ['Solution', field('solution')],
    ...AUTHORSHIP,
  ],
};

const INDICATORS: CsvTable = {
  table: 'indicators',
  json: true,
  columns: [
    ...WHERE,
    ['Indicateur', (r) => label('indicator', r.data.indicator)],
    ['Libellé', field('label')],
    ['Unité', field('unit')],
    ['Début de période', (r) => ({ date: r.data.periodStart })],
    ['Fin de période', (r) => ({ date: r.data.periodEnd })],
    ['Valeur', (r) => ({ number: r.data.value })],
    ['Cible', (r) => ({ number: r.data.target })],
    ['Saisi le', at('created_at')],
    ['Saisi par', col('created_by')],
  ],
};

const TERRITORIES: CsvTable = {
  table: 'territories',
  json: true,
  withoutNames: true,
  columns: [
    ['Identifiant', col('id')],
    ['Nom', field('name')],
    ['Forme juridique', (r) => label('legalForm', r.data.legalForm)],
    ['Ville centre', (r) => str(JSON.parse(str(r.row.central_city) || '{}').name)],
    ['Code INSEE', field('centralCityInsee')],
    ['Population (INSEE)', (r) => ({ number: JSON.parse(str(r.row.central_city) || '{}').population })],
    ['SIREN de l’EPCI', field('epciSiren')],
    ['Consultants', (r) => joined(r.data.consultants)],
    // Contacts with their e-mail and phone: only ADEME (admins, viewers) may export (API.md v1.1).
    ['Contacts', (r) => (Array.isArray(r.data.contacts) ? r.data.contacts.map(contactText).join(' | ') : '')],
    ['Constat', (r) => str(JSON.parse(str(r.row.assessment) || '{}').findings)],
    ['Enjeux', (r) => str(JSON.parse(str(r.row.assessment) || '{}').stakes)],
    ['Recommandations', (r) => str(JSON.parse(str(r.row.assessment) || '{}').recommendations)],
    ...AUTHORSHIP,
  ],
};

const PARTNERS: CsvTable = {
  table: 'partners',
  json: true,
  columns: [
    ['Identifiant', col('id')],
    ['Territoire', (r, n) => territoryOf(r.row.territory_id, n)],
    ['Nom', field('name')],
    ['Type', (r) => label('partnerKind', r.data.kind)],
    ['Cas d’usage', (r) => label('useCase', r.data.useCase?.category)],
    ['Description du cas d’usage', (r) => str(r.data.useCase?.description)],
    ['Véhicules', (r) => joined(r.data.vehicles)],
    ...AUTHORSHIP,
  ],
};

const keyFigure = (k: { label: string; value: string; unit?: string }) =>
  `${k.label} : ${k.value}${k.unit ? ` ${k.unit}` : ''}`;

const WORKSHOPS: CsvTable = {
  table: 'workshops',
  json: true,
  columns: [
    ['Identifiant', col('id')],
    ['Numéro', (r) => ({ number: Number(r.row.number) })],
    ['Thème', field('theme')],
    ['Date', (r) => ({ date: r.data.date })],
    ['Territoire hôte', (r, n) => territoryOf(r.row.host_territory_id, n)],
    ['Participants', (r) => ({ number: r.data.participants })],
    ['Problématique', field('problem')],
    ['Verrous et solutions', field('blockersAndSolutions')],
    ['Jeu d’acteurs', field('actors')],
    ['Exemples et contacts', field('examplesAndContacts')],
    [
      'Chiffres clés',
      (r) => (Array.isArray(r.data.keyFigures) ? r.data.keyFigures.map(keyFigure).join(' | ') : ''),
    ],
    ['Enseignements', field('lessons')],
    ...AUTHORSHIP,
  ],
};

const ACTIONS: CsvTable = {
  table: 'actions',
  json: true,
  columns: [
    ...WHERE,
    ['Titre', field('title')],
    ['Description', field('description')],
    ['Acteurs', field('actors')],
    ['Délai de mise en œuvre', field('implementationDelay')],
    ['Verrous', field('blockers')],
    ['Solutions', field('solutions')],
    ['Statut', (r) => label('actionStatus', r.data.status)],
    ['Facilité de mise en œuvre (1 à 3)', (r) => ({ number: r.data.reproducibility?.ease })],
    ['Potentiel de duplication (1 à 3)', (r) => ({ number: r.data.reproducibility?.duplicationPotential })],
    ['Acteurs impliqués', (r) => ({ number: r.data.reproducibility?.actorsInvolved })],
    [
      'Degré de reproductibilité',
      (r) =>
        r.data.reproducibility ? label('reproducibility', reproducibilityDegree(r.data.reproducibility)) : '',
    ],
    ...AUTHORSHIP,
  ],
};

const ALERTS: CsvTable = {
  table: 'alerts',
  json: false,
  withoutNames: true,
  columns: [
    ['Identifiant', col('id')],
    ['Règle', (r) => ALERT_RULES[r.row.rule as AlertRule]?.label ?? str(r.row.rule)],
    ['Gravité', (r) => ALERT_SEVERITY[r.row.severity as AlertSeverity] ?? str(r.row.severity)],
    ['Sujet', col('subject_label')],
    ['Type de sujet', col('subject_type')],
    ['Identifiant du sujet', col('subject_id')],
    ['Message', col('message')],
    ['Ouverte le', at('first_seen_at')],
    ['Vue la dernière fois le', at('last_seen_at')],
    ['Levée le', at('resolved_at')],
  ],
};

const AUDIT: CsvTable = {
  table: 'audit',
  json: false,
  withoutNames: true,
  columns: [
    ['N°', (r) => ({ number: Number(r.row.seq) })],
    ['Date', at('at')],
    ['Auteur', col('actor')],
    ['Rôle', col('role')],
    ['Action', col('action')],
    ['Entité', col('entity')],
    ['Identifiant', col('entity_id')],
    ['Avant (JSON)', col('before')],
    ['Après (JSON)', col('after')],
    ['Requête', col('request_id')],
  ],
};

const BY_TABLE: Record<ExportTable, CsvTable> = {
  sessions: SESSIONS,
  blockers: BLOCKERS,
  indicators: INDICATORS,
  territories: TERRITORIES,
  partners: PARTNERS,
  workshops: WORKSHOPS,
  actions: ACTIONS,
  alerts: ALERTS,
  audit: AUDIT,
};

/** The contract's nine exports, in its order (shared/api/export.ts). */
export const CSV_TABLES: readonly CsvTable[] = EXPORT_TABLES.map((t) => BY_TABLE[t]);
export const CSV_TABLE_NAMES: readonly string[] = EXPORT_TABLES;
