import type { Quota } from '../quotas/rules';
import { duration, frDate, frTypo, nf, plural, qty } from './typography';

export { FR_MONTHS, frDate, nf, plural } from './typography';

export const ERROR_CODES = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  IDEMPOTENCY_CONFLICT: 409,
  QUOTA_EXCEEDED: 409,
  NOT_ELIGIBLE: 422,
  DOES_NOT_FIT: 422,
  NOT_READY: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UPSTREAM_FAILED: 502,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

/** A quota amount in words: « 840 min (14 h) », « 90 min (1 h 30) », « 3 séances ». */
export function amount(n: number, unit: Quota['unit']): string {
  if (unit === 'minutes') return `${qty(n, 'min')} (${duration(n)})`;
  return plural(n, unit === 'partners' ? 'partenaire' : 'séance');
}

/** « utilisées », « utilisé »…: agreeing with `amount`'s noun (minutes and séances are feminine). */
const used = (n: number, unit: Quota['unit']) =>
  `utilisé${unit === 'partners' ? '' : 'e'}${Math.abs(n) >= 2 ? 's' : ''}`;

type Message = string | ((...args: never[]) => string);
/** The same messages, every string and every function's result passed through `frTypo`. */
export type Typeset<T extends Record<string, Message>> = {
  [K in keyof T]: T[K] extends (...args: infer A) => string ? (...args: A) => string : string;
};

/**
 * French typography for a table of messages: wording stays readable in the source (plain
 * spaces before « : ; ? ! »), what users read gets the no-break spaces — including around the
 * values a message function inserts (a territory's name, an e-mail).
 */
export function typeset<T extends Record<string, Message>>(raw: T): Typeset<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    out[key] =
      typeof value === 'function'
        ? (...args: never[]) => frTypo((value as (...a: never[]) => string)(...args))
        : frTypo(value);
  }
  return out as Typeset<T>;
}

