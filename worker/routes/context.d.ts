import type { Context } from 'hono';
import type { AuditContext } from '../db/audit';
import { type Territory } from '../db/territories';
import type { AppEnv } from '../env';
export type Ctx = Context<AppEnv>;
export declare const auditContext: (c: Ctx) => AuditContext;
export declare const newId: () => `${string}-${string}-${string}-${string}-${string}`;
export declare function territoryOr404(
  c: Ctx,
  id: string,
): Promise<
  Territory & {
    bodyHash: string;
  }
>;
/** The territory a write names, checked for the caller's right to write there. */
export declare function writableTerritory(
  c: Ctx,
  id: string,
): Promise<
  Territory & {
    bodyHash: string;
  }
>;
/**
 * After a refused conditional insert: a stored row with this id means a replay (same body:
 * fine, answer 200) or a reuse of the id for something else (409). No row: the condition
 * (quota, limit, uniqueness) refused it, and `refused` throws the matching error.
 */
export declare function replayOrRefuse(
  existing: {
    bodyHash: string;
  } | null,
  hash: string,
  refused: () => Promise<never> | never,
): Promise<void>;
/** Query-string filters: a present but empty value is ignored. */
export declare const q: (c: Ctx, name: string) => string | undefined;
