import * as z from 'zod/mini';

/** Client-chosen identifiers (UUIDs in practice): safe in URLs, logs and sheet keys. */
export const Id = z
  .string()
  .check(
    z.regex(
      /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
      'Identifiant invalide : lettres, chiffres, « . », « - » ou « _ », 64 caractères au plus.',
    ),
  );

const notBlank = z.refine<string>(
  (s) => s.length === 0 || s.trim().length > 0,
  'Ce champ ne peut pas être vide.',
);

/** Required text, stored verbatim (no trimming), bounded in length. */
export const text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max), notBlank);
/** Optional text: may be empty. */
export const optText = (max: number) => z.optional(z.string().check(z.maxLength(max)));

export const IsoDate = z.iso.date();
export const Email = z.email().check(z.maxLength(254));
export const PositiveInt = z.int().check(z.minimum(1), z.maximum(1_000_000));

export const LONG_TEXT = 5000;
export const SHORT_TEXT = 200;
export const ASSESSMENT_TEXT = 20000;