/** Every French message the worker (and the sidebars) show; one place to review wording. */
export const MSG = typeset({
  validation: 'Certaines valeurs sont invalides : corrigez les champs signalés.',
  malformedJson: 'Le corps de la requête n’est pas un JSON valide.',
  expectedObject: 'Le corps de la requête doit être un objet JSON.',
  unauthenticated: 'Identification requise : connectez-vous avec votre compte Google.',
  invalidToken: 'Jeton d’identité invalide ou expiré : reconnectez-vous.',
  notMember: (email: string) =>
    `Le compte ${email} n’est pas membre du programme : demandez l’accès à l’ADEME.`,
  adminOnly: 'Action réservée aux administrateurs ADEME.',
  adminOnlyRead: 'Ces données sont réservées aux administrateurs ADEME.',
  staffOnlyRead: 'Ces données sont réservées à l’ADEME (administrateurs et lecteurs).',
  undeclaredRoute: 'Cette adresse n’est ouverte à personne : elle n’a pas de règle d’accès.',
  malformedPath: 'Adresse mal encodée : un caractère « % » n’est pas suivi de deux chiffres hexadécimaux.',
  viewerReadOnly: 'Votre rôle de lecteur ne permet pas de modifier les données.',
  notYourTerritory: (name: string) => `Vous n’êtes pas consultant du territoire « ${name} ».`,
  notFound: (what: string) => `${what} introuvable.`,
  routeNotFound: 'Cette adresse n’existe pas dans l’API.',
  originNotAllowed: 'Origine non autorisée à appeler l’API.',
  invalidEmail: 'Adresse électronique invalide.',
  personalDataRetained:
    'Le journal d’audit est conservé tel quel (traçabilité d’un programme public) : ' +
    'il garde les lignes où cette adresse apparaît, ainsi que la mention « créé par » des enregistrements.',
  oneOf: (what: string, allowed: readonly string[]) =>
    `${what} inconnu : ${allowed.slice(0, -1).join(', ')} ou ${allowed.at(-1)}.`,
  integerBetween: (what: string, max: number) => `${what} attendu : un nombre entier de 1 à ${nf(max)}.`,
  dateOrInstant: 'Date attendue au format AAAA-MM-JJ (ou un instant ISO 8601).',
  partsExpected: (parts: readonly string[]) => `Au moins une partie attendue : ${parts.join(', ')}.`,
  unknownParts: (unknown: readonly string[], parts: readonly string[]) =>
    `Partie inconnue : ${unknown.map((n) => `« ${n} »`).join(', ')}. Parties possibles : ${parts.join(', ')}.`,
  checkFailed: 'Le contrôle a échoué.',
  alertsNotDelivered: 'Livraison des alertes impossible.',
  internal: 'Erreur interne : réessayez ; si elle persiste, prévenez l’équipe technique.',
  answerOutsideSchema: 'Réponse hors de son schéma déclaré (contrôle des tests) : voir issues.',
  idempotencyConflict: 'Cet identifiant a déjà servi pour un autre enregistrement : rechargez le formulaire.',
  tooLarge: (maxKb: number) => `Requête trop volumineuse (${maxKb} Ko au maximum).`,
  rateLimited: (seconds: number) => `Trop d’enregistrements en peu de temps : réessayez dans ${seconds} s.`,
  upstream: 'Google ne répond pas pour le moment : rien n’a été enregistré, réessayez dans quelques minutes.',
  // Concurrent edits, corrections and simulations (API.md, Additions v1.1).
  preconditionFailed:
    'Cet enregistrement a été modifié entre-temps : rien n’a été enregistré. Rechargez-le pour voir la version enregistrée, puis refaites votre modification.',
  badIfMatch:
    'En-tête If-Match invalide : indiquez la version reçue dans l’en-tête ETag, entre guillemets (ex. "3").',
  busy: 'Cet enregistrement est modifié au même moment par d’autres personnes : rien n’a été enregistré, réessayez.',
  writeRefused: 'Modification refusée : l’enregistrement ne le permet plus. Rechargez-le puis réessayez.',
  /** `when` names the stored session: « 10/12/2025, 180 min, Diagnostic ». */
  sessionAlreadyLogged: (when: string) =>
    `Cette séance a déjà été enregistrée (${when}) avec un autre contenu : ` +
    'rechargez le journal pour la voir, puis corrigez-la si besoin.',
  notSessionAuthor: (author: string) =>
    `Seuls l’auteur de cette séance (${author}) et les administrateurs ADEME peuvent la corriger ou l’annuler.`,
  blockerOfOtherTerritory: (id: string) => `Le verrou ${id} concerne un autre territoire que cette séance.`,
  asOfOutOfRange: (min: string, max: string) =>
    `Date de simulation hors du programme : choisissez-la entre le ${frDate(min)} et le ${frDate(max)}.`,
  memberExists: (email: string, role: string) =>
    `${email} est déjà membre avec le rôle « ${role} » : pour changer son rôle, renvoyez la demande avec l’en-tête If-Match reçu (ETag).`,
  memberConfigured: (email: string) =>
    `${email} est administrateur par la configuration (ADMIN_EMAILS) : son rôle ne se change pas ici.`,
  badCursor: 'Curseur de pagination invalide ou périmé : reprenez la lecture depuis le début.',
  cursorWithTerritory: 'Un seul territoire tient en une page : retirez cursor ou territoryId.',
  maxTerritories: (max: number) => `Le programme compte déjà ${max} territoires, son maximum.`,
  unknownCommune: (code: string) => `Code INSEE inconnu : ${code} ne correspond à aucune commune actuelle.`,
  outsideRegion: (name: string, code: string, region: string) =>
    `${name} (${code}) n’est pas dans la région du programme (code région ${region}).`,
  tooSmall: (name: string, population: number, min: number) =>
    `${name} compte ${nf(population)} habitants (INSEE) : la ville centre doit en compter au moins ${nf(min)}.`,
  quotaExceeded: (q: Quota, amountAsked: number) =>
    `Quota dépassé : ${q.label} — ${amount(q.used, q.unit)} ${used(q.used, q.unit)} sur ${amount(q.limit, q.unit)}, ` +
    `cette saisie en demande ${amount(amountAsked, q.unit)}. Un administrateur peut déroger avec un motif.`,
  durationCap: (kindLabel: string, max: number, asked: number) =>
    `${kindLabel} : ${qty(max, 'min')} au plus par séance (${qty(asked, 'min')} saisies). Un administrateur peut déroger avec un motif.`,
  hostAlreadyUsed: (name: string) =>
    `Le territoire « ${name} » a déjà accueilli un atelier collectif : chaque atelier est animé depuis un territoire différent.`,
  workshopNumberUsed: (n: number) => `L’atelier n° ${n} existe déjà.`,
  workshopNumberTooHigh: (max: number) => `Le programme prévoit ${max} ateliers collectifs au plus.`,
  partnersFull: (name: string, max: number) =>
    `Le territoire « ${name} » a déjà ${max} partenaires, son maximum.`,
  partnerOfOtherTerritory: 'Ce partenaire n’appartient pas au territoire indiqué.',
  territoryRequired: (kindLabel: string) => `${kindLabel} : indiquez le territoire concerné.`,
  partnerRequired: 'Un accompagnement individuel doit indiquer le partenaire accompagné.',
  dateOutsideProgramme: (start: string, end: string) =>
    `La date doit être comprise entre le ${frDate(start)} et le ${frDate(end)}.`,
  overrideAdminOnly: 'Seul un administrateur peut déroger à un quota.',
  unknownBlocker: (id: string) => `Verrou inconnu : ${id}.`,
  historyOfOneRecord:
    'Le journal d’audit complet est réservé aux administrateurs ADEME : demandez l’historique d’un enregistrement (entity et id : session, blocker, indicator, workshop, action, partner, territory, document ou programme).',
  lastAdmin: 'Impossible de retirer ce membre : il est déclaré administrateur dans la configuration.',
  serviceAccountKeyInvalid:
    'La clé du compte de service Google est mal formée : rien n’a été enregistré ; prévenez l’équipe technique.',
  driveFolderMissing:
    'Le dossier Drive partagé des documents n’est pas configuré (DRIVE_FOLDER_ID) : rien n’a été enregistré ; prévenez l’équipe technique.',
  sharedDriveRequired:
    'Google refuse de créer le document : le compte de service n’a pas d’espace de stockage propre. Le dossier DRIVE_FOLDER_ID doit se trouver dans un Drive partagé dont il est membre (gestionnaire de contenu).',
  driveFolderInaccessible:
    'Le dossier Drive partagé des documents est introuvable pour le compte de service : ajoutez-le comme gestionnaire de contenu du Drive partagé.',
  keptEditedDoc:
    'Le Google Doc précédent a été modifié à la main depuis la dernière génération : il est conservé tel quel et cette version est un nouveau Google Doc.',
  linkExpired:
    'Ce lien vers le document a expiré ou n’est pas valide : régénérez le document ou ouvrez-le depuis le classeur.',
});

