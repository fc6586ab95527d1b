// Paramètres: which worker this spreadsheet talks to (administrators of that worker only, and
// only an address the manifest allows) and who the user is.

import type { MeAnswer } from '../shared/api/me';
import { MSG } from '../shared/i18n/messages';
import type { Me, ServerApi } from './api';
import { cachedProfile, forgetProfile } from './context';
import { invalid } from './operations';
import { allowlist, checkWorkerUrl, setWorkerUrl, workerUrl } from './settings';
import { callWorker } from './worker-client';

export const settings: ServerApi['loadSettings'] = () => {
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

export const changeSettings: ServerApi['saveSettings'] = (input) => {
  const url = String(input?.workerUrl ?? '').trim();
  const problem = checkWorkerUrl(url);
  if (problem) return invalid([{ path: 'workerUrl', message: problem }]);
  const me = callWorker<Me>({ method: 'get', path: '/v1/me', base: url });
  if (!me.ok) return me;
  if (me.data.role !== 'admin') return { ok: false, error: { code: 'FORBIDDEN', message: MSG.adminOnly } };
  setWorkerUrl(url);
  forgetProfile();
  return { ok: true, data: { workerUrl: workerUrl(), me: me.data } };
};

/** The caller's choice of the nightly reminders by e-mail (PUT /v1/me); the worker answers who they are. */
export const changeReminders: ServerApi['saveReminderPreference'] = (on) => {
  const res = callWorker<MeAnswer>({
    method: 'put',
    path: '/v1/me',
    body: { preferences: { reminders: on === true } },
  });
  return res.ok ? { ok: true, data: res.data.preferences } : res;
};
