import type { Role } from '../../shared/schemas/enums';

/** Who may call a route: anyone, or the roles listed (territory checks come on top). */
export type Rule = 'public' | readonly Role[];

export const ALL: readonly Role[] = ['admin', 'consultant', 'viewer'];
/** Consultants (the AMO, the contractor) and ADEME admins. */
export const WRITERS: readonly Role[] = ['admin', 'consultant'];
export const ADMIN: readonly Role[] = ['admin'];
/** ADEME staff: admins and viewers (the data exports). */
export const STAFF: readonly Role[] = ['admin', 'viewer'];
