import { addDays } from '../../shared/dates';
import { archiveText } from './archive';

/** Where the nightly archives go in the `BACKUPS` bucket, and how long they stay. */
export const ARCHIVE_PREFIX = 'archives/';
export const KEEP_DAYS = 30;
/** R2 multipart: every part but the last the same size, at least 5 MiB. */
const PART_BYTES = 8 * 1024 * 1024;

/** `archives/veli-velo-2026-12-07T013000Z.jsonl`: the run's instant, sortable, in the name. */
export const archiveKey = (at: Date) =>
  `${ARCHIVE_PREFIX}veli-velo-${at.toISOString().slice(0, 19).replace(/:/g, '')}Z.jsonl`;

/** The day an archive's key names, or null for an object that is not one of ours. */
export const archiveDay = (key: string) => /^archives\/veli-velo-(\d{4}-\d{2}-\d{2})T/.exec(key)?.[1] ?? null;

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * Writes the archive to R2 as it is read from D1, in 8 MiB parts of a multipart upload (an R2
 * put needs a known length, which a stream of the record does not have): memory stays at one
 * part whatever the record's size. A failure aborts the upload: no partial object is left.
 */
export async function writeArchive(
  bucket: R2Bucket,
  db: D1Database,
  key: string,
): Promise<{ key: string; bytes: number }> {
  const upload = await bucket.createMultipartUpload(key, {
    httpMetadata: { contentType: 'application/x-ndjson; charset=utf-8' },
  });
  const enc = new TextEncoder();
  const parts: R2UploadedPart[] = [];
  let pending: Uint8Array[] = [];
  let size = 0;
  let bytes = 0;
  const send = async (final: boolean) => {
    if (size < PART_BYTES && !final) return;
    let all = concat(pending, size);
    while (all.byteLength >= PART_BYTES) {
      parts.push(await upload.uploadPart(parts.length + 1, all.slice(0, PART_BYTES)));
      all = all.slice(PART_BYTES);
    }
    if (final && (all.byteLength > 0 || parts.length === 0)) {
      parts.push(await upload.uploadPart(parts.length + 1, all));
      all = new Uint8Array(0);
    }
    pending = [all];
    size = all.byteLength;
  };
  try {
    for await (const text of archiveText(db)) {
      const chunk = enc.encode(text);
      pending.push(chunk);
      size += chunk.byteLength;
      bytes += chunk.byteLength;
      await send(false);
    }
    await send(true);
    await upload.complete(parts);
  } catch (err) {
    await upload.abort().catch(() => undefined);
    throw err;
  }
  return { key, bytes };
}

/** Deletes the archives whose day is more than `KEEP_DAYS` before `today`; answers their keys. */
export async function pruneArchives(bucket: R2Bucket, today: string): Promise<string[]> {
  const oldest = addDays(today, -KEEP_DAYS);
  const gone: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix: ARCHIVE_PREFIX, ...(cursor ? { cursor } : {}) });
    const old = page.objects.map((o) => o.key).filter((k) => (archiveDay(k) ?? oldest) < oldest);
    if (old.length) await bucket.delete(old);
    gone.push(...old);
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return gone;
}
