import * as z from 'zod/mini';
import { isTimeZone } from '../dates';

/** Client-chosen identifiers (UUIDs in practice): safe in URLs, logs and sheet keys. */
export const Id = z
  .string()
  .check(
    z.regex(
      /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
      'Identifiant invalide : lettres, chiffres, « . », « - » ou « _ », 64 caractères au plus.',
    ),
  );

// ---- text that looks harmless but is not ----------------------------------------------
// Runs in the worker and in the add-on's sidebars (browser-safe: no lookbehind, no
// String.prototype.isWellFormed).

/** Control characters other than tab and newline, and the bidi embeddings, overrides and isolates. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes.
const STRIPPED = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
/**
 * What leaves no visible mark on its own: white space, zero-width and other format characters
 * (bidi marks included), fillers, and combining marks without a base character.
 */
const INVISIBLE = /[\s\p{M}\p{Cf}\u115F\u1160\u180E\u2800\u3164\uFFA0]/gu;

/** Half of a UTF-16 surrogate pair: no encoding can store it (UTF-8 turns it into U+FFFD). */
export function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) return true;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    }
  }
  return false;
}

/**
 * The text as stored: without control characters (tab and newline kept) nor bidi overrides,
 * then NFC. In that order: a control between a letter and its accent blocks their composition,
 * so removing it after normalising would leave the pair decomposed (`Cafe\u0007\u0301`).
 */
export const cleanText = (s: string) => s.replace(STRIPPED, '').normalize('NFC');

/** Whether anything would show once invisible characters are removed. */
export const isVisible = (s: string) => s.replace(INVISIBLE, '').length > 0;

/** Zod messages: `validate` typesets them, as every other issue (shared/schemas/validate.ts). */
export const TEXT_MESSAGES = {
  loneSurrogate:
    'Texte mal encodé : un caractère y est incomplet (demi-paire UTF-16). Saisissez-le à nouveau.',
  invisible: 'Ce champ ne peut pas être vide : il ne contient aucun caractère visible.',
  timeZone: 'Fuseau horaire inconnu : indiquez un fuseau IANA, par exemple « Europe/Paris ».',
};

const wellFormed = z.refine<string>((s) => !hasLoneSurrogate(s), TEXT_MESSAGES.loneSurrogate);
const cleaned = z.overwrite<string>(cleanText);
const visible = z.refine<string>((s) => s.length === 0 || isVisible(s), TEXT_MESSAGES.invisible);

/** Text between `min` and `max` characters once cleaned, required to show something. */
export const cleanString = (min: number, max: number, minMessage?: string) =>
  z
    .string()
    .check(
      wellFormed,
      cleaned,
      minMessage ? z.minLength(min, minMessage) : z.minLength(min),
      z.maxLength(max),
      visible,
    );

/** Required text, stored NFC without control characters, bounded in length, never invisible. */
export const text = (max: number) => cleanString(1, max);
/** Optional text: may be empty; cleaned like required text. */
export const optText = (max: number) => z.optional(z.string().check(wellFormed, cleaned, z.maxLength(max)));

export const IsoDate = z.iso.date();
/** E-mail addresses compare case-insensitively: they are stored in lower case. */
export const Email = z.email().check(z.maxLength(254), z.toLowerCase());
export const PositiveInt = z.int().check(z.minimum(1), z.maximum(1_000_000));
/** An IANA time zone that `Intl` knows (an unknown one would break every date computed in it). */
export const TimeZone = z
  .string()
  .check(z.minLength(1), z.maxLength(64), z.refine(isTimeZone, TEXT_MESSAGES.timeZone));

export const LONG_TEXT = 5000;
export const SHORT_TEXT = 200;
export const ASSESSMENT_TEXT = 20000;
