// What the add-on writes in the sheet or shows in its sidebars, in French typography: a no-break
// space before « : », a narrow one before « ; ? ! », no-break spaces inside « ».
import { describe, expect, it } from 'vitest';
import { LOCK_BUSY, mirrorSafely, sheetFailed } from '../../addon/lock';
import { RESYNC_ADMIN_ONLY, SHORTEN_TO_FIT, usedOf, VIEWER_READ_ONLY } from '../../addon/messages';
import { checkWorkerUrl } from '../../addon/settings';
import { MANAGED_NOTE, PROTECTION, REMOVED_NOTE } from '../../addon/sheet-mirror';
import { NETWORK_ERROR } from '../../addon/worker-client';
import { createFakes } from '../../harness/fakes';
import type { Quota } from '../../shared/quotas/rules';

const TEXTS = {
  NETWORK_ERROR: NETWORK_ERROR.message,
  LOCK_BUSY,
  'a sheet that failed': sheetFailed('Exception: Range not found'),
  VIEWER_READ_ONLY,
  RESYNC_ADMIN_ONLY,
  SHORTEN_TO_FIT,
  MANAGED_NOTE,
  PROTECTION,
  REMOVED_NOTE,
  'a malformed address': checkWorkerUrl('ftp:/veli', ['https://veli.example.org/']),
  'an address not allowed': checkWorkerUrl('https://ailleurs.example.org', ['https://veli.example.org/']),
};

describe('the add-on’s own texts', () => {
  it.each(Object.entries(TEXTS))('%s has no plain space before : ; ? ! nor inside « »', (_, text) => {
    expect(text).toMatch(/\S/);
    expect(text).not.toMatch(/ [:;?!]|« | »/);
    expect(text).toMatch(/\u00a0:|\u202f[;?!]/);
  });
});

describe('what a quota has used, in plain French', () => {
  const q = (unit: Quota['unit'], used: number, limit: number) => ({ unit, used, limit }) as Quota;
  const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
  it.each([
    [q('sessions', 5, 5), '5 séances utilisées sur 5 séances'],
    [q('sessions', 1, 5), '1 séance utilisée sur 5 séances'],
    [q('sessions', 0, 1), '0 séance utilisée sur 1 séance'],
    [q('minutes', 420, 1680), '1 j (420 min) utilisé sur 4 j (1 680 min)'],
    [q('minutes', 1050, 1680), '2,5 j (1 050 min) utilisés sur 4 j (1 680 min)'],
    [q('partners', 3, 3), '3 partenaires utilisés sur 3 partenaires'],
  ])('%o reads « %s », never « utilisé(s) »', (quota, text) => {
    expect(plain(usedOf(quota, 420))).toBe(text);
  });

  it('says which part of Sheets failed, and not the busy sheet’s message for every failure', () => {
    expect(plain(sheetFailed('Exception: Range not found'))).toBe(
      'Votre saisie est bien enregistrée sur le serveur, mais les onglets n’ont pas pu être mis à jour ' +
        '(Google Sheets : Range not found). Un administrateur peut les remettre à jour par « Resynchroniser les onglets ».',
    );
    expect(sheetFailed('x')).not.toBe(LOCK_BUSY);
    Object.assign(globalThis, createFakes('/nonexistent').globals);
    const fail = (message: string) => () => {
      throw new Error(message);
    };
    expect(
      mirrorSafely(fail('Exception: Lock timeout: another process was holding the lock for too long.')),
    ).toBe(LOCK_BUSY);
    expect(mirrorSafely(fail('Exception: Range not found'))).toBe(sheetFailed('Exception: Range not found'));
    expect(mirrorSafely(() => undefined)).toBeUndefined();
  });
});
