import { PARIS, zonedDate } from '../../shared/dates';
import { frTypo } from '../../shared/i18n/typography';
import type { Env } from '../env';
import { archiveKey, pruneArchives, writeArchive } from './backup';

/**
 * The nightly run's backup: the whole record as one archive in R2 (binding `BACKUPS`), then
 * the archives older than 30 days pruned. The run log names the object (`check_runs.backup_key`);
 * a failure is reported in the run's error, in French, and leaves the alerts as they are.
 */
export async function backUp(env: Env, at: Date, state: { backupKey: string | null; errors: string[] }) {
  if (!env.BACKUPS) {
    state.errors.push(
      frTypo(
        'Sauvegarde impossible : le compartiment R2 « BACKUPS » n’est pas lié au worker (wrangler.toml).',
      ),
    );
    return;
  }
  try {
    const { key, bytes } = await writeArchive(env.BACKUPS, env.DB, archiveKey(at));
    state.backupKey = key;
    const pruned = await pruneArchives(env.BACKUPS, zonedDate(at, PARIS));
    console.log(
      JSON.stringify({ level: 'info', event: 'nightly-backup', key, bytes, pruned: pruned.length }),
    );
  } catch (err) {
    const detail = err instanceof Error ? err.message.slice(0, 200) : String(err).slice(0, 200);
    state.errors.push(frTypo(`Sauvegarde de l’archive dans R2 impossible : ${detail}`));
  }
}
