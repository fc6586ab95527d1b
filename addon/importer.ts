// "Importer un onglet existant": a staff member's own tab of sessions, blockers or indicators
// brought into the record. Each row is read through the mapping the user confirmed, checked by
// the very schemas the worker enforces (and, for sessions, against the quotas as they stand),
// and gets a status cell: "OK" or the French reason. The import itself writes an id next to
// each row before sending it, so a second run replays instead of creating anything twice.
import { frTypo } from '../shared/i18n/typography';
import { QUOTA_RULES, sessionAmount } from '../shared/quotas/rules';
import { BlockerInput, IndicatorInput, SessionInput } from '../shared/schemas';
import { validate } from '../shared/schemas/validate';
import type { ImportOutcome, ImportRequest, ImportRowStatus, ImportTab, Result } from './api';
import { minutesPerDay, sidebarContext } from './context';
import { DASHBOARD } from './dashboard';
import {
  fromLabel,
  IMPORT_TARGETS,
  type ImportField,
  normalise,
  parseDate,
  parseDuration,
  parseNumber,
} from './import-fields';
import { withDocumentLock } from './lock';
import { quotaRefusal } from './messages';
import { names } from './names';
import { invalid } from './operations';
import { findQuota } from './report';
import { isDate, job, mirrorTabs } from './sheet-mirror';
import { BLOCKERS, INDICATORS, QUOTAS, SESSIONS, TAB_ORDER } from './tabs';
import { type Answer, callWorker } from './worker-client';

export const STATUS_HEADER = 'Statut import VELI VELO';
export const ID_HEADER = 'Identifiant VELI VELO';
/** One call of Apps Script stays far below its 6 minutes: the rest waits for the next run. */
const MAX_SENT_PER_RUN = 150;
// Statuses written beside the imported rows.
const NOT_SENT = frTypo('Non envoyée : relancez l’import pour la suite (rien ne sera créé deux fois).');
const IMPORTED = frTypo('OK : importée');
const IMPORTED_BEFORE = frTypo('OK : déjà importée');
const CHANGED_SINCE_IMPORT = frTypo(
  'Déjà importée, mais la ligne a changé depuis : corrigez l’enregistrement depuis la barre latérale.',
);
const TARGET = {
  sessions: { schema: SessionInput, path: '/v1/sessions', spec: SESSIONS },
  blockers: { schema: BlockerInput, path: '/v1/blockers', spec: BLOCKERS },
  indicators: { schema: IndicatorInput, path: '/v1/indicators', spec: INDICATORS },
} as const;

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const importableTabs = (): Result<ImportTab[]> => {
  const managed = new Set([...TAB_ORDER, DASHBOARD]);
  const tabs: ImportTab[] = SpreadsheetApp.getActiveSpreadsheet()
    .getSheets()
    .filter((s) => !managed.has(s.getName()) && s.getLastRow() > 1)
    .map((s) => ({
      name: s.getName(),
      headers: s
        .getRange(1, 1, 1, s.getLastColumn())
        .getValues()[0]!
        .map(String)
        .filter((h) => h && h !== STATUS_HEADER && h !== ID_HEADER),
      rows: s.getLastRow() - 1,
    }));
  return { ok: true, data: tabs };
};

/** Reverse directory: a territory or partner named in the staff tab (or its id) → its id. */
function resolver() {
  const ctx = sidebarContext();
  const byName = (list: { id: string; name: string }[]) =>
    new Map(list.flatMap((x) => [[normalise(x.name), x.id] as const, [normalise(x.id), x.id] as const]));
  const report = ctx.ok ? ctx.data.report : null;
  return {
    report,
    territory: byName(report?.territories.map((t) => ({ id: t.territoryId, name: t.name })) ?? []),
    partner: byName(report?.partners.map((p) => ({ id: p.partnerId, name: p.name })) ?? []),
  };
}

const cellText = (v: unknown) =>
  isDate(v) ? Utilities.formatDate(v, 'Europe/Paris', 'yyyy-MM-dd') : String(v ?? '').trim();

