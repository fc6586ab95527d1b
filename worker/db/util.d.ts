/** Canonical JSON (sorted keys) so that equal bodies hash equally whatever their key order. */
export declare function canonicalJson(value: unknown): string;
export declare function bodyHash(body: unknown): Promise<string>;
export declare const nowIso: () => string;
export declare const parseJson: <T>(text: string | null | undefined) => T | null;
/** Drops `undefined` members so stored JSON and responses carry only what was sent. */
export declare function compact<T extends object>(obj: T): T;
