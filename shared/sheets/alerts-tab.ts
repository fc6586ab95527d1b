// The « Alertes » tab of the programme's spreadsheet has two writers: the add-on (each
// resynchronisation) and the worker's nightly check. Both lay it out from this one spec — same
// headers, same order, the alert's key in the last, narrow column — so that rows match by key
// whichever wrote last, and the columns ADEME staff add to the right stay on their alert's row.
import type { Instant } from '../dates';
import { frShortDate, frTypo } from '../i18n/typography';

export type AlertSeverity = 'critical' | 'warning' | 'info';

/** What a row shows of an alert: the API's alert record and the check's candidate both fit. */
export interface AlertRow {
  rule: string;
  ruleLabel?: string;
  severity: AlertSeverity;
  subjectType: string;
  subjectId: string;
  subjectLabel?: string;
  quota?: string | null | undefined;
  message: string;
  firstSeenAt: Instant;
  lastSeenAt: Instant;
}

export const ALERT_SEVERITY: Record<AlertSeverity, string> = {
  critical: 'Critique',
  warning: 'Attention',
  info: 'Information',
};

/** The key the check stores an alert under (`rule|subjectType|subjectId[|quota]`): the row's id. */
export const alertKey = (a: Pick<AlertRow, 'rule' | 'subjectType' | 'subjectId' | 'quota'>) =>
  [a.rule, a.subjectType, a.subjectId, ...(a.quota ? [a.quota] : [])].join('|');

/** `text` cells are written as text; `instant` cells hold an ISO instant shown as a Paris date and time. */
export interface AlertColumn {
  header: string;
  kind: 'text' | 'instant';
  width: number;
  wrap?: true;
  value: (a: AlertRow) => string;
}

export const ALERTS_TAB = {
  name: 'Alertes',
  idHeader: 'Clé',
  columns: [
    { header: 'Gravité', kind: 'text', width: 90, value: (a) => ALERT_SEVERITY[a.severity] ?? a.severity },
    { header: 'Règle', kind: 'text', width: 220, value: (a) => frTypo(a.ruleLabel ?? a.rule) },
    { header: 'Objet', kind: 'text', width: 200, value: (a) => frTypo(a.subjectLabel ?? a.subjectId) },
    { header: 'Message', kind: 'text', width: 420, wrap: true, value: (a) => frTypo(a.message) },
    { header: 'Vue la première fois', kind: 'instant', width: 130, value: (a) => a.firstSeenAt },
    { header: 'Vue la dernière fois', kind: 'instant', width: 130, value: (a) => a.lastSeenAt },
  ] as const satisfies readonly AlertColumn[],
  /**
   * A row kept after its alert was resolved, because staff wrote beside it, says so in the
   * severity column: that column is the one coloured by severity and counted as « alertes
   * ouvertes » on the dashboard, which a lifted alert must no longer be.
   */
  resolvedHeader: 'Gravité',
  resolved: (asOf: string) => `Levée le ${frShortDate(asOf)}`,
  isResolved: (cell: unknown) => typeof cell === 'string' && cell.startsWith('Levée le '),
} as const;

/** Every header of the tab, the key's last. */
export const ALERTS_HEADERS: readonly string[] = [
  ...ALERTS_TAB.columns.map((c) => c.header),
  ALERTS_TAB.idHeader,
];
