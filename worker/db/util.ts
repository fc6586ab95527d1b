/** Canonical JSON (sorted keys) so that equal bodies hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Bytes as lower-case hexadecimal, two digits each. */
export const hex = (bytes: ArrayBuffer | Uint8Array) =>
  [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** The SHA-256 of bytes (a string: of its UTF-8), in hexadecimal. */
export async function sha256Hex(bytes: Uint8Array | string): Promise<string> {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  return hex(await crypto.subtle.digest('SHA-256', data));
}

export const bodyHash = (body: unknown): Promise<string> => sha256Hex(canonicalJson(body));

export const parseJson = <T>(text: string | null | undefined): T | null =>
  text ? (JSON.parse(text) as T) : null;

/** `T` with every member that may be `undefined` made optional instead (what `compact` returns). */
export type Compact<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};

/** Drops `undefined` members so stored JSON and responses carry only what was sent. */
export function compact<T extends object>(obj: T): Compact<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Compact<T>;
}

/**
 * `before` with what `patch` sets: a member the patch leaves out (or sends as undefined) keeps
 * its stored value. The result is checked by the route's schema before it is written.
 */
export const merged = <T extends object>(before: T, patch: { [K in keyof T]?: T[K] | undefined }): T =>
  ({ ...before, ...compact(patch) }) as T;
