/**
 * French text with its no-break spaces (U+00A0, U+202F) read as plain spaces, for tests that
 * assert on wording; tests/shared/typography.test.ts asserts on the spaces themselves.
 */
export const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u00A0\u202F]/g, ' ');
