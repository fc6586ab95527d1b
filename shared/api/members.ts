// The answers of /v1/members: who may use the programme's tools, with the name people are
// shown by (null until an admin sets it).
import * as z from 'zod/mini';
import { ROLES } from '../schemas/enums';

export const MemberDeleted = z.object({ email: z.string(), deleted: z.literal(true) });

/** A member: their e-mail, role and display name. */
export const MemberAnswer = z.object({
  email: z.string(),
  role: z.enum(ROLES),
  name: z.nullable(z.string()),
});

/** `config`: an admin of ADMIN_EMAILS (not changed here); `record`: a stored member. */
export const MemberList = z.object({
  members: z.array(
    z.extend(MemberAnswer, {
      source: z.enum(['config', 'record']),
      /** A stored member's addition: when (ISO instant) and by whom. */
      createdAt: z.optional(z.string()),
      createdBy: z.optional(z.string()),
      /** A stored member's version: its ETag, sent back as If-Match to change its role. */
      version: z.optional(z.number()),
    }),
  ),
});

export type MemberAnswer = z.infer<typeof MemberAnswer>;
export type MemberList = z.infer<typeof MemberList>;
