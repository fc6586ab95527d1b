// Fakes of the Apps Script services the add-on uses, faithful where the add-on could tell
// the difference: setValues refuses a matrix of the wrong size, a leading apostrophe marks
// text and is not part of the value, text starting with = + - @ becomes a formula, numeric
// text becomes a number, UrlFetchApp is synchronous and throws on network failure (and on
// HTTP errors unless muteHttpExceptions). Every range read and write is counted.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fetchSync, type SyncRequest, type SyncResponse } from './sync-fetch';

export type Value = string | number | boolean;
interface CellData {
  value: Value;
  formula?: string;
}
export interface Counts {
  getValues: number;
  setValues: number;
}

/** What Sheets does with a value written by setValues (as if typed by a user). */
export function interpret(v: unknown): CellData {
  if (v === null || v === undefined) return { value: '' };
  if (typeof v === 'number' || typeof v === 'boolean') return { value: v };
  const s = String(v);
  if (s.startsWith("'")) return { value: s.slice(1) };
  if (/^[+-]?\d+([.,]\d+)?$/.test(s.trim())) return { value: Number(s.trim().replace(',', '.')) };
  if (/^[=+\-@]/.test(s)) return { value: '#ERROR!', formula: s.startsWith('=') ? s : `=${s}` };
  return { value: s };
}

export class FakeRange {
  constructor(
    private sheet: FakeSheet,
    private row: number,
    private col: number,
    private rows: number,
    private cols: number,
  ) {
    if (row < 1 || col < 1 || rows < 1 || cols < 1)
      throw new Error('Exception: The coordinates of the range are outside the dimensions of the sheet.');
  }
  getNumRows() {
    return this.rows;
  }
  getNumColumns() {
    return this.cols;
  }
  getValues(): Value[][] {
    this.sheet.counts.getValues++;
    return this.map((c) => c?.value ?? '');
  }
  getFormulas(): string[][] {
    return this.map((c) => c?.formula ?? '');
  }
  getDisplayValues(): string[][] {
    return this.map((c) => String(c?.value ?? ''));
  }
  setValues(values: unknown[][]): FakeRange {
    if (values.length !== this.rows)
      throw new Error(
        `Exception: The number of rows in the data does not match the number of rows in the range. The data has ${values.length} but the range has ${this.rows}.`,
      );
    for (const r of values)
      if (r.length !== this.cols)
        throw new Error(
          `Exception: The number of columns in the data does not match the number of columns in the range. The data has ${r.length} but the range has ${this.cols}.`,
        );
    this.sheet.counts.setValues++;
    values.forEach((r, i) => {
      r.forEach((v, j) => {
        this.sheet.put(this.row + i, this.col + j, interpret(v));
      });
    });
    return this;
  }
  setFontWeight(_w: string) {
    return this;
  }
  private map<T>(f: (c: CellData | undefined) => T): T[][] {
    return Array.from({ length: this.rows }, (_, i) =>
      Array.from({ length: this.cols }, (_, j) => f(this.sheet.cell(this.row + i, this.col + j))),
    );
  }
}

export class FakeSheet {
  readonly counts: Counts = { getValues: 0, setValues: 0 };
  private cells = new Map<string, CellData>();
  private frozen = 0;
  constructor(
    private name: string,
    readonly id: number,
  ) {}
  getName() {
    return this.name;
  }
  getSheetId() {
    return this.id;
  }
  cell(r: number, c: number) {
    return this.cells.get(`${r}:${c}`);
  }
  put(r: number, c: number, d: CellData) {
    if (d.value === '' && !d.formula) this.cells.delete(`${r}:${c}`);
    else this.cells.set(`${r}:${c}`, d);
  }
  getLastRow() {
    let last = 0;
    for (const k of this.cells.keys()) last = Math.max(last, Number(k.split(':')[0]));
    return last;
  }
  getLastColumn() {
    let last = 0;
    for (const k of this.cells.keys()) last = Math.max(last, Number(k.split(':')[1]));
    return last;
  }
  getRange(row: number, col: number, rows = 1, cols = 1) {
    return new FakeRange(this, row, col, rows, cols);
  }
  getDataRange() {
    return new FakeRange(this, 1, 1, Math.max(1, this.getLastRow()), Math.max(1, this.getLastColumn()));
  }
  clearContents() {
    this.cells.clear();
    return this;
  }
  clear() {
    return this.clearContents();
  }
  setFrozenRows(n: number) {
    this.frozen = n;
  }
  getFrozenRows() {
    return this.frozen;
  }
  activate() {
    return this;
  }
  /** The grid as a user sees it (display values), for the harness page and the tests. */
  grid(): Value[][] {
    const rows = this.getLastRow();
    const cols = this.getLastColumn();
    return Array.from({ length: rows }, (_, i) =>
      Array.from({ length: cols }, (_, j) => this.cell(i + 1, j + 1)?.value ?? ''),
    );
  }
}

