import * as z from 'zod/mini';

/** `GET /v1/health`: 200 once the database answers and every migration is applied (503 before). */
export const HealthAnswer = z.strictObject({
  ok: z.literal(true),
  version: z.string(),
  authMode: z.enum(['google', 'dev']),
});

/** One check of the doctor: what it looked at, whether it holds, and in French how to fix it. */
export const DoctorCheck = z.object({
  name: z.string(),
  ok: z.boolean(),
  detail: z.string(),
  fix: z.optional(z.string()),
});
export type DoctorCheck = z.infer<typeof DoctorCheck>;

/** `GET /v1/admin/doctor`. */
export const DoctorAnswer = z.object({
  ok: z.boolean(),
  checks: z.array(DoctorCheck),
  /** Google's pages ÷ the local estimate for the probe document, when the probe ran. */
  layoutRatio: z.nullable(z.number()),
});
export type DoctorAnswer = z.infer<typeof DoctorAnswer>;

/** `POST /v1/admin/restore`: an archive of the `BACKUPS` bucket, restored, or only checked. */
export const RestoreRequest = z.strictObject({
  object: z.string().check(z.minLength(1), z.maxLength(1024)),
  check: z.optional(z.boolean()),
});
export type RestoreRequest = z.infer<typeof RestoreRequest>;

export const RestoreAnswer = z.object({
  object: z.string(),
  checkOnly: z.boolean(),
  schemaVersion: z.string(),
  sha256: z.string(),
  tables: z.record(z.string(), z.int()),
});
