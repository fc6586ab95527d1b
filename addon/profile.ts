// Paramètres: which worker this spreadsheet talks to (administrators of that worker only, and
// only an address the manifest allows) and who the user is.
import { MSG } from '../shared/i18n/messages';
import type { Me, Result } from './api';
import { cachedProfile, forgetProfile } from './context';
import { invalid } from './operations';
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
  return { ok: true, data: { workerUrl: workerUrl(), me: me.data } };
};
