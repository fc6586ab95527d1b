import * as z from 'zod/mini';
import { ROLES } from '../schemas/enums';
import { Instant } from './authored';

const role = z.enum(ROLES);

/** GET /v1/members: the configured admins (ADMIN_EMAILS), then the stored members. */
export const MemberList = z.strictObject({
  members: z.array(
    z.union([
      z.strictObject({ email: z.string(), role: z.literal('admin'), source: z.literal('config') }),
      z.strictObject({
        email: z.string(),
        role,
        createdAt: Instant,
        createdBy: z.string(),
        version: z.int(),
        source: z.literal('record'),
      }),
    ]),
  ),
});

/** POST /v1/members: the member as stored (its version in the ETag). */
export const Member = z.strictObject({ email: z.string(), role });

/** DELETE /v1/members/:email. */
export const MemberRemoved = z.strictObject({ email: z.string(), deleted: z.literal(true) });
