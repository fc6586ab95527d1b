// @ts-check
// `npm run doctor -- --url <worker>`: asks the worker's own diagnostic (GET /v1/admin/doctor, an
// admin's) and prints each check, green or red with how to fix it, in French. Exit status 0 when
// every check holds, 1 when one fails, 2 when the diagnostic could not be asked.
//
// Identity, as the worker wants it:
// - locally (npm start, AUTH_MODE=dev): `--dev-user admin@ademe.example` (the X-Dev-User header);
// - in production: a Google ID token of an admin whose audience is GOOGLE_CLIENT_ID, in
//   VELI_ID_TOKEN (preferred: it stays out of the shell history) or `--token`; the add-on's
//   « Diagnostic de l’installation » (admins) shows the same checks and gives such a token
//   (README, runbook, last step).
import { pathToFileURL } from 'node:url';

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {Record<string, string>} */
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i] ?? '');
    if (!m?.[1]) continue;
    out[m[1]] = m[2] ?? argv[i + 1] ?? '';
    if (m[2] === undefined) i++;
  }
  return out;
}

/** @param {{ ok: boolean; checks: { name: string; ok: boolean; detail: string; fix?: string }[]; layoutRatio: number | null }} answer */
function report(answer) {
  const lines = [];
  for (const c of answer.checks) {
    lines.push(`${c.ok ? '✔' : '✘'} ${c.name} — ${c.detail}`);
    if (!c.ok && c.fix) lines.push(`    → À faire : ${c.fix}`);
  }
  if (answer.layoutRatio !== null)
    lines.push(
      `Mise en page Google ÷ estimation locale : ${String(answer.layoutRatio).replace('.', ',')} (retenu pour les synthèses).`,
    );
  const green = answer.checks.filter((c) => c.ok).length;
  lines.push(
    `${green} ${green >= 2 ? 'vérifications' : 'vérification'} au vert sur ${answer.checks.length}.`,
  );
  return lines.join('\n');
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const url = (args.url ?? process.env.VELI_WORKER_URL ?? '').replace(/\/+$/, '');
  const token = process.env.VELI_ID_TOKEN ?? args.token;
  if (!url || (!token && !args['dev-user'])) {
    console.error(
      'Usage : npm run doctor -- --url https://<worker> (jeton d’identité Google d’un administrateur dans VELI_ID_TOKEN)\n' +
        '        npm run doctor -- --url http://127.0.0.1:8787 --dev-user admin@ademe.example (en local)',
    );
    return 2;
  }
  /** @type {Record<string, string>} */
  const headers = token ? { authorization: `Bearer ${token}` } : { 'x-dev-user': args['dev-user'] ?? '' };
  let res;
  try {
    res = await fetch(`${url}/v1/admin/doctor`, { headers, signal: AbortSignal.timeout(120_000) });
  } catch (err) {
    console.error(`Le worker ${url} ne répond pas : ${err instanceof Error ? err.message : err}`);
    return 2;
  }
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    console.error(`Diagnostic refusé (HTTP ${res.status}) : ${body?.error?.message ?? 'réponse illisible'}`);
    return 2;
  }
  console.log(`Diagnostic de ${url}\n${report(body)}`);
  return body.ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then((code) => process.exit(code));
}
