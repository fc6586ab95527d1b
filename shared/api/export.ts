import * as z from 'zod/mini';

/**
 * `GET /v1/export/<table>.csv`: not JSON but a CSV text (`text/csv; charset=utf-8`, UTF-8 with
 * a byte order mark, `;` between cells, CRLF between rows), as French Excel opens it.
 */
export const CsvExport = z.string();

/** The tables exported as CSV, in the contract's order (API.md v1.2, « Running it »). */
export const EXPORT_TABLES = [
  'sessions',
  'blockers',
  'indicators',
  'territories',
  'partners',
  'workshops',
  'actions',
  'alerts',
  'audit',
] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];
export const CSV_MEDIA_TYPE = 'text/csv; charset=utf-8';

/**
 * `GET /v1/export/archive`: JSON Lines (`application/x-ndjson`), one JSON value a line — a header,
 * then per table a line naming its columns, one array per row and an end line (count,
 * SHA-256), and last the manifest (format, schema version, count and SHA-256 per table).
 */
export const ArchiveExport = z.string();
export const ARCHIVE_MEDIA_TYPE = 'application/x-ndjson; charset=utf-8';
