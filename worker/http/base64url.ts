/**
 * base64url without padding (RFC 4648 §5), for what travels in a URL: pagination cursors and
 * the signatures of document links. Decoding never throws: text that is no base64url (a
 * foreign character, or a length of 1 mod 4, which encodes no whole byte) is null.
 */
export const toBase64Url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}

/** A JSON value as a URL-safe token (a cursor). */
export const encodeToken = (value: unknown) => toBase64Url(new TextEncoder().encode(JSON.stringify(value)));

/** The JSON value a token holds; `undefined` when it holds none (not base64url, not UTF-8, not JSON). */
export function decodeToken(text: string): unknown {
  const bytes = fromBase64Url(text);
  if (!bytes) return undefined;
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes));
  } catch {
    return undefined;
  }
}
