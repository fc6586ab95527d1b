// « Exporter les données (CSV) » (ADEME staff: admins and viewers): the nine CSV exports of the
// worker (GET /v1/export/<table>.csv), asked in one round of UrlFetchApp.fetchAll, dropped into a
// new folder of the user's Drive (Drive API v3, advanced service, scope drive.file: the add-on
// sees only what it creates), then a dialog with the folder's link. Files keep the worker's bytes
// (UTF-8 with its byte order mark, « ; »): Excel opens them as they are.
import { EXPORT_TABLES } from '../shared/api/export';
import { frTypo } from '../shared/i18n/typography';
import { escapeHtml } from './html';
import { allowed } from './settings';
import { parse, toFetch } from './worker-client';

const FOLDER_MIME = 'application/vnd.google-apps.folder';

/** The Drive advanced service (v3), as much of it as the export uses. */
interface DriveService {
  Files: {
    create(
      resource: { name: string; mimeType?: string; parents?: string[] },
      media?: GoogleAppsScript.Base.Blob,
    ): {
      id?: string;
    };
  };
}
const drive = (): DriveService => (globalThis as unknown as { Drive: DriveService }).Drive;

/** An accessible dialog: a heading, sentences, an optional link opening in a new tab. */
function dialog(title: string, lines: readonly string[], link?: { href: string; text: string }) {
  const body = lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('');
  const a = link
    ? `<p><a href="${escapeHtml(link.href)}" target="_blank" rel="noopener">${escapeHtml(link.text)}</a></p>`
    : '';
  const html =
    '<!doctype html><html lang="fr"><head><meta charset="utf-8"><style>body{font:14px Arial,sans-serif;color:#1b1b1b;margin:16px}' +
    'h1{font-size:16px;color:#0b5f3a}a{color:#0b5f3a;font-weight:bold}a:focus{outline:2px solid #0b5f3a}</style></head>' +
    `<body><h1>${escapeHtml(title)}</h1>${body}${a}</body></html>`;
  SpreadsheetApp.getUi().showModalDialog(
    HtmlService.createHtmlOutput(html).setWidth(480).setHeight(260),
    title,
  );
}

/** The menu item: the nine CSV files into a new Drive folder, or the worker's French refusal. */
export function exportToDrive(): void {
  const requests = EXPORT_TABLES.map((t) => toFetch({ method: 'get', path: `/v1/export/${t}.csv` }));
  if (!requests.every((r) => allowed(r.url))) {
    SpreadsheetApp.getUi().alert(
      frTypo('L’adresse du serveur n’est pas autorisée par le manifeste du module : voyez « Paramètres ».'),
    );
    return;
  }
  let answers: GoogleAppsScript.URL_Fetch.HTTPResponse[];
  try {
    answers = UrlFetchApp.fetchAll(requests);
  } catch {
    SpreadsheetApp.getUi().alert(
      frTypo('Le serveur VELI VELO ne répond pas : réessayez dans un instant. Aucun fichier n’a été créé.'),
    );
    return;
  }
  // Only a refusal is parsed (for the worker's French message): a CSV body is kept as it is.
  const refusedAnswer = answers.find((a) => a.getResponseCode() < 200 || a.getResponseCode() >= 300);
  const refused = refusedAnswer && parse<unknown>(refusedAnswer);
  if (refused && !refused.ok) {
    SpreadsheetApp.getUi().alert(
      frTypo(`Export impossible : ${refused.error.message} Aucun fichier n’a été créé.`),
    );
    return;
  }
  const stamp = Utilities.formatDate(new Date(), 'Europe/Paris', 'dd/MM/yyyy HH:mm');
  const day = Utilities.formatDate(new Date(), 'Europe/Paris', 'yyyy-MM-dd');
  const folder = drive().Files.create({ name: `VELI VELO — export du ${stamp}`, mimeType: FOLDER_MIME });
  EXPORT_TABLES.forEach((t, i) => {
    const name = `veli-velo-${t}-${day}.csv`;
    const blob = Utilities.newBlob(answers[i]!.getContentText('UTF-8'), 'text/csv', name);
    drive().Files.create({ name, mimeType: 'text/csv', parents: [folder.id ?? ''] }, blob);
  });
  dialog(
    'Export des données',
    [
      frTypo(
        `${EXPORT_TABLES.length} fichiers CSV ont été déposés dans votre Drive, dossier « VELI VELO — export du ${stamp} ».`,
      ),
      frTypo(
        'Ils s’ouvrent dans Excel tels quels (UTF-8, séparateur « ; », dates JJ/MM/AAAA). Ils contiennent des données personnelles : ne les partagez qu’au sein de l’ADEME.',
      ),
    ],
    { href: `https://drive.google.com/drive/folders/${folder.id}`, text: 'Ouvrir le dossier dans Drive' },
  );
}
