// The "Tableau de bord" tab: four small tables and their native Sheets charts — quota use per
// territory, sessions per month, blockers by category and status, open alerts by severity.
// The numbers are formulas over the mirrored tabs, so they follow every write, including the
// nightly check's rewrite of "Alertes" by the worker; a resynchronisation rebuilds the tab
// (the list of territories and months, the charts). Formulas are the add-on's own text: user
// text (a territory's name) is only ever a value in a cell the formulas point at.
import { LABELS } from '../shared/i18n/labels';
import { frTypo } from '../shared/i18n/typography';
import { PROGRAMME_PRESET } from '../shared/programme/preset';
import { asText, headersOf, isOurProtection, PROTECTION, REMOVED_MARK, type TabSpec } from './sheet-mirror';
import { ALERTS, BLOCKERS, QUOTAS, SESSIONS, SEVERITY } from './tabs';

export const DASHBOARD = 'Tableau de bord';
const TITLE_COLOUR = '#e8eaed';

/** `'Séances'!$A:$A` for a header of a mirrored tab. */
function column<T>(spec: TabSpec<T>, header: string): string {
  const i = headersOf(spec).indexOf(header);
  if (i < 0) throw new Error(`No column ${header} in ${spec.name}`);
  let n = i + 1;
  let letters = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `'${spec.name}'!$${letters}:$${letters}`;
}

type Cell = string | number | Date;
interface Block {
  title: string;
  header: string[];
  rows: Cell[][];
  formats: string[];
  /** Keys the formulas match on, in a hidden column far right (never shown, never charted). */
  helper?: string[];
  chart: { type: 'BAR' | 'COLUMN' | 'PIE'; title: string; stacked?: boolean; columns?: number };
}

const QUOTA_KEYS = ['diagnostic', 'territory-interview', 'collective-support'] as const;
const HELPER_COLUMN = 26;

function quotaBlock(territories: readonly { id: string; name: string }[], first: number): Block {
  const part = column(QUOTAS, 'Part utilisée');
  const id = column(QUOTAS, 'Identifiant');
  return {
    title: 'Part des quotas utilisée, par territoire',
    header: ['Territoire', ...QUOTA_KEYS.map((k) => LABELS.sessionKind[k])],
    rows: territories.map((t, i) => [
      asText(t.name),
      ...QUOTA_KEYS.map((k) => `=IFERROR(SUMIFS(${part}, ${id}, "${k}|"&$Z${first + i}), 0)`),
    ]),
    helper: territories.map((t) => t.id),
    formats: ['@', '0 %', '0 %', '0 %'],
    chart: { type: 'BAR', title: 'Part des quotas utilisée par territoire' },
  };
}

function months(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (let guard = 0; guard < 120 && `${y}-${String(m).padStart(2, '0')}` <= to.slice(0, 7); guard++) {
    out.push(`${y}-${String(m).padStart(2, '0')}-01`);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return out;
}

/** A row kept for staff's notes after its record was deleted is no longer counted (its id is marked). */
const live = <T>(spec: TabSpec<T>) => `${column(spec, spec.idHeader ?? 'Identifiant')}, "<>*${REMOVED_MARK}"`;

function sessionsBlock(range: { startDate: string; endDate: string }, first: number): Block {
  const date = column(SESSIONS, 'Date');
  const minutes = column(SESSIONS, 'Durée (min)');
  return {
    title: 'Séances par mois',
    header: ['Mois', 'Séances', 'Heures'],
    rows: months(range.startDate, range.endDate).map((iso, i) => {
      const r = first + i;
      const within = `${date}, ">="&$A${r}, ${date}, "<"&EDATE($A${r}, 1), ${live(SESSIONS)}`;
      return [
        Utilities.parseDate(iso, 'Europe/Paris', 'yyyy-MM-dd'),
        `=COUNTIFS(${within})`,
        `=ROUND(SUMIFS(${minutes}, ${within}) / 60, 1)`,
      ];
    }),
    formats: ['mmmm yyyy', '#,##0', '#,##0.0'],
    chart: { type: 'COLUMN', title: 'Séances par mois', columns: 2 },
  };
}

function blockersBlock(first: number): Block {
  const category = column(BLOCKERS, 'Catégorie');
  const status = column(BLOCKERS, 'Statut');
  const statuses = Object.values(LABELS.blockerStatus);
  const head = first - 1;
  return {
    title: 'Verrous par catégorie et par statut',
    header: ['Catégorie', ...statuses],
    rows: Object.values(LABELS.blockerCategory).map((label, i) => [
      asText(label),
      ...statuses.map((_, j) => {
        const col = String.fromCharCode(66 + j);
        return `=COUNTIFS(${category}, $A${first + i}, ${status}, ${col}$${head}, ${live(BLOCKERS)})`;
      }),
    ]),
    formats: ['@', ...statuses.map(() => '#,##0')],
    chart: { type: 'BAR', title: 'Verrous par catégorie et par statut', stacked: true },
  };
}

function alertsBlock(first: number): Block {
  const severity = column(ALERTS, 'Gravité');
  return {
    title: 'Alertes ouvertes par gravité',
    header: ['Gravité', 'Alertes ouvertes'],
    rows: [SEVERITY.critical, SEVERITY.warning, SEVERITY.info].map((label, i) => [
      label,
      `=COUNTIF(${severity}, $A${first + i})`,
    ]),
    formats: ['@', '#,##0'],
    chart: { type: 'COLUMN', title: 'Alertes ouvertes par gravité' },
  };
}

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

function dashboardTab(): Sheet {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = ss.getSheetByName(DASHBOARD) ?? ss.insertSheet(DASHBOARD, 0);
  for (const c of sheet.getCharts()) sheet.removeChart(c);
  for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET))
    if (isOurProtection(p)) p.remove();
  sheet.clear();
  return sheet;
}

