import { MSG } from '../../shared/i18n/messages';
import { Docs, docsOptions } from '../google/docs';
import { Drive, driveOptions, SERVICE_ACCOUNT_DRIVE_SCOPE } from '../google/drive';
import { CallLog, GoogleError } from '../google/http';
import { ServiceAccountKeyError, serviceAccountKey, serviceAccountToken } from '../google/service-account';
import { ApiError } from '../http/errors';
import type { Ctx } from './context';

/** Logs a Google-side failure for the operators: what failed, never a token or a key. */
export function logGoogle(c: Ctx, event: string, detail: Record<string, unknown> = {}) {
  console.error(JSON.stringify({ level: 'error', requestId: c.get('requestId'), event, ...detail }));
}

/** A Google failure as the API answers it: 502 in French, the cause logged. */
export function googleFailure(c: Ctx, err: unknown): unknown {
  if (err instanceof ServiceAccountKeyError) {
    logGoogle(c, 'service-account-key-malformed', { problem: err.problem });
    return new ApiError('UPSTREAM_FAILED', MSG.serviceAccountKeyInvalid);
  }
  if (!(err instanceof GoogleError)) return err;
  logGoogle(c, 'google-call-failed', { status: err.status, reason: err.reason, what: err.message });
  if (err.reason === 'storageQuotaExceeded') return new ApiError('UPSTREAM_FAILED', MSG.sharedDriveRequired);
  if (err.reason === 'folderNotFound') return new ApiError('UPSTREAM_FAILED', MSG.driveFolderInaccessible);
  return new ApiError('UPSTREAM_FAILED', MSG.upstream);
}

/** The Google clients of one request, the calls they made, and the folder documents go to. */
export interface GoogleSide {
  drive: Drive;
  docs: Docs;
  log: CallLog;
  folderId?: string | undefined;
}

/**
 * The account that writes the Google Docs: the service account (its key configured) in the
 * programme's Shared Drive; the add-on's forwarded user token only where
 * `DOCUMENTS_USER_TOKEN_FALLBACK=true` and no service account is configured; else none (the
 * worker keeps the document: the local default).
 */
export async function googleSide(c: Ctx): Promise<GoogleSide | null> {
  const log = new CallLog();
  const side = (token: string, folderId: string | undefined): GoogleSide => ({
    drive: new Drive(driveOptions(c.env, token, log)),
    docs: new Docs(docsOptions(c.env, token, log)),
    log,
    folderId,
  });
  try {
    if (serviceAccountKey(c.env)) {
      // A service account owns no storage: outside a Shared Drive, Google refuses the upload.
      if (!c.env.DRIVE_FOLDER_ID) {
        logGoogle(c, 'documents-drive-folder-missing');
        throw new ApiError('UPSTREAM_FAILED', MSG.driveFolderMissing);
      }
      const token = await serviceAccountToken(c.env, [SERVICE_ACCOUNT_DRIVE_SCOPE], log);
      return token ? side(token, c.env.DRIVE_FOLDER_ID) : null;
    }
  } catch (err) {
    throw googleFailure(c, err);
  }
  const user = c.req.header('x-google-access-token')?.trim();
  if (user && c.env.DOCUMENTS_USER_TOKEN_FALLBACK === 'true')
    return side(user, c.env.DRIVE_FOLDER_ID || undefined);
  return null;
}

/** Says how many Google calls the request made (the benchmark and the tests read it). */
export const reportCalls = (c: Ctx, g: GoogleSide | null) => {
  if (g) c.header('x-google-calls', String(g.log.calls));
};
