// The answers of /v1/members: who may use the programme's tools, with the name people are
// shown by (null until an admin sets it).
import * as z from 'zod/mini';
import { ROLES } from '../schemas/enums';
import { Instant } from './authored';

const role = z.enum(ROLES);
/** How people are named to each other (« Saisie par Claire Martin »); null until an admin sets it. */
const name = z.nullable(z.string());

/** POST /v1/members: the member as stored (its version in the ETag). */
export const Member = z.strictObject({ email: z.string(), role, name });
export type Member = z.infer<typeof Member>;

/** GET /v1/members: the configured admins (ADMIN_EMAILS, never renamed here), then the stored members. */
export const MemberList = z.strictObject({
  members: z.array(
    z.union([
      z.strictObject({
        email: z.string(),
        role: z.literal('admin'),
        name: z.null(),
        source: z.literal('config'),
      }),
      z.strictObject({
        email: z.string(),
        role,
        name,
        createdAt: Instant,
        createdBy: z.string(),
        /** The member's ETag, sent back as If-Match to change its role. */
        version: z.int(),
        source: z.literal('record'),
      }),
    ]),
  ),
});
export type MemberList = z.infer<typeof MemberList>;

/** DELETE /v1/members/:email. */
export const MemberRemoved = z.strictObject({ email: z.string(), deleted: z.literal(true) });
