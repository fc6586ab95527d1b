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
  const byName = new Map(target.map((t) => [t.name, t]));
  let n = 0;
  let order: string[] = [];
  let current: { name: string; width: number; count: number; hash: Sha256 } | null = null;
  const seen: Manifest['tables'] = {};
  for await (const line of linesOf(stream)) {
    n++;
    await whole?.update(enc.encode(`${line}\n`));
    const v = parse(line, n);
    if (n === 1) {
      order = checkHeader(v, target);
      continue;
    }
    if (Array.isArray(v)) {
      if (!current || v.length !== current.width || !v.every(isScalar))
        throw new ArchiveError(`Ligne ${n} : une ligne de table hors de sa table, ou de forme inattendue.`);
      current.count++;
      await current.hash.update(enc.encode(`${line}\n`));
      yield { kind: 'row', line, values: v };
      continue;
    }
    const o = v as {
      table?: string;
      columns?: string[];
      end?: string;
      count?: number;
      sha256?: string;
      manifest?: Manifest;
    };
    if (o.table !== undefined) {
      const t = byName.get(o.table);
      if (current || !t || o.table !== order[Object.keys(seen).length])
        throw new ArchiveError(`Ligne ${n} : la table ${o.table} est inattendue à cet endroit.`);
      if (JSON.stringify(o.columns) !== JSON.stringify(t.columns))
        throw new ArchiveError(`Les colonnes de la table ${o.table} diffèrent de celles de la base.`);
      current = { name: o.table, width: t.columns.length, count: 0, hash: new Sha256() };
      yield { kind: 'table', name: o.table, columns: t.columns };
    } else if (o.end !== undefined) {
      if (!current || o.end !== current.name) throw new ArchiveError(`Ligne ${n} : fin de table inattendue.`);
      const sha256 = await current.hash.hex();
      if (o.count !== current.count || o.sha256 !== sha256)
        throw new ArchiveError(
          `Table ${current.name} : ${current.count} lignes lues, l’archive en annonce ${o.count} ; empreintes ${o.sha256 === sha256 ? 'identiques' : 'différentes'}. L’archive est incomplète ou modifiée.`,
        );
      seen[current.name] = { count: current.count, sha256 };
      yield { kind: 'end', name: current.name, count: current.count, sha256 };
      current = null;
    } else if (o.manifest !== undefined) {
      if (
        current ||
        JSON.stringify(o.manifest.tables) !== JSON.stringify(seen) ||
        Object.keys(seen).length !== order.length
      )
        throw new ArchiveError(
          'Le manifeste ne correspond pas aux tables lues : l’archive est incomplète ou modifiée.',
        );
      return o.manifest;
    } else throw new ArchiveError(`Ligne ${n} : contenu inattendu.`);
  }
  throw new ArchiveError('Archive tronquée : elle s’arrête avant son manifeste.');
}
