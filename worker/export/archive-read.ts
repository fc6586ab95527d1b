import { SCHEMA_VERSION } from '../ops/readiness';
import { ARCHIVE_FORMAT, type Manifest, Sha256 } from './archive';
import { linesOf } from './lines';
import type { ArchivedTable } from './schema';

/** An archive that cannot be restored as it is; the message is French, for the admin. */
export class ArchiveError extends Error {}

export type ArchiveEvent =
  | { kind: 'table'; name: string; columns: string[] }
  | { kind: 'row'; line: string; values: unknown[] }
  | { kind: 'end'; name: string; count: number; sha256: string };

const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

function parse(line: string, n: number): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new ArchiveError(`Ligne ${n} illisible (JSON attendu) : l’archive est abîmée.`);
  }
}

/** The header, checked against this code's schema and the database's tables. */
function checkHeader(first: unknown, target: readonly ArchivedTable[]): string[] {
  const h = first as { archive?: string; format?: number; schemaVersion?: string; tables?: string[] } | null;
  if (h?.archive !== 'veli-velo' || h.format !== ARCHIVE_FORMAT || !Array.isArray(h.tables))
    throw new ArchiveError('Ce fichier n’est pas une archive VELI VELO (format 1).');
  if (h.schemaVersion !== SCHEMA_VERSION)
    throw new ArchiveError(
      `Archive écrite au schéma ${h.schemaVersion}, base au schéma ${SCHEMA_VERSION} : restaurez-la dans une base migrée jusqu’à ${h.schemaVersion} (même version du service), puis appliquez les migrations suivantes.`,
    );
  const want = target.map((t) => t.name).sort();
  const have = [...h.tables].sort();
  if (JSON.stringify(want) !== JSON.stringify(have))
    throw new ArchiveError(
      `Les tables de l’archive (${have.join(', ')}) ne sont pas celles de la base (${want.join(', ')}).`,
    );
  return h.tables;
}

interface Reading {
  order: string[];
  byName: Map<string, ArchivedTable>;
  current: { name: string; width: number; count: number; hash: Sha256 } | null;
  seen: Manifest['tables'];
}

type Line = {
  table?: string;
  columns?: string[];
  end?: string;
  count?: number;
  sha256?: string;
  manifest?: Manifest;
};

/** A line that is not a row: a table's start, its end (checked), or the manifest (checked). */
async function control(r: Reading, o: Line, n: number): Promise<ArchiveEvent | Manifest> {
  if (o.table !== undefined) {
    const t = r.byName.get(o.table);
    if (r.current || !t || o.table !== r.order[Object.keys(r.seen).length])
      throw new ArchiveError(`Ligne ${n} : la table ${o.table} est inattendue à cet endroit.`);
    if (JSON.stringify(o.columns) !== JSON.stringify(t.columns))
      throw new ArchiveError(`Les colonnes de la table ${o.table} diffèrent de celles de la base.`);
    r.current = { name: o.table, width: t.columns.length, count: 0, hash: new Sha256() };
    return { kind: 'table', name: o.table, columns: t.columns };
  }
  if (o.end !== undefined) {
    const c = r.current;
    if (!c || o.end !== c.name) throw new ArchiveError(`Ligne ${n} : fin de table inattendue.`);
    const sha256 = await c.hash.hex();
    if (o.count !== c.count || o.sha256 !== sha256)
      throw new ArchiveError(
        `Table ${c.name} : ${c.count} lignes lues, l’archive en annonce ${o.count} ; empreintes ${o.sha256 === sha256 ? 'identiques' : 'différentes'}. L’archive est incomplète ou modifiée.`,
      );
    r.seen[c.name] = { count: c.count, sha256 };
    r.current = null;
    return { kind: 'end', name: c.name, count: c.count, sha256 };
  }
  if (o.manifest !== undefined) {
    const whole = Object.keys(r.seen).length === r.order.length;
    if (r.current || !whole || JSON.stringify(o.manifest.tables) !== JSON.stringify(r.seen))
      throw new ArchiveError(
        'Le manifeste ne correspond pas aux tables lues : l’archive est incomplète ou modifiée.',
      );
    return o.manifest;
  }
  throw new ArchiveError(`Ligne ${n} : contenu inattendu.`);
}

/**
 * Reads an archive line by line, checking as it goes: the header, each table's columns against
 * the database's, each row's shape, each table's count and SHA-256 against its end line, and the
 * final manifest against all of them. Yields what a restore writes; throws `ArchiveError` at the
 * first fault, and when the archive stops before its manifest.
 */
export async function* readArchive(
  stream: ReadableStream<Uint8Array>,
  target: readonly ArchivedTable[],
  whole?: Sha256,
): AsyncGenerator<ArchiveEvent, Manifest> {
  const enc = new TextEncoder();
  const r: Reading = { order: [], byName: new Map(target.map((t) => [t.name, t])), current: null, seen: {} };
  let n = 0;
  for await (const line of linesOf(stream)) {
    n++;
    await whole?.update(enc.encode(`${line}\n`));
    const v = parse(line, n);
    if (n === 1) r.order = checkHeader(v, target);
    else if (Array.isArray(v)) {
      const c = r.current;
      if (!c || v.length !== c.width || !v.every(isScalar))
        throw new ArchiveError(`Ligne ${n} : une ligne de table hors de sa table, ou de forme inattendue.`);
      c.count++;
      await c.hash.update(enc.encode(`${line}\n`));
      yield { kind: 'row', line, values: v };
    } else {
      const out = await control(r, v as Line, n);
      if ('kind' in out) yield out;
      else return out;
    }
  }
  throw new ArchiveError('Archive tronquée : elle s’arrête avant son manifeste.');
}