/**
 * What the nightly reminders tell a consultant is due from them (e-mail and « Quotas et
 * alertes »): each says what, for which territory, since when, and what to do.
 */
export const REMINDER_MSG = typeset({
  noSessionSince: (territory: string, last: string, days: number) =>
    `Territoire « ${territory} » : aucune séance consignée depuis le ${last} (${plural(days, 'jour')}) ; saisissez dans le journal les séances tenues depuis.`,
  noSessionYet: (territory: string, since: string) =>
    `Territoire « ${territory} » : aucune séance consignée depuis son entrée dans le programme le ${since} ; saisissez dans le journal les séances tenues.`,
  /** `ofMonth`: « de septembre 2025 », « d’octobre 2025 ». */
  monthlyMissing: (ofMonth: string, maxMinutes: number) =>
    `Point mensuel ADEME ${ofMonth} non consigné : saisissez-le dans le journal (${qty(maxMinutes, 'min')} au plus).`,
  monthlyDue: (ofMonth: string, lastDay: string) =>
    `Point mensuel ADEME ${ofMonth} : à tenir avec l’ADEME et à consigner d’ici le ${lastDay}.`,
  indicatorsDue: (action: string, partner: string, territory: string, days: number) =>
    `Fiche action « ${action} » (partenaire « ${partner} », territoire « ${territory} ») : aucune valeur d’indicateur depuis ${plural(days, 'jour')} ; saisissez les valeurs de la période écoulée.`,
  indicatorsNever: (action: string, partner: string, territory: string) =>
    `Fiche action « ${action} » (partenaire « ${partner} », territoire « ${territory} ») : aucune valeur d’indicateur saisie depuis sa création ; saisissez la première.`,
  blockerStale: (title: string, territory: string, since: string, days: number) =>
    `Verrou « ${title} » (territoire « ${territory} ») : sans nouvelles depuis le ${since} (${plural(days, 'jour')}) ; mettez à jour son statut ou sa solution.`,
  summaryDue: (territory: string) =>
    `Synthèse territoriale de « ${territory} » à générer et à transmettre : le diagnostic est saisi (« Générer un document »).`,
  actionSheetDue: (action: string, territory: string) =>
    `Fiche action « ${action} » (territoire « ${territory} ») à générer : l’action est réalisée (« Générer un document »).`,
  documentToSubmit: (title: string, since: string, days: number) =>
    `« ${title} » : brouillon généré le ${since} (${plural(days, 'jour')}) et pas encore soumis ; relisez-le et soumettez-le à l’ADEME (« Générer un document », versions).`,
  documentSentBack: (title: string, since: string) =>
    `« ${title} » : l’ADEME a demandé des modifications le ${since} ; corrigez, régénérez puis soumettez la nouvelle version (« Générer un document »).`,
});
