// The rows of a staff member's tab as records: each cell read through the column the person
// chose for its field, in the forms people write (French labels or aliases, « ½ journée »,
// « 14/10/2025 » or a real Sheets date, a territory's short name or central city), with one
// French message per field that cannot be read, written the way the person wrote it.
import { frTypo, quoted } from '../shared/i18n/typography';
import { BlockerInput, IndicatorInput, SessionInput } from '../shared/schemas';
import { validate } from '../shared/schemas/validate';
import type { ImportRequest, ImportTarget } from './api';
import {
  fromLabel,
  IMPORT_TARGETS,
  type ImportField,
  parseDate,
  parseDuration,
  parseNumber,
} from './import-fields';
import type { Directory, Found } from './import-names';
import { isDate } from './sheet-mirror';

export const STATUS_HEADER = 'Statut import VELI VELO';
export const ID_HEADER = 'Identifiant VELI VELO';

export const SCHEMAS = {
  sessions: SessionInput,
  blockers: BlockerInput,
  indicators: IndicatorInput,
} as const;

export interface FieldError {
  field: string;
  message: string;
}

/** One row of the tab, read. */
export interface ImportRow {
  /** Its number in the sheet (the header is row 1). */
  line: number;
  /** The id written beside it by an earlier import ('' if none). */
  id: string;
  /** The fields that could be read. */
  body: Record<string, unknown>;
  /** What the person wrote in each mapped cell, for messages in their terms. */
  written: Record<string, string>;
  /** Cells that cannot be read, and the shared schema's objections to the rest: one per field. */
  errors: FieldError[];
  blank: boolean;
}

export interface ReadOptions {
  dir: Directory;
  minutesPerDay: number;
  /** The spreadsheet's time zone: a Sheets date is midnight there. */
  timeZone: string;
}

/** A cell as text: a real date as the day it shows in the spreadsheet's zone (JJ/MM/AAAA). */
export const cellText = (v: unknown, timeZone: string) =>
  isDate(v) ? Utilities.formatDate(v, timeZone, 'dd/MM/yyyy') : String(v ?? '').trim();

type Read = { value: unknown } | { error: string } | null;

const SAMPLE_DATE = '14/10/2025';

function readDate(raw: unknown, t: string, o: ReadOptions): Read {
  if (isDate(raw)) return { value: Utilities.formatDate(raw, o.timeZone, 'yyyy-MM-dd') };
  const d = parseDate(t);
  if ('iso' in d) return { value: d.iso };
  return {
    error:
      d.error === 'no-such-day'
        ? `le ${t} n’existe pas : vérifiez le jour et le mois (JJ/MM/AAAA, par exemple ${SAMPLE_DATE}).`
        : `${quoted(t)} n’est pas une date : écrivez-la JJ/MM/AAAA, par exemple ${SAMPLE_DATE}.`,
  };
}

const UNKNOWN = {
  territoire: 'ne correspond à aucun territoire du programme (nom, nom court, ville centre ou identifiant)',
  partenaire: 'ne correspond à aucun partenaire de ce territoire (nom ou identifiant)',
};

const foundOr = (found: Found, t: string, what: keyof typeof UNKNOWN): Read => {
  if ('id' in found) return { value: found.id };
  if (found.error === 'unknown') return { error: `${quoted(t)} ${UNKNOWN[what]}.` };
  return {
    error: `${quoted(t)} peut désigner ${found.candidates?.map(quoted).join(' ou ')} : écrivez le nom complet.`,
  };
};

