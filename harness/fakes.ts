// Fakes of the Apps Script services the add-on uses. What one spreadsheet shares between its
// users (the spreadsheet, document properties and cache, the document lock) lives in a
// GoogleState; each user gets their own user properties, user cache and UI. Faithful where the
// add-on could tell the difference:
// - LockService: one document lock per spreadsheet; waitLock throws after its timeout, locks
//   are released when an execution ends; releasing does not flush buffered sheet writes;
// - CacheService: values of at most 100 KB, expiration at most 6 hours;
// - HtmlService.createTemplateFromFile: `<?!= name ?>` prints a template property as is,
//   `<?= name ?>` escaped; any other scriptlet is refused (the add-on uses none);
// - UrlFetchApp: synchronous, throws on network failure (and on HTTP errors unless
//   muteHttpExceptions), and refuses any URL outside the manifest's urlFetchWhitelist.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDate, parseDate } from './apps-script-dates';
import {
  ConditionalFormatRuleBuilder,
  type FakeSheet,
  FakeSpreadsheet,
  newRichTextValue,
  Settings,
} from './fake-sheets';
import { fetchSync, type SyncRequest, type SyncResponse } from './sync-fetch';

export { FakeRange, FakeSheet, FakeSpreadsheet } from './fake-sheets';
export type { Value } from './sheet-values';

