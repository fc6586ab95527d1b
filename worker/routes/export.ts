import { ARCHIVE_MEDIA_TYPE, ArchiveExport, CSV_MEDIA_TYPE, CsvExport } from '../../shared/api/export';
import { zonedDate } from '../../shared/dates';
import { ADMIN, STAFF } from '../auth/policy';
import { auditStatement } from '../db/audit';
import { archiveText, textStream } from '../export/archive';
import { csvText } from '../export/csv-stream';
import { CSV_TABLES, type CsvTable } from '../export/csv-tables';
import { type Ctx, route } from '../http/route';
import { auditContext } from './context';

/** The file name a browser or the add-on saves: `veli-velo-sessions-2026-12-07.csv`. */
const attachment = (name: string) => ({ 'content-disposition': `attachment; filename="${name}"` });

/**
 * A table as CSV (ADEME: admins and viewers), streamed a page at a time. Personal data by the
 * v1.1 rules: ADEME staff read contacts' e-mail and phone, so the export carries them. The
 * export is audited (who, which table), as every export of personal data is.
 */
const csvExport = (t: CsvTable) => async (c: Ctx) => {
  const ctx = auditContext(c);
  await auditStatement(c.env.DB, ctx, 'export', 'csv', t.table, null, { table: t.table }, false).run();
  return new Response(textStream(csvText(c.env.DB, t)), {
    headers: {
      'content-type': CSV_MEDIA_TYPE,
      ...attachment(`veli-velo-${t.table}-${zonedDate(new Date())}.csv`),
    },
  });
};

/**
 * The whole record as JSON Lines with its manifest (admins): what the nightly run writes to R2
 * and `POST /v1/admin/restore` reads back. Audited after it is read, so the archive does not
 * hold its own export's line (export → restore → export gives the same bytes).
 */
async function archiveExport(c: Ctx) {
  const ctx = auditContext(c);
  const chunks = archiveText(c.env.DB);
  async function* thenAudit() {
    yield* chunks;
    await auditStatement(c.env.DB, ctx, 'export', 'archive', 'archive', null, null, false).run();
  }
  return new Response(textStream(thenAudit()), {
    headers: {
      'content-type': ARCHIVE_MEDIA_TYPE,
      ...attachment(`veli-velo-archive-${zonedDate(new Date())}.jsonl`),
    },
  });
}

const CSV = { mediaType: CSV_MEDIA_TYPE };
const ARCHIVE = 'Archive complète du registre (JSON Lines et manifeste)';

export const exportRoutes = [
  ...CSV_TABLES.map((t) =>
    route(
      `GET /v1/export/${t.table}.csv`,
      STAFF,
      `Exporter la table ${t.table} (CSV pour Excel)`,
      CsvExport,
      csvExport(t),
      CSV,
    ),
  ),
  route('GET /v1/export/archive', ADMIN, ARCHIVE, ArchiveExport, archiveExport, {
    mediaType: ARCHIVE_MEDIA_TYPE,
  }),
];
