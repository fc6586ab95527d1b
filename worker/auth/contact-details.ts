import type { User } from '../env';

/**
 * Contacts' e-mail and phone are personal data: ADEME (admins, viewers) and the territory's
 * own consultants read them; consultants of other territories see the contacts without them.
 * (The caller's e-mail is lower case: worker/auth/identity.ts.)
 */
export const seesContactDetails = (user: User, t: { consultants: readonly string[] }) =>
  user.role !== 'consultant' || t.consultants.some((e) => e.toLowerCase() === user.email);
