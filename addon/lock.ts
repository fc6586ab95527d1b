// Every read-modify-write of the spreadsheet runs under its document lock: two people saving
// at the same moment each read the tab, merge their row and write it back; without the lock
// the second write drops the first person's row. Google's documentation asks to flush pending
// sheet writes before releasing the lock, or the next execution could read the tab without
// them.

import { frTypo } from '../shared/i18n/typography';

/** How long a user waits for a colleague's write before giving up (Apps Script allows 30 s). */
const WAIT_MS = 20_000;

export const LOCK_BUSY = frTypo(
  'Le classeur est occupé par un autre enregistrement : votre saisie est bien enregistrée sur le serveur, ' +
    'les onglets seront mis à jour au prochain enregistrement ou par « Resynchroniser les onglets ».',
);

/** Any other failure of the tabs: what failed (Sheets' own words) and what to do. */
export const sheetFailed = (detail: string) =>
  frTypo(
    `Votre saisie est bien enregistrée sur le serveur, mais les onglets n’ont pas pu être mis à jour ` +
      `(Google Sheets : ${detail.replace(/^Exception:\s*/, '').slice(0, 160)}). ` +
      'Un administrateur peut les remettre à jour par « Resynchroniser les onglets ».',
  );

export function withDocumentLock<T>(work: () => T): T {
  const lock = LockService.getDocumentLock();
  lock.waitLock(WAIT_MS);
  try {
    const out = work();
    SpreadsheetApp.flush();
    return out;
  } finally {
    lock.releaseLock();
  }
}

/**
 * Mirroring follows a write the worker already accepted: if the sheet cannot be updated (lock
 * timeout, a tab renamed by hand), the user is told so, and the record itself stands.
 */
export function mirrorSafely(work: () => void): string | undefined {
  try {
    withDocumentLock(work);
    return undefined;
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    console.error(`Mirroring failed: ${detail}`);
    return /lock timeout/i.test(detail) ? LOCK_BUSY : sheetFailed(detail);
  }
}