export class FakeSpreadsheet {
  readonly sheets: FakeSheet[] = [];
  readonly toasts: { message: string; title: string }[] = [];
  private nextId = 1;
  constructor(private name = 'Suivi VELI VELO') {
    this.sheets.push(new FakeSheet('Feuille 1', 0));
  }
  getName() {
    return this.name;
  }
  getId() {
    return 'harness-spreadsheet';
  }
  getSheets() {
    return [...this.sheets];
  }
  getSheetByName(name: string) {
    return this.sheets.find((s) => s.getName() === name) ?? null;
  }
  getActiveSheet() {
    return this.sheets[0]!;
  }
  insertSheet(name: string) {
    if (this.getSheetByName(name))
      throw new Error(
        `Exception: A sheet with the name "${name}" already exists. Please enter another name.`,
      );
    const s = new FakeSheet(name, this.nextId++);
    this.sheets.push(s);
    return s;
  }
  toast(message: string, title = '', _timeout?: number) {
    this.toasts.push({ message: String(message), title: String(title) });
  }
  /** Range calls per tab since the last reset. */
  counts(): Record<string, Counts> {
    return Object.fromEntries(this.sheets.map((s) => [s.getName(), { ...s.counts }]));
  }
  resetCounts() {
    for (const s of this.sheets) Object.assign(s.counts, { getValues: 0, setValues: 0 });
  }
}

export class FakeHtmlOutput {
  private title = '';
  private width = 300;
  constructor(
    readonly file: string,
    private content: string,
  ) {}
  setTitle(t: string) {
    this.title = t;
    return this;
  }
  getTitle() {
    return this.title;
  }
  setWidth(w: number) {
    this.width = w;
    return this;
  }
  getWidth() {
    return this.width;
  }
  getContent() {
    return this.content;
  }
}

class FakeMenu {
  readonly items: ({ label: string; fn: string } | null)[] = [];
  constructor(
    private ui: FakeUi,
    readonly title: string,
  ) {}
  addItem(label: string, fn: string) {
    this.items.push({ label, fn });
    return this;
  }
  addSeparator() {
    this.items.push(null);
    return this;
  }
  addToUi() {
    this.ui.menus.set(this.title, this.items);
  }
}

