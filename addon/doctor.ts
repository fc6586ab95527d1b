// « Diagnostic de l’installation » (admins): the worker's own checks (GET /v1/admin/doctor)
// shown in a dialog, each with how to fix it; and, for `npm run doctor` from a terminal, the
// admin's Google identity token (valid one hour), which only the add-on can mint with the
// audience the worker accepts. Never logged, shown to that admin only.
import type { DoctorAnswer } from '../shared/api/admin';
import { frTypo } from '../shared/i18n/typography';
import { escapeHtml } from './html';
import { devUser } from './settings';
import { callWorker } from './worker-client';

const CSS =
  'body{font:13px Arial,sans-serif;color:#1b1b1b;margin:12px}h1{font-size:16px;color:#0b5f3a;margin:0 0 8px}' +
  'ul{padding:0;list-style:none}li{margin:0 0 8px;padding:6px 8px;border-left:4px solid #0b5f3a}' +
  'li.bad{border-color:#b3261e;background:#fdf0ef}.state{font-weight:bold}.fix{margin:4px 0 0}' +
  'label{display:block;font-weight:bold;margin:12px 0 4px}textarea{width:100%;height:72px;font:11px monospace}' +
  'textarea:focus{outline:2px solid #0b5f3a}';

function checkItem(c: DoctorAnswer['checks'][number]): string {
  const fix = c.fix ? `<p class="fix">${escapeHtml(frTypo(`À faire : ${c.fix}`))}</p>` : '';
  return (
    `<li class="${c.ok ? 'ok' : 'bad'}"><span class="state">${c.ok ? '✔ Conforme' : '✘ À corriger'}</span> — ` +
    `<strong>${escapeHtml(c.name)}</strong><br>${escapeHtml(c.detail)}${fix}</li>`
  );
}

/** The token section: production only (locally, `npm run doctor -- --dev-user …`). */
function tokenSection(): string {
  if (devUser())
    return `<p>${escapeHtml(frTypo('En local : npm run doctor -- --url … --dev-user <adresse>.'))}</p>`;
  const help = frTypo(
    'Jeton d’identité pour npm run doctor (valable une heure, personnel : ne le transmettez pas) — ' +
      'VELI_ID_TOKEN=<jeton> npm run doctor -- --url <adresse du worker>',
  );
  return `<label for="token">${escapeHtml(help)}</label><textarea id="token" readonly>${escapeHtml(ScriptApp.getIdentityToken())}</textarea>`;
}

export function showDoctorDialog(): void {
  const res = callWorker<DoctorAnswer>({ method: 'get', path: '/v1/admin/doctor' });
  const ui = SpreadsheetApp.getUi();
  if (!res.ok) {
    ui.alert(frTypo(`Diagnostic impossible : ${res.error.message}`));
    return;
  }
  const a = res.data;
  const green = a.checks.filter((c) => c.ok).length;
  const summary = frTypo(
    `${green} ${green >= 2 ? 'vérifications conformes' : 'vérification conforme'} sur ${a.checks.length}.`,
  );
  const html =
    `<!doctype html><html lang="fr"><head><meta charset="utf-8"><style>${CSS}</style></head><body>` +
    `<h1>Diagnostic de l’installation</h1><p>${escapeHtml(summary)}</p>` +
    `<ul>${a.checks.map(checkItem).join('')}</ul>${tokenSection()}</body></html>`;
  ui.showModalDialog(
    HtmlService.createHtmlOutput(html).setWidth(640).setHeight(560),
    'Diagnostic de l’installation',
  );
}
