import * as z from 'zod/mini';
import { Id } from '../schemas/common';
import { Contact } from '../schemas/records';
import { AuditEntry } from './audit';
import { Instant } from './authored';

const TerritoryRef = { territoryId: Id, name: z.string() };

/** GET /v1/people/:email: everything stored about one address (audited as an export). */
export const PersonExport = z.strictObject({
  email: z.string(),
  member: z.nullable(
    z.strictObject({
      role: z.string(),
      /** The display name an admin gave (migration 0014), null when none. */
      name: z.nullable(z.string()),
      createdAt: Instant,
      createdBy: z.string(),
      updatedAt: Instant,
    }),
  ),
  /** Their own settings, and the Paris day a reminder last went to them. */
  preferences: z.nullable(
    z.strictObject({ reminders: z.boolean(), updatedAt: Instant, remindedOn: z.nullable(z.string()) }),
  ),
  consultantOf: z.array(z.strictObject(TerritoryRef)),
  contactIn: z.array(z.strictObject({ ...TerritoryRef, contacts: z.array(Contact) })),
  /** Ids of the rows each table says this person wrote. */
  authored: z.record(z.string(), z.array(z.string())),
  mentionedIn: z.array(z.strictObject({ table: z.string(), id: z.string() })),
  audit: z.strictObject({ asActor: z.array(AuditEntry), mentioning: z.array(AuditEntry) }),
  configAdmin: z.boolean(),
  exportedAt: Instant,
  exportedBy: z.string(),
  retention: z.string(),
});

/** POST /v1/people/:email/erase: what was removed (territories and counts, no details). */
export const PersonErased = z.strictObject({
  email: z.string(),
  erased: z.strictObject({
    member: z.boolean(),
    consultantOf: z.array(Id),
    contactsRemoved: z.int(),
    territories: z.array(Id),
  }),
  configAdmin: z.boolean(),
  retention: z.string(),
});