export class FakeHtmlOutput extends Settings<{ title: string; width: number; height: number }> {
  constructor(
    readonly file: string,
    private content: string,
  ) {
    super({ title: '', width: 300, height: 0 });
  }
  setHeight(h: number) {
    return this.set({ height: h });
  }
  setTitle(t: string) {
    return this.set({ title: String(t) });
  }
  getTitle() {
    return this.settings.title;
  }
  setWidth(w: number) {
    return this.set({ width: w });
  }
  getWidth() {
    return this.settings.width;
  }
  getContent() {
    return this.content;
  }
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** HtmlTemplate: the add-on assigns properties, then evaluate() prints them into the page. */
export class FakeTemplate {
  [property: string]: unknown;
  constructor(
    private readonly __file: string,
    private readonly __source: string,
  ) {}
  evaluate() {
    const html = this.__source.replace(
      /<\?(!?=)?([\s\S]*?)\?>/g,
      (_m, kind: string | undefined, body: string) => {
        const name = body.trim();
        if (!kind || !/^[A-Za-z_$][\w$]*$/.test(name))
          throw new Error(
            `Exception: unsupported scriptlet in ${this.__file}.html: <?${kind ?? ''}${body}?>`,
          );
        const v = this[name];
        const text = v === undefined || v === null ? '' : String(v);
        return kind === '!=' ? text : escapeHtml(text);
      },
    );
    return new FakeHtmlOutput(this.__file, html);
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
  /** The last modal dialog shown (HtmlService output and its title). */
  dialog: { html: FakeHtmlOutput; title: string } | null = null;
  showModalDialog(html: FakeHtmlOutput, title: string) {
    this.dialog = { html, title: String(title) };
  }
  alert(...a: unknown[]) {
    this.alerts.push(a.map(String).join(' — '));
    return this.Button.OK;
  }
}

export class FakeProperties {
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

const MAX_CACHE_VALUE = 100 * 1024;
const MAX_CACHE_SECONDS = 21_600;
export class FakeCache {
  private store = new Map<string, { value: string; until: number }>();
  /** Every successful get and put, so tests can tell a cached answer from a fresh one. */
  readonly log: string[] = [];
  constructor(private now: () => number = Date.now) {}
  get(k: string) {
    const e = this.store.get(k);
    if (!e || e.until <= this.now()) return null;
    this.log.push(`get ${k}`);
    return e.value;
  }
  put(k: string, value: string, seconds = 600) {
    if (String(k).length > 250) throw new Error('Exception: Argument too large: key');
    if (Buffer.byteLength(String(value)) > MAX_CACHE_VALUE)
      throw new Error('Exception: Argument too large: value');
    const ttl = Math.min(Math.max(1, seconds), MAX_CACHE_SECONDS);
    this.store.set(k, { value: String(value), until: this.now() + ttl * 1000 });
    this.log.push(`put ${k}`);
  }
  remove(k: string) {
    this.store.delete(k);
  }
  removeAll(keys: string[]) {
    for (const k of keys) this.store.delete(k);
  }
  /** Test helper: every entry expires now. */
  expireAll() {
    this.store.clear();
  }
}

/** The document lock of one spreadsheet, held by at most one execution at a time. */
export class LockState {
  owner: string | null = null;
  private queue: { execution: string; grant: () => void }[] = [];
  /** Threads wait for real; a single in-process runtime can only time out. */
  canWait = false;
  acquire(execution: string, ms: number): boolean | Promise<boolean> {
    if (this.owner === null || this.owner === execution) {
      this.owner = execution;
      return true;
    }
    if (!this.canWait || ms <= 0) return false;
    return new Promise<boolean>((resolve) => {
      const entry = {
        execution,
        grant: () => {
          clearTimeout(timer);
          resolve(true);
        },
      };
      const timer = setTimeout(() => {
        this.queue.splice(this.queue.indexOf(entry), 1);
        resolve(false);
      }, ms);
      this.queue.push(entry);
    });
  }
  release(execution: string) {
    if (this.owner !== execution) return;
    const next = this.queue.shift();
    this.owner = next?.execution ?? null;
    next?.grant();
  }
}

const LOCK_TIMEOUT = 'Exception: Lock timeout: another process was holding the lock for too long.';
class FakeLock {
  private held = false;
  constructor(
    private state: LockState,
    private execution: string,
  ) {}
  private got(ok: boolean) {
    this.held = ok;
    return ok;
  }
  tryLock(ms: number): boolean | Promise<boolean> {
    const r = this.state.acquire(this.execution, ms);
    return r instanceof Promise ? r.then((ok) => this.got(ok)) : this.got(r);
  }
  waitLock(ms: number): undefined | Promise<undefined> {
    const r = this.tryLock(ms);
    const check = (ok: boolean) => {
      if (!ok) throw new Error(LOCK_TIMEOUT);
      return undefined;
    };
    return r instanceof Promise ? r.then(check) : check(r);
  }
  hasLock() {
    return this.held && this.state.owner === this.execution;
  }
  releaseLock() {
    if (this.held) this.state.release(this.execution);
    this.held = false;
  }
}

export interface UserState {
  props: FakeProperties;
  cache: FakeCache;
  ui: FakeUi;
  /** The cell this user selected last (each person has their own selection in Sheets). */
  selection: { sheet: string; row: number; col: number } | null;
}

/** What the add-on's manifest allows UrlFetchApp to reach (https prefixes, `*.` for subdomains). */
export function allowedByManifest(url: string, prefixes: readonly string[] | undefined): boolean {
  if (!prefixes) return true;
  return prefixes.some((p) => {
    const wild = /^https:\/\/\*\.(.*)$/.exec(p);
    if (!wild) return url.startsWith(p);
    const m = /^https:\/\/([^/]+)(\/.*)$/.exec(url);
    const [host, rest] = [m?.[1] ?? '', m?.[2] ?? ''];
    const [domain, ...pathParts] = wild[1]!.split('/');
    return host.endsWith(`.${domain}`) && rest.startsWith(`/${pathParts.join('/')}`);
  });
}

/** A file of a user's Drive, as the add-on created it through the Drive advanced service. */
export interface DriveFile {
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  owner: string;
  /** The uploaded bytes (UTF-8), null for a folder. */
  content: string | null;
}

/** Blob (Utilities.newBlob): a string as UTF-8 bytes with a content type and a name. */
export function newBlob(data: string, contentType = 'application/octet-stream', name = '') {
  return {
    getDataAsString: () => data,
    getBytes: () => [...Buffer.from(data, 'utf8')],
    getContentType: () => contentType,
    getName: () => name,
  };
}
type FakeBlob = ReturnType<typeof newBlob>;

/**
 * The Drive advanced service (v3) as the add-on uses it: `Files.create(resource, blob?)` in the
 * user's own Drive; a parent must be a folder that user created there (scope drive.file).
 */
export function driveService(files: DriveFile[], user: () => string) {
  return {
    Files: {
      create(resource: { name?: string; mimeType?: string; parents?: string[] }, media?: FakeBlob) {
        const parents = resource.parents ?? [];
        for (const p of parents)
          if (!files.some((f) => f.id === p && f.owner === user() && f.content === null))
            throw new Error(`GoogleJsonResponseException: File not found: ${p}.`);
        const file: DriveFile = {
          id: `drive-${files.length + 1}-${Math.random().toString(36).slice(2, 8)}`,
          name: String(resource.name ?? 'Untitled'),
          mimeType: String(resource.mimeType ?? media?.getContentType() ?? 'application/octet-stream'),
          parents,
          owner: user(),
          content: media ? media.getDataAsString() : null,
        };
        files.push(file);
        return { id: file.id, name: file.name, mimeType: file.mimeType };
      },
    },
  };
}

/** Everything one spreadsheet shares between the users who have it open. */
export class GoogleState {
  readonly spreadsheet = new FakeSpreadsheet();
  readonly documentProps = new FakeProperties();
  readonly scriptProps = new FakeProperties();
  readonly documentCache: FakeCache;
  readonly lock = new LockState();
  readonly users = new Map<string, UserState>();
  /** Files the add-on created in its users' Drives (each file knows its owner). */
  readonly driveFiles: DriveFile[] = [];
  readonly manifest: { urlFetchWhitelist?: string[] };
  now: () => number = Date.now;
  /** Tests only: runs after each call a user's thread makes, before it gets the answer. */
  callHook?: (user: string, method: string, target: object) => Promise<void> | void;
  constructor(readonly htmlDir: string) {
    this.documentCache = new FakeCache(() => this.now());
    const file = join(htmlDir, 'appsscript.json');
    this.manifest = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  }
  user(email: string): UserState {
    let u = this.users.get(email);
    if (!u) {
      u = {
        props: new FakeProperties(),
        cache: new FakeCache(() => this.now()),
        ui: new FakeUi(),
        selection: null,
      };
      this.users.set(email, u);
    }
    return u;
  }
  /** An execution ends: its buffered writes land and its locks are released. */
  endExecution(execution: string) {
    this.spreadsheet.flushExecution(execution);
    this.lock.release(execution);
  }
}

/** SpreadsheetApp, LockService, CacheService, PropertiesService and HtmlService for one user. */
export function sheetServices(state: GoogleState, who: { user: () => string; execution: () => string }) {
  const ui = () => state.user(who.user()).ui;
  return {
    SpreadsheetApp: {
      getActiveSpreadsheet: () => state.spreadsheet,
      getActive: () => state.spreadsheet,
      getActiveSheet: () => state.spreadsheet.getActiveSheet(),
      /** The user's selected cell (null when nothing is selected, as in Sheets). */
      getActiveRange: () => {
        const sel = state.user(who.user()).selection;
        const sheet = sel && state.spreadsheet.getSheetByName(sel.sheet);
        return sheet ? sheet.getRange(sel.row, sel.col) : null;
      },
      getUi: () => ui(),
      flush: () => state.spreadsheet.sync(),
      newConditionalFormatRule: () => new ConditionalFormatRuleBuilder(),
      newRichTextValue,
      ProtectionType: { RANGE: 'RANGE', SHEET: 'SHEET' },
      WrapStrategy: { WRAP: 'WRAP', CLIP: 'CLIP', OVERFLOW: 'OVERFLOW' },
    },
    LockService: {
      getDocumentLock: () => new FakeLock(state.lock, who.execution()),
      getScriptLock: () => new FakeLock(state.lock, who.execution()),
    },
    CacheService: {
      getUserCache: () => state.user(who.user()).cache,
      getDocumentCache: () => state.documentCache,
      getScriptCache: () => state.documentCache,
    },
    PropertiesService: {
      getScriptProperties: () => state.scriptProps,
      getDocumentProperties: () => state.documentProps,
      getUserProperties: () => state.user(who.user()).props,
    },
    HtmlService: {
      createTemplateFromFile: (name: string) => new FakeTemplate(name, htmlFile(state.htmlDir, name)),
      createHtmlOutputFromFile: (name: string) => new FakeHtmlOutput(name, htmlFile(state.htmlDir, name)),
      createHtmlOutput: (html = '') => new FakeHtmlOutput('', html),
    },
  };
}
export type SheetServices = ReturnType<typeof sheetServices>;

function htmlFile(dir: string, name: string): string {
  try {
    return readFileSync(join(dir, `${name}.html`), 'utf8');
  } catch {
    throw new Error(`Exception: No HTML file named ${name} was found.`);
  }
}

/** HTTPResponse: what the add-on reads of an answer (getHeaders and getAllHeaders agree here). */
const httpResponse = (r: Extract<SyncResponse, { ok: true }>) => ({
  getResponseCode: () => r.status,
  getContentText: () => r.body,
  getHeaders: () => r.headers,
  getAllHeaders: () => r.headers,
});

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
  status: number | 'network-error' | 'not-allowed';
  devUser?: string | undefined;
  /** Requests sent by one UrlFetchApp call (fetchAll sends several at once) share a round. */
  round?: number | undefined;
}
export interface Faults {
  /** The request reaches the worker, but its answer is lost (the case idempotency is for). */
  dropNextResponses: number;
  /** Nothing leaves: every fetch fails as if offline. */
  offline: boolean;
}

interface LocalOptions {
  /** Google's clock, as the script reads it (`new Date()`, `Date.now()`); the machine's unless a test fixes it. */
  now?: () => number;
  allowlist: readonly string[] | undefined;
  user: () => string;
  fetchLog: FetchLogEntry[];
  faults: Faults;
}

/** An UrlFetchApp call's parameters as the request that leaves. */
function toSync(url: string, p: FetchParams = {}): SyncRequest {
  const headers: Record<string, string> = { ...(p.headers ?? {}) };
  if (p.payload !== undefined) headers['content-type'] = p.contentType ?? 'application/x-www-form-urlencoded';
  return {
    url,
    method: (p.method ?? 'get').toUpperCase(),
    headers,
    body: p.payload,
    followRedirects: p.followRedirects,
  };
}

/** UrlFetchApp: synchronous, logged, refused outside the manifest's allowlist, faults applied. */
function urlFetchApp(opts: LocalOptions) {
  let round = 0;
  const finish = (req: SyncRequest, res: SyncResponse, p: FetchParams) => {
    const devUser = req.headers['X-Dev-User'];
    if (!res.ok || opts.faults.dropNextResponses > 0) {
      if (res.ok) opts.faults.dropNextResponses--;
      opts.fetchLog.push({ method: req.method, url: req.url, status: 'network-error', devUser, round });
      throw new Error(`Exception: Address unavailable: ${req.url}`);
    }
    opts.fetchLog.push({ method: req.method, url: req.url, status: res.status, devUser, round });
    if (res.status >= 400 && !p.muteHttpExceptions)
      throw new Error(
        `Exception: Request failed for ${req.url} returned code ${res.status}. Truncated server response: ${res.body.slice(0, 200)}`,
      );
    return httpResponse(res);
  };
  // The harness's wording: Apps Script refuses such a URL before any request leaves.
  const refuse = (req: SyncRequest) => {
    opts.fetchLog.push({ method: req.method, url: req.url, status: 'not-allowed' });
    throw new Error(`Exception: The URL ${req.url} is not in the manifest's urlFetchWhitelist.`);
  };
  const send = (reqs: SyncRequest[]): SyncResponse[] => {
    round++;
    for (const r of reqs) if (!allowedByManifest(r.url, opts.allowlist)) refuse(r);
    return opts.faults.offline ? reqs.map(() => ({ ok: false, error: 'offline' })) : fetchSync(reqs);
  };
  return {
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
}

/** The script's Date: `new Date()` and `Date.now()` read `now`; every other use is the built-in's. */
function scriptDate(now: () => number): DateConstructor {
  class ScriptDate extends Date {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(now());
      // Whatever the script passes goes to the built-in as is (one of Date's overloads).
      else super(...(args as [number]));
    }
    static override now() {
      return now();
    }
  }
  return ScriptDate as unknown as DateConstructor;
}

/** UrlFetchApp, ScriptApp, Session, Utilities and the rest: what runs beside the script itself. */
export function localServices(opts: LocalOptions) {
  return {
    Date: scriptDate(opts.now ?? Date.now),
    UrlFetchApp: urlFetchApp(opts),
    // Stand-ins for Google tokens; with a dev identity set, the add-on sends X-Dev-User instead.
    ScriptApp: {
      getIdentityToken: () => 'harness.identity.token',
      getOAuthToken: () => 'harness-oauth-token',
      AuthMode: { NONE: 'NONE', LIMITED: 'LIMITED', FULL: 'FULL' },
    },
    Session: {
      getActiveUser: () => ({ getEmail: () => opts.user() }),
      getEffectiveUser: () => ({ getEmail: () => opts.user() }),
      getScriptTimeZone: () => 'Europe/Paris',
    },
    Utilities: {
      formatDate,
      parseDate,
      getUuid: () => crypto.randomUUID(),
      newBlob,
      // Blocks the execution as Apps Script does (a test's clock is not moved by it).
      sleep: (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.max(0, ms)),
    },
    Charts: { ChartType: { BAR: 'BAR', COLUMN: 'COLUMN', PIE: 'PIE', LINE: 'LINE' } },
    Logger: { log: (...a: unknown[]) => console.log(...a) },
    console,
  };
}

/** One in-process user of one spreadsheet: the services as the add-on sees them. */
export function createFakes(htmlDir: string, state = new GoogleState(htmlDir)) {
  let user = 'harness@example.org';
  let execution = 'setup';
  const fetchLog: FetchLogEntry[] = [];
  const faults: Faults = { dropNextResponses: 0, offline: false };
  const who = { user: () => user, execution: () => execution };
  const globals = {
    Drive: driveService(state.driveFiles, who.user),
    ...sheetServices(state, who),
    ...localServices({
      allowlist: state.manifest.urlFetchWhitelist,
      user: who.user,
      fetchLog,
      faults,
      now: () => state.now(),
    }),
  };
  return {
    globals,
    state,
    spreadsheet: state.spreadsheet,
    get ui() {
      return state.user(user).ui;
    },
    props: {
      script: state.scriptProps,
      document: state.documentProps,
      get user() {
        return state.user(user).props;
      },
    },
    fetchLog,
    faults,
    setUser(email: string) {
      user = email;
    },
    user: () => user,
    /** Runs `f` as one Apps Script execution: its writes land and its locks go when it ends. */
    execute<T>(f: () => T): T {
      execution = `${user}#${Math.random().toString(36).slice(2)}`;
      state.spreadsheet.execution = execution;
      try {
        return f();
      } finally {
        state.endExecution(execution);
        state.spreadsheet.execution = null;
      }
    },
  };
}
export type Fakes = ReturnType<typeof createFakes>;
export type { FakeSheet as Sheet };
