import type { DoctorCheck } from '../../shared/api/admin';
import { PARIS, zonedDate } from '../../shared/dates';
import { plural } from '../../shared/i18n/typography';
import type { Env } from '../env';
import { ARCHIVE_PREFIX, archiveDay } from '../export/backup';
import { digestRecipients } from '../nightly/digest';
import { why } from './doctor-google';
import { schemaState } from './readiness';

/** A day and a bit: a nightly job older than this has missed a night. */
const NIGHT_MS = 26 * 3_600_000;
const ok = (name: string, detail: string): DoctorCheck => ({ name, ok: true, detail });
const bad = (name: string, detail: string, fix: string): DoctorCheck => ({ name, ok: false, detail, fix });
const missing = (env: Env, names: readonly (keyof Env)[]) =>
  names.filter((n) => !String(env[n] ?? '').trim());
const EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;
/** The fix of a missing e-mail binding (the digest's and the reminders' checks). */
const SEND_EMAIL_FIX =
  'Gardez [[send_email]] name = "SEND_EMAIL" dans wrangler.toml et activez Email Routing sur le domaine.';

export async function databaseCheck(env: Env): Promise<DoctorCheck> {
  const s = await schemaState(env.DB);
  if (!s.answers)
    return bad(
      'database',
      `La base D1 ne répond pas (${s.error ?? 'erreur inconnue'}).`,
      'Vérifiez [[d1_databases]] dans wrangler.toml (binding DB, database_id de « npx wrangler d1 create veli-velo »), puis npm run deploy.',
    );
  if (s.missing.length)
    return bad(
      'database',
      `La base répond mais ${plural(s.missing.length, 'migration')} ${s.missing.length >= 2 ? 'manquent' : 'manque'} : ${s.missing.join(', ')}.`,
      'Appliquez-les : npx wrangler d1 migrations apply DB --remote (npm run deploy le fait avant chaque déploiement).',
    );
  return ok(
    'database',
    `La base répond ; toutes les migrations sont appliquées (la dernière : ${s.applied}).`,
  );
}

export function authCheck(env: Env): DoctorCheck {
  if (env.AUTH_MODE === 'dev')
    return bad(
      'auth',
      'AUTH_MODE vaut « dev » : l’en-tête X-Dev-User remplace la connexion Google, n’importe qui peut se faire passer pour n’importe qui.',
      'Remettez AUTH_MODE = "google" dans wrangler.toml ([vars]) et redéployez : npm run deploy.',
    );
  const gaps = missing(env, ['GOOGLE_CLIENT_ID', 'ADMIN_EMAILS']);
  if (gaps.length)
    return bad(
      'auth',
      `Variables vides : ${gaps.join(', ')} ; sans elles, aucun jeton n’est accepté ou aucun administrateur n’existe.`,
      'Renseignez-les dans wrangler.toml ([vars]) : GOOGLE_CLIENT_ID est l’« aud » des jetons du module (README, étape 4) ; ADMIN_EMAILS la ou les adresses des administrateurs ADEME. Puis npm run deploy.',
    );
  if (!/\.apps\.googleusercontent\.com$/.test(String(env.GOOGLE_CLIENT_ID)))
    return bad(
      'auth',
      `GOOGLE_CLIENT_ID (${env.GOOGLE_CLIENT_ID}) n’a pas la forme d’un identifiant client OAuth.`,
      'Copiez l’« aud » d’un jeton du module (README, étape 4) : il finit par .apps.googleusercontent.com.',
    );
  return ok('auth', `Connexion Google (AUTH_MODE = google), client ${env.GOOGLE_CLIENT_ID}.`);
}

export function secretsCheck(env: Env): DoctorCheck {
  const names = ['GOOGLE_SERVICE_ACCOUNT_KEY', 'DOCUMENT_LINK_SECRET'] as const;
  const gaps = missing(env, names);
  if (gaps.length)
    return bad(
      'secrets',
      `Secrets absents : ${gaps.join(', ')} (présents : ${names.filter((n) => !gaps.includes(n)).join(', ') || 'aucun'}).`,
      gaps.map((n) => `npx wrangler secret put ${n}`).join(' ; '),
    );
  return ok('secrets', `Secrets présents : ${names.join(', ')} (leurs valeurs ne sont jamais affichées).`);
}

