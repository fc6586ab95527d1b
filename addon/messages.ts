// French messages the add-on composes itself (the worker's own are in shared/i18n/messages):
// quota refusals that name the territory and say what remains in the tender's units, a
// session already recorded after a lost answer, a record changed by someone else meanwhile.
// Pure: the sidebars import it too.

import type { Instant } from '../shared/dates';
import { LABELS } from '../shared/i18n/labels';
import {
  days,
  frInstant,
  frMonth,
  frShortDate,
  frTypo,
  plural,
  qty,
  quoted,
} from '../shared/i18n/typography';
import type { Quota } from '../shared/quotas/rules';
import { parisClock } from './paris';

/** An amount of a quota in the tender's unit: days for the diagnostic, sessions otherwise. */
export function tenderAmount(n: number, unit: Quota['unit'], minutesPerDay: number): string {
  if (unit === 'minutes') return `${days(n, minutesPerDay)} (${qty(n, 'min')})`;
  return plural(n, unit === 'partners' ? 'partenaire' : 'séance');
}

/**
 * « 5 séances utilisées sur 5 », « 1 j (420 min) utilisés sur 4 j (1 680 min) »: the participle
 * agrees with what is counted (séances: feminine; jours and partenaires: masculine), plural from two.
 */
export function usedOf(q: Quota, minutesPerDay: number): string {
  const used = tenderAmount(q.used, q.unit, minutesPerDay);
  const limit = tenderAmount(q.limit, q.unit, minutesPerDay);
  const shown = q.unit === 'minutes' ? q.used / minutesPerDay : q.used;
  const participle = `utilisé${q.unit === 'sessions' ? 'e' : ''}${shown >= 2 ? 's' : ''}`;
  return `${used} ${participle} sur ${limit}`;
}

/** Whom a quota is for, in words: « Albi Agglomération », the programme, a month. */
export function quotaSubject(q: Quota, name: (id: string) => string): string {
  if (q.scope === 'territory' || q.scope === 'partner') return quoted(name(q.subjectId));
  if (/^\d{4}-\d{2}$/.test(q.subjectId)) return frMonth(q.subjectId);
  return 'le programme';
}

export const quotaLabel = (q: Quota) => (LABELS.sessionKind as Record<string, string>)[q.key] ?? q.label;

/** "Quota restant : 2,5 j (1 050 min) sur 4 j — Diagnostic et accompagnement, « Albi »." */
export const remainingLine = (q: Quota, name: (id: string) => string, minutesPerDay: number) =>
  frTypo(
    `Quota restant : ${tenderAmount(q.remaining, q.unit, minutesPerDay)} sur ${tenderAmount(q.limit, q.unit, minutesPerDay)} — ` +
      `${quotaLabel(q)}, ${quotaSubject(q, name)}.`,
  );

/** A refusal that names the territory, says what remains and what the entry asked for. */
export function quotaRefusal(
  q: Quota,
  name: (id: string) => string,
  minutesPerDay: number,
  askedMinutes?: number,
) {
  const asked =
    askedMinutes === undefined
      ? ''
      : ` ; cette séance en demande ${q.unit === 'minutes' ? tenderAmount(askedMinutes, q.unit, minutesPerDay) : plural(1, 'séance')}`;
  return frTypo(
    `Quota atteint pour ${quotaSubject(q, name)} : ${quotaLabel(q)} — il reste ${tenderAmount(q.remaining, q.unit, minutesPerDay)} ` +
      `sur ${tenderAmount(q.limit, q.unit, minutesPerDay)}${asked}. Un administrateur peut déroger avec un motif.`,
  );
}

/** After a lost answer and a changed resubmission: the stored session, in the user's terms. */
export const alreadyRecorded = (s: { date: string; durationMinutes: number }) =>
  frTypo(`Cette séance a déjà été enregistrée (${frShortDate(s.date)}, ${qty(s.durationMinutes, 'min')}).`);

/** What was refused because it changed meanwhile: « Cette séance », feminine, or « Cet atelier ». */
export interface Subject {
  text: string;
  feminine: boolean;
}
/** `at` is an instant (the record's `updatedAt`): its day in Paris, not its UTC date. */
const changedBy = (what: Subject, by?: string, at?: Instant) =>
  `${what.text} a été modifié${what.feminine ? 'e' : ''}${by ? ` par ${by}` : ''}${at ? ` le ${frInstant(at, { clock: parisClock })}` : ''}`;

export const changedMeanwhile = (what: Subject, by?: string, at?: Instant) =>
  frTypo(
    `${changedBy(what, by, at)} depuis que vous l’avez ouvert${what.feminine ? 'e' : ''} : ` +
      'rien n’a été enregistré. Vos saisies restent dans le formulaire ; chargez les valeurs enregistrées pour reprendre votre modification.',
  );

/** A session someone changed after the list showing it was read: not deleted, the list reread. */
export const changedBeforeDeletion = (by?: string, at?: Instant) =>
  frTypo(
    `${changedBy({ text: 'Cette séance', feminine: true }, by, at)} depuis l’affichage de la liste : rien n’a été supprimé. ` +
      'La liste montre maintenant la séance enregistrée ; supprimez-la de nouveau si besoin.',
  );

/** The territory summary does not fit under 5 pages: the fields to shorten are marked. */
export const SHORTEN_TO_FIT = frTypo(
  'La synthèse territoriale dépasse 5 pages : raccourcissez les champs signalés, enregistrez, puis générez-la de nouveau.',
);

export const VIEWER_READ_ONLY = frTypo(
  'Lecture seule : votre rôle de lecteur permet de consulter les quotas, les alertes et les documents, pas de saisir.',
);
export const RESYNC_ADMIN_ONLY = frTypo(
  'Resynchronisation réservée aux administrateurs ADEME : demandez-la à l’un d’eux.',
);
