// "Importer un onglet existant": a staff member's own tab of sessions, blockers or indicators
// brought into the record. The dry run and the import judge the rows the same way — sessions
// by the worker itself (POST /v1/sessions/validate: every rule, quotas counted down the tab),
// blockers and indicators by the shared schemas and the user's territories — so the import
// does exactly what the dry run announced. Only rows judged acceptable get an id, written in
// the sheet before anything is sent (a second run replays them, nothing is created twice);
// they go in one UrlFetchApp.fetchAll, and a row the worker still refuses loses its id.
import { MSG } from '../shared/i18n/messages';
import { frTypo } from '../shared/i18n/typography';
import type { ImportOutcome, ImportRequest, ImportTab, Result } from './api';
import { DASHBOARD } from './dashboard';
import { loadImportContext } from './import-context';
import { IMPORT_TARGETS } from './import-fields';
import { judgeRows, type Verdict } from './import-judge';
import { ID_HEADER, type ImportRow, readRows, STATUS_HEADER } from './import-rows';
import { type Sent, sendRows } from './import-send';
import { withDocumentLock } from './lock';
import { invalid } from './operations';
import { TAB_ORDER } from './tabs';

export { ID_HEADER, STATUS_HEADER } from './import-rows';

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

const STATUS = {
  ready: frTypo('OK : prête à importer'),
  readyOverride: frTypo('OK : prête, avec dérogation au quota'),
  stored: frTypo('OK : déjà importée'),
  created: frTypo('OK : importée'),
  createdOverride: frTypo('OK : importée avec dérogation au quota'),
  notSent: frTypo('Non envoyée : relancez l’import pour la suite (rien ne sera créé deux fois).'),
  sending: frTypo('Envoi en cours… (si l’import s’interrompt, relancez-le : rien ne sera créé deux fois)'),
};

/** What the dry run announces for a row, in the words the import's own status will use. */
const announced = (v: Verdict) =>
  !v.ok ? v.message : v.stored ? STATUS.stored : v.override ? STATUS.readyOverride : STATUS.ready;

/** The request's own problems, before anything is read. */
function requestProblem(req: ImportRequest): Result<never> | null {
  if (!IMPORT_TARGETS[req?.target])
    return invalid([{ path: 'target', message: 'Choisissez ce que contient l’onglet.' }]);
  const missing = IMPORT_TARGETS[req.target].fields.filter((f) => f.required && !req.mapping?.[f.name]);
  if (missing.length)
    return invalid(
      missing.map((f) => ({
        path: `mapping.${f.name}`,
        message: frTypo(`Choisissez la colonne « ${f.label} ».`),
      })),
    );
  if (req.override && req.target !== 'sessions')
    return invalid([{ path: 'override', message: 'Une dérogation ne concerne que les quotas des séances.' }]);
  return null;
}

/** The status and id columns beside the rows (added after the last column when absent). */
function writeColumns(sheet: Sheet, headers: string[], statuses: string[], ids: string[]) {
  let statusCol = headers.indexOf(STATUS_HEADER);
  let idCol = headers.indexOf(ID_HEADER);
  if (statusCol < 0) statusCol = idCol >= 0 ? idCol + 1 : headers.length;
  if (idCol < 0) idCol = Math.max(statusCol, headers.length - 1) + 1;
  const width = Math.max(statusCol, idCol) + 1;
  if (width > sheet.getMaxColumns())
    sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
  for (const [col, header, values] of [
    [statusCol, STATUS_HEADER, statuses],
    [idCol, ID_HEADER, ids],
  ] as const) {
    const range = sheet.getRange(1, col + 1, values.length + 1, 1);
    range.setNumberFormat('@');
    range.setValues([[header], ...values.map((v) => [v.replace(/^([=+\-@])/, "'$1")])]);
  }
}

function outcome(
  dryRun: boolean,
  rows: ImportRow[],
  statuses: Map<number, { ok: boolean; message: string }>,
) {
  const list = rows.map((r) => ({ row: r.line, ...statuses.get(r.line)! }));
  const count = (m: string) => list.filter((r) => r.message === m).length;
  const out: ImportOutcome = {
    dryRun,
    rows: list,
    created: count(STATUS.created) + count(STATUS.createdOverride),
    already: count(STATUS.stored),
    refused: list.filter((r) => !r.ok && r.message !== STATUS.notSent).length,
    notSent: count(STATUS.notSent),
  };
  return out;
}

export const importTab = (req: ImportRequest): Result<ImportOutcome> => {
  const problem = requestProblem(req);
  if (problem) return problem;
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = ss.getSheetByName(String(req.tab));
  if (!sheet) return invalid([{ path: 'tab', message: 'Onglet introuvable.' }]);
  const context = loadImportContext();
  if (!context.ok) return context;
  if (req.override && context.data.me.role !== 'admin')
    return { ok: false, error: { code: 'FORBIDDEN', message: MSG.overrideAdminOnly } };
  const grid = sheet.getDataRange().getValues();
  const headers = (grid[0] ?? []).map(String);
  const timeZone = ss.getSpreadsheetTimeZone();
  const all = readRows(grid, req, { ...context.data, timeZone });
  const rows = all.filter((r) => !r.blank);
  const verdicts = judgeRows(req, rows, context.data);
  if (!verdicts.ok) return verdicts;
  const column = (f: (r: ImportRow) => string) => all.map((r) => (r.blank ? '' : f(r)));
  if (req.dryRun) {
    const statuses = new Map(
      rows.map((r, i) => [r.line, { ok: verdicts.data[i]!.ok, message: announced(verdicts.data[i]!) }]),
    );
    withDocumentLock(() =>
      writeColumns(
        sheet,
        headers,
        column((r) => statuses.get(r.line)!.message),
        column((r) => r.id),
      ),
    );
    return { ok: true, data: outcome(true, rows, statuses) };
  }
  const sent = sendImport(req, rows, verdicts.data, {
    before: (going) =>
      withDocumentLock(() =>
        writeColumns(
          sheet,
          headers,
          column((r) => (going.has(r.line) ? STATUS.sending : announced(verdicts.data[rows.indexOf(r)]!))),
          column((r) => r.id),
        ),
      ),
    after: (done) =>
      writeColumns(
        sheet,
        headers,
        column((r) => done.statuses.get(r.line)!.message),
        column((r) => r.id),
      ),
  });
  return {
    ok: true,
    data: outcome(false, rows, sent.statuses),
    ...(sent.warning ? { warning: sent.warning } : {}),
  };
};

/** The import proper: ids for the rows to send, written first, then the rows sent, then their statuses. */
function sendImport(
  req: ImportRequest,
  rows: ImportRow[],
  verdicts: Verdict[],
  write: { before: (going: Set<number>) => void; after: (done: Sent) => void },
): Sent {
  const going = rows.filter((_, i) => verdicts[i]!.ok && !verdicts[i]!.stored);
  for (const r of going) if (!r.id) r.id = Utilities.getUuid();
  write.before(new Set(going.map((r) => r.line)));
  return sendRows(req, rows, verdicts, STATUS, write.after);
}