/** One cell → the field's value, or a French reason it cannot be read. */
function convert(
  f: ImportField,
  raw: unknown,
  dir: ReturnType<typeof resolver>,
): { value?: unknown; error?: string } {
  const t = cellText(raw);
  if (!t) return {};
  const bad = (what: string) => ({ error: frTypo(`${f.label} : ${what} « ${t} ».`) });
  switch (f.type) {
    case 'date':
      return parseDate(t) ? { value: parseDate(t) } : bad('date illisible (attendu JJ/MM/AAAA)');
    case 'int':
    case 'number': {
      const n = typeof raw === 'number' ? raw : parseNumber(t);
      return n === undefined ? bad('nombre illisible') : { value: f.type === 'int' ? Math.round(n) : n };
    }
    case 'duration': {
      const n = typeof raw === 'number' ? raw : parseDuration(t, minutesPerDay() ?? 420);
      return n === undefined ? bad('durée illisible (ex. 180, 3 h, ½ journée)') : { value: n };
    }
    case 'enum':
      return fromLabel(f.table ?? {}, t) ? { value: fromLabel(f.table ?? {}, t) } : bad('valeur inconnue');
    case 'territory':
    case 'partner': {
      const id = dir[f.type].get(normalise(t));
      return id ? { value: id } : bad(f.type === 'territory' ? 'territoire inconnu' : 'partenaire inconnu');
    }
    default:
      return { value: t };
  }
}

interface Row {
  line: number;
  id: string;
  body?: Record<string, unknown> | undefined;
  status: ImportRowStatus;
}

function readRows(sheet: Sheet, req: ImportRequest, dir: ReturnType<typeof resolver>) {
  const grid = sheet.getDataRange().getValues();
  const headers = (grid[0] ?? []).map(String);
  const statusCol = headers.indexOf(STATUS_HEADER);
  const idCol = headers.indexOf(ID_HEADER);
  const { fields } = IMPORT_TARGETS[req.target];
  const rows: Row[] = grid.slice(1).map((r, i) => {
    const line = i + 2;
    if (r.every((c) => cellText(c) === ''))
      return { line, id: '', status: { row: line, ok: false, message: '' } };
    const body: Record<string, unknown> = {};
    const errors: string[] = [];
    for (const f of fields) {
      const header = req.mapping[f.name];
      if (!header) continue;
      const got = convert(f, r[headers.indexOf(header)], dir);
      if (got.error) errors.push(got.error);
      else if (got.value !== undefined) body[f.name] = got.value;
    }
    const id = idCol >= 0 ? String(r[idCol] ?? '') : '';
    const v = validate(TARGET[req.target].schema, { ...(id ? { id } : {}), ...body });
    if (!v.ok) errors.push(...v.issues.map((x) => frTypo(`${labelOf(req, x.path)} : ${x.message}`)));
    const status = { row: line, ok: errors.length === 0, message: errors.length ? errors.join(' ') : 'OK' };
    return { line, id, body: v.ok ? (v.data as Record<string, unknown>) : undefined, status };
  });
  return { rows, headers, statusCol, idCol };
}

const labelOf = (req: ImportRequest, path: string) =>
  IMPORT_TARGETS[req.target].fields.find((f) => f.name === path.split('.')[0])?.label ?? path;

/** The dry run's quota check: the rows counted in order against the quotas as they stand. */
function simulateQuotas(rows: Row[], dir: ReturnType<typeof resolver>) {
  if (!dir.report) return;
  const used = new Map<string, number>();
  for (const r of rows) {
    if (!r.status.ok || !r.body) continue;
    const s = r.body as {
      kind: keyof typeof QUOTA_RULES;
      territoryId?: string;
      partnerId?: string;
      date: string;
      durationMinutes: number;
    };
    const q = findQuota(dir.report, s.kind, s);
    if (!q) continue;
    const key = `${q.key}|${q.subjectId}`;
    const amount = sessionAmount(QUOTA_RULES[s.kind], s.durationMinutes);
    const before = used.get(key) ?? q.used;
    if (before + amount > q.limit) {
      const name = (id: string) => (q.scope === 'partner' ? names().partner(id) : names().territory(id));
      const left = { ...q, used: before, remaining: Math.max(0, q.limit - before) };
      r.status = {
        ...r.status,
        ok: false,
        message: quotaRefusal(left, name, minutesPerDay() ?? 420, s.durationMinutes),
      };
    } else used.set(key, before + amount);
  }
}

