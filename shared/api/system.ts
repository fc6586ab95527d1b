import * as z from 'zod/mini';
import { Id } from '../schemas/common';
import { ROLES } from '../schemas/enums';
import { Preferences } from './me';

/**
 * GET /v1/me (and the snapshot's `me`): the caller, the name they are shown by (null when no
 * admin has set one), their role, the territories they may write for (all for admins, none
 * for viewers) and their own settings.
 */
export const Me = z.strictObject({
  email: z.string(),
  name: z.nullable(z.string()),
  role: z.enum(ROLES),
  territories: z.array(z.strictObject({ id: Id, name: z.string() })),
  /** Their own settings (PUT /v1/me). */
  preferences: Preferences,
});
export type Me = z.output<typeof Me>;

/** The snapshot's `people`: the members with a display name, so tabs show names, not e-mails. */
export const People = z.array(z.strictObject({ email: z.string(), name: z.string() }));
export type People = z.output<typeof People>;

/** GET /v1/openapi.json: an OpenAPI 3.1 document (its own standard describes the rest). */
export const OpenApiDocument = z.looseObject({
  openapi: z.literal('3.1.0'),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.looseObject({}))),
});
