import type { DoctorCheck } from '../../shared/api/admin';
import { PARIS, zonedDate } from '../../shared/dates';
import { nf, plural } from '../../shared/i18n/typography';
import { ALERTS_HEADERS, ALERTS_TAB } from '../../shared/sheets/alerts-tab';
import { estimatePages } from '../documents/pages';
import { pagesOf } from '../documents/publish';
import { renderHtml } from '../documents/render';
import type { Env } from '../env';
import { Docs, docsOptions } from '../google/docs';
import { Drive, driveOptions, SERVICE_ACCOUNT_DRIVE_SCOPE } from '../google/drive';
import { GoogleError } from '../google/http';
import { ServiceAccountKeyError, serviceAccountKey, serviceAccountToken } from '../google/service-account';
import { alertsSpreadsheet, SHEETS_SCOPE, writeTab } from '../google/sheets';
import { type Calibration, saveCalibration } from './calibration';
import { probeDocument } from './probe-document';

const bad = (name: string, detail: string, fix: string): DoctorCheck => ({ name, ok: false, detail, fix });
/** A failure's detail for a check: a Google error's status and reason, another error's message. */
export const why = (err: unknown) =>
  err instanceof GoogleError
    ? `HTTP ${err.status}${err.reason ? `, ${err.reason}` : ''}`
    : err instanceof Error
      ? err.message.slice(0, 120)
      : 'erreur';
const unverified = (name: string, because: string): DoctorCheck =>
  bad(
    name,
    `Non vérifié : ${because}.`,
    'Corrigez d’abord la vérification citée, puis relancez le diagnostic.',
  );

/** The service account: its key parses, and Google's token endpoint grants Drive and Sheets tokens. */
export async function serviceAccountCheck(env: Env): Promise<{ check: DoctorCheck; email: string | null }> {
  const name = 'service-account';
  let email: string | null = null;
  try {
    email = serviceAccountKey(env)?.client_email ?? null;
    if (!email) return { check: unverified(name, 'la clé GOOGLE_SERVICE_ACCOUNT_KEY est absente'), email };
    await serviceAccountToken(env, [SERVICE_ACCOUNT_DRIVE_SCOPE]);
    await serviceAccountToken(env, [SHEETS_SCOPE]);
    return {
      check: {
        name,
        ok: true,
        detail: `Google délivre des jetons Drive et Sheets au compte de service ${email}.`,
      },
      email,
    };
  } catch (err) {
    if (err instanceof ServiceAccountKeyError)
      return {
        check: bad(
          name,
          `La clé du compte de service est inutilisable (${err.problem}).`,
          'Google Cloud ▸ IAM ▸ Comptes de service ▸ Clés ▸ Ajouter une clé (JSON), puis npx wrangler secret put GOOGLE_SERVICE_ACCOUNT_KEY en collant tout le fichier.',
        ),
        email,
      };
    return {
      check: bad(
        name,
        `Google refuse un jeton au compte de service ${email} (${why(err)}).`,
        'Vérifiez que le compte de service existe encore et que sa clé n’a pas été révoquée ; créez-en une nouvelle si besoin (README, étape « Compte de service »).',
      ),
      email,
    };
  }
}

/** Why Drive refused the probe, and what the administrator does about it. */
function driveRefusal(err: unknown, email: string, folder: string): DoctorCheck {
  const name = 'shared-drive';
  if (err instanceof GoogleError && err.reason === 'folderNotFound')
    return bad(
      name,
      `Le dossier ${folder} est introuvable pour ${email} (${why(err)}).`,
      `Ajoutez ${email} comme membre « Gestionnaire de contenu » du Drive partagé, et vérifiez DRIVE_FOLDER_ID (la fin de l’adresse du dossier).`,
    );
  if (err instanceof GoogleError && err.reason === 'storageQuotaExceeded')
    return bad(
      name,
      `Le dossier ${folder} n’est pas dans un Drive partagé : un compte de service n’a pas d’espace de stockage propre.`,
      'Créez le dossier dans un Drive partagé de l’ADEME dont le compte de service est membre, et mettez son identifiant dans DRIVE_FOLDER_ID.',
    );
  if (err instanceof GoogleError && err.status === 403)
    return bad(
      name,
      `Drive refuse l’écriture à ${email} dans ${folder} (${why(err)}).`,
      `Donnez à ${email} le rôle « Gestionnaire de contenu » du Drive partagé (Lecteur ou Commentateur ne suffisent pas), et activez l’API Google Drive et l’API Google Docs du projet.`,
    );
  return bad(
    name,
    `Drive ou Docs ne répondent pas comme prévu (${why(err)}).`,
    'Vérifiez que les API Google Drive et Google Docs sont activées dans le projet Google Cloud, puis relancez.',
  );
}