export function variablesCheck(env: Env): DoctorCheck {
  const names = ['DRIVE_FOLDER_ID', 'ALERTS_SPREADSHEET_ID', 'PUBLIC_URL'] as const;
  const gaps = missing(env, names);
  if (gaps.length)
    return bad(
      'variables',
      `Variables vides : ${gaps.join(', ')}.`,
      'Renseignez-les dans wrangler.toml ([vars]) ou le tableau de bord Cloudflare (README, tableau « Configuration »), puis npm run deploy.',
    );
  return ok('variables', `Variables renseignées : ${names.join(', ')}.`);
}

const isOrigin = (u: string) => {
  try {
    const url = new URL(u);
    return (
      url.origin === u && (url.protocol === 'https:' || ['localhost', '127.0.0.1'].includes(url.hostname))
    );
  } catch {
    return false;
  }
};

/** PUBLIC_URL is the origin of every link the worker builds; CORS origins are bare origins. */
export function urlsCheck(env: Env): DoctorCheck {
  const url = String(env.PUBLIC_URL ?? '').replace(/\/+$/, '');
  if (!url)
    return bad(
      'public-url-cors',
      'PUBLIC_URL est vide : les liens des documents pointeraient sur une adresse locale.',
      'Mettez l’adresse publique du worker dans PUBLIC_URL (ex. https://veli-velo-worker.<compte>.workers.dev), sans chemin.',
    );
  if (!isOrigin(url))
    return bad(
      'public-url-cors',
      `PUBLIC_URL (${env.PUBLIC_URL}) n’est pas une adresse https sans chemin.`,
      'Donnez seulement l’origine : https://hôte, sans chemin ni paramètres.',
    );
  const origins = String(env.CORS_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  const wrong = origins.filter((o) => o === '*' || !isOrigin(o));
  if (wrong.length)
    return bad(
      'public-url-cors',
      `CORS_ORIGINS contient des valeurs qu’un navigateur n’envoie jamais comme origine : ${wrong.join(', ')}.`,
      'Listez des origines exactes (https://hôte, sans barre finale ni chemin), séparées par des virgules ; jamais « * ». Le module Google Sheets n’en a pas besoin : laissez vide si aucun navigateur n’appelle l’API.',
    );
  return ok(
    'public-url-cors',
    `Liens construits sur ${url} ; CORS ${origins.length ? `ouvert à ${origins.join(', ')}` : 'fermé (aucune origine de navigateur)'}.`,
  );
}

export function emailCheck(env: Env): DoctorCheck {
  const sender = String(env.ALERT_SENDER ?? '').trim();
  const to = digestRecipients(env);
  if (!sender && !to.length)
    return ok(
      'email',
      'Récapitulatif nocturne par courriel non configuré (facultatif) : les alertes restent dans l’onglet « Alertes ».',
    );
  if (!sender || !to.length)
    return bad(
      'email',
      `Expéditeur ${sender ? 'renseigné' : 'vide'}, destinataires ${to.length ? 'renseignés' : 'vides'} : le récapitulatif ne peut pas partir.`,
      'Renseignez ALERT_SENDER (une adresse du domaine routé par Cloudflare Email Routing) et ALERT_EMAILS (adresses vérifiées comme destinations), ou videz les deux.',
    );
  const invalid = [sender, ...to].filter((e) => !EMAIL.test(e));
  if (invalid.length)
    return bad(
      'email',
      `Adresses invalides : ${invalid.join(', ')}.`,
      'Corrigez ALERT_SENDER et ALERT_EMAILS.',
    );
  if (!env.SEND_EMAIL) return bad('email', 'La liaison SEND_EMAIL manque.', SEND_EMAIL_FIX);
  return ok(
    'email',
    `Récapitulatif envoyé par ${sender} à ${plural(to.length, 'destinataire')} (destinations vérifiées d’Email Routing).`,
  );
}

/** The consultants' reminders: optional; once REMINDER_SENDER is set, a valid sender and the binding. */
export function remindersCheck(env: Env): DoctorCheck {
  const sender = String(env.REMINDER_SENDER ?? '').trim();
  if (!sender)
    return ok(
      'reminders',
      'Rappels aux consultants par courriel non configurés (facultatif) : chacun voit les siens dans « Quotas et alertes ».',
    );
  if (!EMAIL.test(sender))
    return bad(
      'reminders',
      `Expéditeur des rappels invalide : ${sender}.`,
      'Corrigez REMINDER_SENDER (une adresse du domaine routé par Cloudflare Email Routing) ou videz-le.',
    );
  if (!env.SEND_EMAIL)
    return bad(
      'reminders',
      'REMINDER_SENDER est renseigné mais la liaison SEND_EMAIL manque : aucun rappel ne part.',
      SEND_EMAIL_FIX,
    );
  return ok(
    'reminders',
    `Rappels envoyés par ${sender} ; chaque consultant doit être une destination vérifiée d’Email Routing (procédure, étape des rappels).`,
  );
}

/** The cron as wrangler.toml declares it, and what the runs it triggered say. */
export async function cronCheck(env: Env, now: Date): Promise<DoctorCheck> {
  const cron = String(env.NIGHTLY_CRON ?? '').trim();
  if (!cron)
    return bad(
      'cron',
      'Aucun déclencheur nocturne déclaré.',
      'Gardez [triggers] crons = ["30 1 * * *"] et NIGHTLY_CRON identiques dans wrangler.toml, puis npm run deploy.',
    );
  const last = await env.DB.prepare(
    "SELECT started_at, ok, error FROM check_runs WHERE trigger = 'cron' ORDER BY started_at DESC LIMIT 1",
  ).first<{ started_at: string; ok: number | null; error: string | null }>();
  if (!last)
    return ok(
      'cron',
      `Contrôle nocturne déclaré (${cron}, UTC) ; il n’a pas encore tourné depuis la mise en service.`,
    );
  if (now.getTime() - Date.parse(last.started_at) > NIGHT_MS)
    return bad(
      'cron',
      `Le dernier contrôle nocturne date du ${zonedDate(last.started_at, PARIS)} : le déclencheur ne part plus.`,
      'Tableau de bord Cloudflare ▸ Workers ▸ veli-velo-worker ▸ Paramètres ▸ Déclencheurs : le cron doit y figurer ; sinon npm run deploy.',
    );
  if (last.ok !== 1)
    return bad(
      'cron',
      `Le dernier contrôle nocturne a échoué : ${last.error ?? 'sans message'}.`,
      'Lisez l’erreur ci-dessus (GET /v1/alerts, lastRun) et les journaux du worker ; un administrateur peut relancer le contrôle (POST /v1/checks/run).',
    );
  return ok(
    'cron',
    `Contrôle nocturne déclaré (${cron}, UTC) ; dernier passage réussi le ${zonedDate(last.started_at, PARIS)}.`,
  );
}

/** The R2 bucket is bound, and the last nightly archive is at most a night old. */
export async function backupsCheck(env: Env, now: Date): Promise<DoctorCheck> {
  if (!env.BACKUPS)
    return bad(
      'backups',
      'Le compartiment R2 « BACKUPS » n’est pas lié.',
      'npx wrangler r2 bucket create veli-velo-backups, gardez [[r2_buckets]] binding = "BACKUPS" dans wrangler.toml, puis npm run deploy.',
    );
  let keys: string[];
  try {
    keys = (await env.BACKUPS.list({ prefix: ARCHIVE_PREFIX })).objects.map((o) => o.key).sort();
  } catch (err) {
    return bad(
      'backups',
      `Le compartiment R2 ne répond pas (${why(err)}).`,
      'Vérifiez que le compartiment veli-velo-backups existe (npx wrangler r2 bucket list).',
    );
  }
  const last = keys.at(-1);
  if (!last)
    return ok(
      'backups',
      'Compartiment R2 lié ; aucune archive encore (la première s’écrit la nuit suivant la mise en service).',
    );
  const day = archiveDay(last) ?? '';
  if (now.getTime() - Date.parse(`${day}T01:30:00Z`) > NIGHT_MS + 3_600_000)
    return bad(
      'backups',
      `La dernière archive (${last}) date de plus d’une nuit.`,
      'Voyez l’erreur du dernier contrôle nocturne (GET /v1/alerts, lastRun.error).',
    );
  return ok(
    'backups',
    `${plural(keys.length, 'archive')} ${keys.length >= 2 ? 'gardées' : 'gardée'} 30 jours ; la dernière : ${last}.`,
  );
}
