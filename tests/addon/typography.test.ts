// What the add-on writes in the sheet or shows in its sidebars, in French typography: a no-break
// space before « : », a narrow one before « ; ? ! », no-break spaces inside « ».
import { describe, expect, it } from 'vitest';
import { LOCK_BUSY } from '../../addon/lock';
import { RESYNC_ADMIN_ONLY, SHORTEN_TO_FIT, VIEWER_READ_ONLY } from '../../addon/messages';
import { checkWorkerUrl } from '../../addon/settings';
import { MANAGED_NOTE, PROTECTION, REMOVED_NOTE } from '../../addon/sheet-mirror';
import { NETWORK_ERROR } from '../../addon/worker-client';

const TEXTS = {
  NETWORK_ERROR: NETWORK_ERROR.message,
  LOCK_BUSY,
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
