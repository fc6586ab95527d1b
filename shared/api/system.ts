import * as z from 'zod/mini';
import { Id } from '../schemas/common';
import { ROLES } from '../schemas/enums';

/** GET /v1/me: the caller, and the territories they may write for (all for admins, none for viewers). */
export const Me = z.strictObject({
  email: z.string(),
  role: z.enum(ROLES),
  territories: z.array(z.strictObject({ id: Id, name: z.string() })),
});
export type Me = z.output<typeof Me>;

/** GET /v1/openapi.json: an OpenAPI 3.1 document (its own standard describes the rest). */
export const OpenApiDocument = z.looseObject({
  openapi: z.literal('3.1.0'),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.looseObject({}))),
});