/** One cell → the field's value, or why it cannot be read (null: empty). */
function readCell(f: ImportField, raw: unknown, o: ReadOptions, body: Record<string, unknown>): Read {
  const t = cellText(raw, o.timeZone);
  if (!t) return null;
  switch (f.type) {
    case 'date':
      return readDate(raw, t, o);
    case 'int':
    case 'number': {
      const n = typeof raw === 'number' ? raw : parseNumber(t);
      if (n === undefined) return { error: `${quoted(t)} n’est pas un nombre.` };
      return { value: f.type === 'int' ? Math.round(n) : n };
    }
    case 'duration': {
      const n = typeof raw === 'number' ? raw : parseDuration(t, o.minutesPerDay);
      return n === undefined
        ? { error: `${quoted(t)} : durée illisible (ex. 90, 2 h, 1 h 30, ½ journée).` }
        : { value: n };
    }
    case 'enum': {
      const code = fromLabel(f.table ?? {}, t, f.aliases);
      return code
        ? { value: code }
        : { error: `${quoted(t)} : valeur inconnue (${Object.values(f.table ?? {}).join(', ')}).` };
    }
    case 'territory':
      return foundOr(o.dir.territory(t), t, 'territoire');
    case 'partner':
      return foundOr(o.dir.partner(t, body.territoryId as string | undefined), t, 'partenaire');
    default:
      return { value: t };
  }
}

/** The row's fields read in the target's order (the territory before its partner). */
function readRow(r: unknown[], headers: string[], req: ImportRequest, o: ReadOptions) {
  const body: Record<string, unknown> = {};
  const written: Record<string, string> = {};
  const errors: FieldError[] = [];
  for (const f of IMPORT_TARGETS[req.target].fields) {
    const header = req.mapping[f.name];
    if (!header) continue;
    const raw = r[headers.indexOf(header)];
    written[f.name] = cellText(raw, o.timeZone);
    const got = readCell(f, raw, o, body);
    if (got && 'error' in got) errors.push({ field: f.name, message: frTypo(got.error) });
    else if (got) body[f.name] = got.value;
  }
  return { body, written, errors };
}

/** The shared schema's objections to the fields that were read (those not read say why already). */
export function schemaErrors(target: ImportTarget, body: Record<string, unknown>, known: FieldError[]) {
  const v = validate(SCHEMAS[target], body);
  if (v.ok) return known;
  const out = [...known];
  for (const i of v.issues) {
    const field = i.path.split('.')[0] || 'row';
    if (!out.some((e) => e.field === field)) out.push({ field, message: i.message });
  }
  return out;
}

/** Every row under the header; `idCol` the column of ids written by earlier imports (-1: none). */
export function readRows(grid: unknown[][], req: ImportRequest, o: ReadOptions): ImportRow[] {
  const headers = (grid[0] ?? []).map(String);
  const idCol = headers.indexOf(ID_HEADER);
  return grid.slice(1).map((r, i) => {
    const line = i + 2;
    const id = idCol >= 0 ? String(r[idCol] ?? '').trim() : '';
    const mapped = Object.values(req.mapping).map((h) => r[headers.indexOf(h)]);
    if (mapped.every((c) => cellText(c, o.timeZone) === ''))
      return { line, id, body: {}, written: {}, errors: [], blank: true };
    const { body, written, errors } = readRow(r, headers, req, o);
    if (id) body.id = id;
    return { line, id, body, written, errors: schemaErrors(req.target, body, errors), blank: false };
  });
}

/** « Durée « ½ journée » — … »: the field's label, what the person wrote if it helps, the reason. */
export function describe(target: ImportTarget, row: Pick<ImportRow, 'written'>, e: FieldError): string {
  const f = IMPORT_TARGETS[target].fields.find((x) => x.name === e.field.split('.')[0]);
  const written = f ? row.written[f.name] : undefined;
  const label = f?.label ?? (e.field === 'id' ? 'Identifiant' : 'Ligne');
  // A message that names its subject already (« Territoire « Albi » — Quota dépassé… ») stands alone.
  if (/^(Territoire|Partenaire)\s«/.test(e.message)) return frTypo(e.message);
  const shown = written && !e.message.includes(written) ? ` ${quoted(written)}` : '';
  return frTypo(`${label}${shown} — ${e.message}`);
}
