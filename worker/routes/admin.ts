import { DoctorAnswer, RestoreAnswer, RestoreRequest } from '../../shared/api/admin';
import { OPS_MSG } from '../../shared/i18n/operations';
import { ADMIN } from '../auth/policy';
import { ArchiveError } from '../export/archive-read';
import { ArchiveMissing, NotEmpty, restoreFromBucket } from '../export/restore-run';
import { ApiError, fieldError } from '../http/errors';
import { type Ctx, route } from '../http/route';
import { runDoctor } from '../ops/doctor';

/**
 * An archive of the `BACKUPS` bucket into this database (admins): refused with 409 unless the
 * database holds no record; `check: true` only reads the archive through and says whether it
 * is whole (any database). Recorded in `restores`, not in the audit: the audit restored must
 * be the archived one, byte for byte.
 */
async function restore(c: Ctx, { body }: { body: RestoreRequest }) {
  if (!c.env.BACKUPS) throw new ApiError('UPSTREAM_FAILED', OPS_MSG.backupsUnbound);
  try {
    const report = await restoreFromBucket(c.env, body.object, {
      checkOnly: body.check === true,
      actor: c.get('user').email,
    });
    return c.json(report);
  } catch (err) {
    if (err instanceof ArchiveMissing) throw new ApiError('NOT_FOUND', OPS_MSG.archiveMissing(body.object));
    if (err instanceof NotEmpty) throw new ApiError('CONFLICT', OPS_MSG.notEmpty);
    if (err instanceof ArchiveError) throw fieldError('object', err.message);
    throw err;
  }
}

/** The deployment's self-check against the real Google and Cloudflare (admins). */
async function doctor(c: Ctx) {
  const answer = await runDoctor(c.env, c.get('user').email);
  const failed = answer.checks.filter((k) => !k.ok).map((k) => k.name);
  if (c.env.REQUEST_LOGS !== 'off')
    console.log(
      JSON.stringify({
        level: failed.length ? 'warn' : 'info',
        event: 'doctor',
        requestId: c.get('requestId'),
        failed,
      }),
    );
  return c.json(answer);
}

const DOCTOR = 'Diagnostic de l’installation (Google, Cloudflare, configuration)';

export const adminRoutes = [
  route('GET /v1/admin/doctor', ADMIN, DOCTOR, DoctorAnswer, doctor),
  route(
    'POST /v1/admin/restore',
    ADMIN,
    'Restaurer une archive R2 dans une base vide',
    RestoreAnswer,
    restore,
    {
      body: RestoreRequest,
    },
  ),
];