/**
 * The probe: a document created in the Shared Drive folder, given its A4 page, exported to PDF
 * and counted, then trashed (a Content manager may trash; only a Manager may delete for good).
 * Google's pages ÷ the local estimate is stored: the fitter aims under the limit by that ratio.
 */
export async function sharedDriveCheck(
  env: Env,
  email: string | null,
  by: string,
): Promise<{ check: DoctorCheck; ratio: number | null }> {
  const folder = env.DRIVE_FOLDER_ID;
  if (!email) return { check: unverified('shared-drive', 'pas de compte de service'), ratio: null };
  if (!folder) return { check: unverified('shared-drive', 'DRIVE_FOLDER_ID est vide'), ratio: null };
  const today = zonedDate(new Date(), PARIS);
  const doc = probeDocument(today, by);
  const estimated = estimatePages(doc);
  try {
    const token = (await serviceAccountToken(env, [SERVICE_ACCOUNT_DRIVE_SCOPE])) ?? '';
    const drive = new Drive(driveOptions(env, token));
    const file = await drive.createDoc(`${doc.title} (${today})`, renderHtml(doc), folder);
    let pages: number;
    try {
      pages = await pagesOf(drive, new Docs(docsOptions(env, token)), file.id);
    } finally {
      await drive.discard(file.id);
    }
    const ratio = Math.round((pages / estimated) * 100) / 100;
    const calibration: Calibration = {
      ratio,
      googlePages: pages,
      estimatedPages: estimated,
      measuredAt: new Date().toISOString(),
      measuredBy: by,
    };
    // Google answered: a database not yet migrated must not make the Drive look broken.
    const kept = await saveCalibration(env.DB, calibration).then(
      () => 'Le rapport est retenu pour les prochaines synthèses.',
      () => 'Le rapport n’a pas pu être enregistré (voir la vérification « database »).',
    );
    const detail = `Document d’essai créé dans ${folder}, exporté en PDF (${plural(pages, 'page')} chez Google, ${estimated} ${estimated >= 2 ? 'estimées' : 'estimée'} ici, rapport ${nf(ratio, 2)}) puis mis à la corbeille. ${kept}`;
    return { check: { name: 'shared-drive', ok: true, detail }, ratio };
  } catch (err) {
    return { check: driveRefusal(err, email, folder), ratio: null };
  }
}

/** The « Alertes » tab: read its header row, then write it back as the nightly check writes it. */
export async function alertsSheetCheck(env: Env, email: string | null): Promise<DoctorCheck> {
  const name = 'alerts-spreadsheet';
  const id = env.ALERTS_SPREADSHEET_ID;
  if (!email) return unverified(name, 'pas de compte de service');
  if (!id) return unverified(name, 'ALERTS_SPREADSHEET_ID est vide');
  try {
    const sheet = await alertsSpreadsheet(env);
    if (!sheet) return unverified(name, 'pas de jeton Sheets');
    await writeTab(sheet, ALERTS_TAB.name, [[...ALERTS_HEADERS]]);
    return {
      name,
      ok: true,
      detail: `Le compte de service écrit dans l’onglet « ${ALERTS_TAB.name} » du classeur ${id}.`,
    };
  } catch (err) {
    const status = err instanceof GoogleError ? err.status : 0;
    if (status === 403 || status === 404)
      return bad(
        name,
        `Le classeur ${id} ${status === 404 ? 'est introuvable' : 'n’est pas partagé'} pour ${email} (${why(err)}).`,
        `Ouvrez le classeur ▸ Partager ▸ ajoutez ${email} en « Éditeur » ; vérifiez ALERTS_SPREADSHEET_ID (entre /d/ et /edit dans l’adresse du classeur).`,
      );
    if (status === 400)
      return bad(
        name,
        `Le classeur ${id} n’a pas d’onglet « ${ALERTS_TAB.name} » (${why(err)}).`,
        `Ajoutez un onglet nommé exactement « ${ALERTS_TAB.name} ».`,
      );
    return bad(
      name,
      `L’API Google Sheets ne répond pas comme prévu (${why(err)}).`,
      'Activez l’API Google Sheets dans le projet Google Cloud du compte de service, puis relancez.',
    );
  }
}
