// GET /v1/me (and the snapshot's `me`): who is calling, the name they are shown by (null when
// no admin has set one), their role and the territories they may write for.
import * as z from 'zod/mini';
import { ROLES } from '../schemas/enums';

export const Me = z.object({
  email: z.string(),
  name: z.nullable(z.string()),
  role: z.enum(ROLES),
  territories: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type Me = z.infer<typeof Me>;

/** The snapshot's `people`: the members with a display name, so tabs show names, not e-mails. */
export const People = z.array(z.object({ email: z.string(), name: z.string() }));
export type People = z.infer<typeof People>;