function writeBlock(sheet: Sheet, b: Block, at: number, chartRow: number) {
  const width = b.header.length;
  sheet.getRange(at, 1).setValue(b.title);
  sheet.getRange(at, 1, 1, 1).setFontWeight('bold');
  sheet
    .getRange(at + 1, 1, 1, width)
    .setNumberFormat('@')
    .setValues([b.header])
    .setFontWeight('bold')
    .setBackground(TITLE_COLOUR);
  if (b.rows.length === 0) return;
  const body = sheet.getRange(at + 2, 1, b.rows.length, width);
  body.setNumberFormats(b.rows.map(() => b.formats));
  body.setValues(b.rows);
  if (b.helper)
    sheet
      .getRange(at + 2, HELPER_COLUMN, b.helper.length, 1)
      .setNumberFormat('@')
      .setValues(b.helper.map((id) => [id]));
  const charted = sheet.getRange(at + 1, 1, b.rows.length + 1, b.chart.columns ?? width);
  const builder = sheet
    .newChart()
    .setChartType(Charts.ChartType[b.chart.type])
    .addRange(charted)
    .setPosition(chartRow, width + 3, 0, 0)
    .setOption('title', b.chart.title)
    // Within the block's 18 rows of 21 px, beside its table.
    .setOption('width', 560)
    .setOption('height', 340)
    .setOption('legend', { position: 'bottom' });
  sheet.insertChart((b.chart.stacked ? builder.setOption('isStacked', true) : builder).build());
}

/** Rebuilds the tab (call under the document lock, after the mirrored tabs were written). */
export function buildDashboard(
  territories: readonly { id: string; name: string }[],
  range = { startDate: PROGRAMME_PRESET.startDate, endDate: PROGRAMME_PRESET.endDate },
) {
  const sheet = dashboardTab();
  sheet.getRange(1, 1).setValue('Tableau de bord VELI VELO');
  sheet
    .getRange(1, 1, 1, 1)
    .setFontWeight('bold')
    .setNote(
      frTypo(
        'Tenu par le module VELI VELO : les chiffres sont des formules sur les onglets Quotas, Séances, Verrous et ' +
          'Alertes et suivent chaque enregistrement et le contrôle nocturne ; « Resynchroniser les onglets » reconstruit ' +
          'la liste des territoires, des mois et les graphiques.',
      ),
    );
  let at = 3;
  const blocks: ((first: number) => Block)[] = [
    (first) => quotaBlock(territories, first),
    (first) => sessionsBlock(range, first),
    (first) => blockersBlock(first),
    (first) => alertsBlock(first),
  ];
  for (const make of blocks) {
    const b = make(at + 2);
    writeBlock(sheet, b, at, at);
    at += Math.max(b.rows.length + 3, 18);
  }
  sheet.hideColumns(HELPER_COLUMN);
  sheet.setColumnWidth(1, 220);
  sheet.protect().setDescription(PROTECTION).setWarningOnly(true);
}