export class FakeUi {
  readonly menus = new Map<string, ({ label: string; fn: string } | null)[]>();
  sidebar: FakeHtmlOutput | null = null;
  sidebarVersion = 0;
  readonly alerts: string[] = [];
  readonly Button = { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' };
  readonly ButtonSet = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' };
  /** Add-on menus live under Extensions, titled with the add-on's name. */
  createAddonMenu() {
    return new FakeMenu(this, 'VELI VELO');
  }
  createMenu(title: string) {
    return new FakeMenu(this, title);
  }
  showSidebar(html: FakeHtmlOutput) {
    this.sidebar = html;
    this.sidebarVersion++;
  }
  alert(message: string) {
    this.alerts.push(String(message));
    return this.Button.OK;
  }
}

class FakeProperties {
  private store = new Map<string, string>();
  getProperty(k: string) {
    return this.store.get(k) ?? null;
  }
  setProperty(k: string, v: string) {
    this.store.set(k, String(v));
    return this;
  }
  deleteProperty(k: string) {
    this.store.delete(k);
    return this;
  }
  getProperties() {
    return Object.fromEntries(this.store);
  }
}

class FakeHttpResponse {
  constructor(private r: Extract<SyncResponse, { ok: true }>) {}
  getResponseCode() {
    return this.r.status;
  }
  getContentText() {
    return this.r.body;
  }
  getHeaders() {
    return this.r.headers;
  }
  getAllHeaders() {
    return this.r.headers;
  }
}

interface FetchParams {
  method?: string;
  headers?: Record<string, string>;
  payload?: string;
  contentType?: string;
  muteHttpExceptions?: boolean;
  followRedirects?: boolean;
}
export interface FetchLogEntry {
  method: string;
  url: string;
  status: number | 'network-error';
  devUser?: string;
}

export interface Faults {
  /** The request reaches the worker, but its answer is lost (the case idempotency is for). */
  dropNextResponses: number;
  /** Nothing leaves: every fetch fails as if offline. */
  offline: boolean;
}

export function createFakes(htmlDir: string) {
  const spreadsheet = new FakeSpreadsheet();
  const ui = new FakeUi();
  const props = { script: new FakeProperties(), document: new FakeProperties(), user: new FakeProperties() };
  const fetchLog: FetchLogEntry[] = [];
  const faults: Faults = { dropNextResponses: 0, offline: false };

  const toSync = (url: string, p: FetchParams = {}): SyncRequest => {
    const headers: Record<string, string> = { ...(p.headers ?? {}) };
    if (p.payload !== undefined)
      headers['content-type'] = p.contentType ?? 'application/x-www-form-urlencoded';
    return {
      url,
      method: (p.method ?? 'get').toUpperCase(),
      headers,
      body: p.payload,
      followRedirects: p.followRedirects,
    };
  };
  const finish = (req: SyncRequest, res: SyncResponse, p: FetchParams) => {
    const devUser = req.headers['X-Dev-User'];
    if (!res.ok || faults.dropNextResponses > 0) {
      if (res.ok) faults.dropNextResponses--;
      fetchLog.push({ method: req.method, url: req.url, status: 'network-error', devUser });
      throw new Error(`Exception: Address unavailable: ${req.url}`);
    }
    fetchLog.push({ method: req.method, url: req.url, status: res.status, devUser });
    if (res.status >= 400 && !p.muteHttpExceptions)
      throw new Error(
        `Exception: Request failed for ${req.url} returned code ${res.status}. Truncated server response: ${res.body.slice(0, 200)}`,
      );
    return new FakeHttpResponse(res);
  };
  const send = (reqs: SyncRequest[]): SyncResponse[] =>
    faults.offline ? reqs.map(() => ({ ok: false, error: 'offline' })) : fetchSync(reqs);

  const UrlFetchApp = {
    fetch(url: string, params: FetchParams = {}) {
      const req = toSync(url, params);
      return finish(req, send([req])[0]!, params);
    },
    fetchAll(requests: (FetchParams & { url: string })[]) {
      const reqs = requests.map((r) => toSync(r.url, r));
      const answers = send(reqs);
      return answers.map((res, i) => finish(reqs[i]!, res, requests[i]!));
    },
  };

  const globals = {
    SpreadsheetApp: {
      getActiveSpreadsheet: () => spreadsheet,
      getActive: () => spreadsheet,
      getUi: () => ui,
    },
    HtmlService: {
      createHtmlOutputFromFile(name: string) {
        let content: string;
        try {
          content = readFileSync(join(htmlDir, `${name}.html`), 'utf8');
        } catch {
          throw new Error(`Exception: No HTML file named ${name} was found.`);
        }
        return new FakeHtmlOutput(name, content);
      },
      createHtmlOutput: (html = '') => new FakeHtmlOutput('', html),
    },
    PropertiesService: {
      getScriptProperties: () => props.script,
      getDocumentProperties: () => props.document,
      getUserProperties: () => props.user,
    },
    // Stand-ins for Google tokens; with a dev identity set, the add-on sends X-Dev-User instead.
    ScriptApp: {
      getIdentityToken: () => 'harness.identity.token',
      getOAuthToken: () => 'harness-oauth-token',
      AuthMode: { NONE: 'NONE', LIMITED: 'LIMITED', FULL: 'FULL' },
    },
    UrlFetchApp,
    Logger: { log: (...a: unknown[]) => console.log(...a) },
    console,
  };
  return { globals, spreadsheet, ui, props, fetchLog, faults };
}
export type Fakes = ReturnType<typeof createFakes>;