function writeColumns(
  sheet: Sheet,
  at: { statusCol: number; idCol: number; headers: string[] },
  rows: Row[],
) {
  let statusCol = at.statusCol;
  let idCol = at.idCol;
  const last = at.headers.length;
  if (statusCol < 0) statusCol = idCol >= 0 ? idCol + 1 : last;
  if (idCol < 0) idCol = statusCol + 1;
  const width = Math.max(statusCol, idCol) + 1;
  if (width > sheet.getMaxColumns())
    sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
  for (const [col, header, values] of [
    [statusCol, STATUS_HEADER, rows.map((r) => r.status.message)],
    [idCol, ID_HEADER, rows.map((r) => r.id)],
  ] as const) {
    const range = sheet.getRange(1, col + 1, rows.length + 1, 1);
    range.setNumberFormat('@');
    range.setValues([[header], ...values.map((v) => [v.replace(/^([=+\-@])/, "'$1")])]);
  }
}

export const importTab = (req: ImportRequest): Result<ImportOutcome> => {
  const target = TARGET[req?.target];
  if (!target) return invalid([{ path: 'target', message: 'Choisissez ce que contient l’onglet.' }]);
  const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(String(req.tab));
  if (!sheet) return invalid([{ path: 'tab', message: 'Onglet introuvable.' }]);
  const missing = IMPORT_TARGETS[req.target].fields.filter((f) => f.required && !req.mapping?.[f.name]);
  if (missing.length)
    return invalid(
      missing.map((f) => ({
        path: `mapping.${f.name}`,
        message: frTypo(`Choisissez la colonne « ${f.label} ».`),
      })),
    );
  const dir = resolver();
  const read = readRows(sheet, req, dir);
  const rows = read.rows.filter((r) => r.status.message !== '');
  if (req.target === 'sessions') simulateQuotas(rows, dir);
  if (req.dryRun) {
    withDocumentLock(() => writeColumns(sheet, read, read.rows));
    return { ok: true, data: outcome(true, rows, 0, 0) };
  }
  return send(sheet, req, read, rows);
};

function outcome(dryRun: boolean, rows: Row[], created: number, already: number): ImportOutcome {
  return {
    dryRun,
    rows: rows.map((r) => r.status),
    created,
    already,
    refused: rows.filter((r) => !r.status.ok).length,
  };
}

function send(
  sheet: Sheet,
  req: ImportRequest,
  read: ReturnType<typeof readRows>,
  rows: Row[],
): Result<ImportOutcome> {
  const target = TARGET[req.target];
  for (const r of rows) if (r.status.ok && !r.id) r.id = Utilities.getUuid();
  // The ids are in the sheet before anything is sent: an interrupted import replays them.
  withDocumentLock(() => writeColumns(sheet, read, read.rows));
  const saved: unknown[] = [];
  const quotas: unknown[] = [];
  let created = 0;
  let already = 0;
  let sent = 0;
  for (const r of rows) {
    if (!r.status.ok || !r.body) continue;
    if (sent++ >= MAX_SENT_PER_RUN) {
      r.status = {
        ...r.status,
        ok: false,
        message: NOT_SENT,
      };
      continue;
    }
    const res: Answer<Record<string, unknown>> = callWorker({
      method: 'post',
      path: target.path,
      body: { ...r.body, id: r.id },
    });
    if (res.ok) {
      saved.push(res.data.session ?? res.data);
      if (res.data.quota) quotas.push(res.data.quota);
      // 201: created now; 200: the same row sent before, answered from the record.
      const replay = res.status === 200;
      if (replay) already++;
      else created++;
      r.status = { ...r.status, message: replay ? IMPORTED_BEFORE : IMPORTED };
    } else
      r.status = {
        ...r.status,
        ok: false,
        message: res.error.code === 'IDEMPOTENCY_CONFLICT' ? CHANGED_SINCE_IMPORT : res.error.message,
      };
  }
  withDocumentLock(() => {
    writeColumns(sheet, read, read.rows);
    mirrorTabs([job(target.spec as never, saved as never[]), job(QUOTAS, quotas as never[])], names());
  });
  return { ok: true, data: outcome(false, rows, created, already) };
}
