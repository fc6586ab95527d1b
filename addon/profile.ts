// Paramètres: which worker this spreadsheet talks to (administrators of that worker only, and
// only an address the manifest allows) and who the user is.

import type { Preferences } from '../shared/api/me';
import { LABELS } from '../shared/i18n/labels';
import { MSG } from '../shared/i18n/messages';
import { frTypo } from '../shared/i18n/typography';
import type { Me, Result } from './api';
import { cachedProfile, forgetProfile, sidebarContext } from './context';
import { invalid } from './operations';
import { followRole } from './role-menu';
import { allowlist, checkWorkerUrl, setWorkerUrl, workerUrl } from './settings';
import { callWorker } from './worker-client';

export const settings = (): Result<{
  workerUrl: string;
  allowlist: string[];
  me: Me | null;
  note?: string;
}> => {
  const cached = cachedProfile()?.me;
  const me = cached ? { ok: true as const, data: cached } : callWorker<Me>({ method: 'get', path: '/v1/me' });
  return {
    ok: true,
    data: {
      workerUrl: workerUrl(),
      allowlist: [...allowlist()],
      me: me.ok ? me.data : null,
      ...(me.ok ? {} : { note: me.error.message }),
    },
  };
};

export const changeSettings = (input: { workerUrl: string }): Result<{ workerUrl: string; me: Me }> => {
  const url = String(input?.workerUrl ?? '').trim();
  const problem = checkWorkerUrl(url);
  if (problem) return invalid([{ path: 'workerUrl', message: problem }]);
  const me = callWorker<Me>({ method: 'get', path: '/v1/me', base: url });
  if (!me.ok) return me;
  if (me.data.role !== 'admin') return { ok: false, error: { code: 'FORBIDDEN', message: MSG.adminOnly } };
  setWorkerUrl(url);
  forgetProfile();
  followRole(me.data.role);
  return { ok: true, data: { workerUrl: workerUrl(), me: me.data } };
};

/** The menu item « Afficher toutes mes commandes »: the role from the server, then its menu. */
export function menuForRole(): void {
  const ctx = sidebarContext();
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  if (!ctx.ok) {
    ss.toast(frTypo(`Votre rôle n’a pas pu être lu. ${ctx.error.message}`), 'VELI VELO', 10);
    return;
  }
  followRole(ctx.data.me.role);
  ss.toast(frTypo(`Menu à jour pour votre rôle : ${LABELS.role[ctx.data.me.role]}.`), 'VELI VELO', 6);
}

/** The caller's choice of the nightly reminders by e-mail (PUT /v1/me); the worker answers who they are. */
export const changeReminders = (on: boolean): Result<Preferences> => {
  const res = callWorker<Me>({
    method: 'put',
    path: '/v1/me',
    body: { preferences: { reminders: on === true } },
  });
  return res.ok ? { ok: true, data: res.data.preferences } : res;
};
