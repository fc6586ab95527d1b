import type { DoctorAnswer, DoctorCheck } from '../../shared/api/admin';
import { frTypo } from '../../shared/i18n/typography';
import type { Env } from '../env';
import {
  authCheck,
  backupsCheck,
  cronCheck,
  databaseCheck,
  emailCheck,
  remindersCheck,
  secretsCheck,
  urlsCheck,
  variablesCheck,
} from './doctor-config';
import { alertsSheetCheck, serviceAccountCheck, sharedDriveCheck, why } from './doctor-google';

/** Every check's sentences set in French typography (no-break spaces before « : ; ? ! »). */
const typeset = (c: DoctorCheck): DoctorCheck => ({
  ...c,
  detail: frTypo(c.detail),
  ...(c.fix ? { fix: frTypo(c.fix) } : {}),
});

/**
 * `GET /v1/admin/doctor`: the deployment against the real Google and Cloudflare, one check per
 * thing an administrator sets up (README runbook), each saying in French how to fix it when it
 * fails. The Google checks run after the service account's (they need its token); the others
 * run side by side. Writes only the probe's layout ratio (and a trashed probe document).
 */
export async function runDoctor(env: Env, by: string, now = new Date()): Promise<DoctorAnswer> {
  const [database, cron, backups, sa] = await Promise.all([
    databaseCheck(env),
    cronCheck(env, now).catch((err: unknown) => ({
      name: 'cron',
      ok: false,
      detail: `Historique des contrôles illisible (${why(err)}).`,
      fix: 'Vérifiez d’abord la base (vérification « database »).',
    })),
    backupsCheck(env, now),
    serviceAccountCheck(env),
  ]);
  const [drive, sheet] = await Promise.all([
    sharedDriveCheck(env, sa.email, by),
    alertsSheetCheck(env, sa.email),
  ]);
  const checks = [
    database,
    authCheck(env),
    secretsCheck(env),
    variablesCheck(env),
    sa.check,
    drive.check,
    sheet,
    cron,
    urlsCheck(env),
    emailCheck(env),
    remindersCheck(env),
    backups,
  ].map(typeset);
  return { ok: checks.every((c) => c.ok), checks, layoutRatio: drive.ratio };
}
