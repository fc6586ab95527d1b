import type { SessionInput } from '../../shared/schemas';
export type SessionData = Omit<SessionInput, 'id' | 'override'>;
export interface Session extends SessionData {
  id: string;
  phase: 1 | 2 | 3 | null;
  override?: {
    reason: string;
    by: string;
    at: string;
  };
  createdAt: string;
  createdBy: string;
  deletedAt?: string;
  deletedBy?: string;
}
export declare const presentSession: ({
  bodyHash: _h,
  ...s
}: Session & {
  bodyHash?: string;
}) => Session;
export declare function getSession(
  db: D1Database,
  id: string,
): Promise<
  | (Session & {
      bodyHash: string;
    })
  | null
>;
export interface SessionFilters {
  territoryId?: string;
  partnerId?: string;
  kind?: string;
  from?: string;
  to?: string;
}
export declare function listSessions(db: D1Database, f: SessionFilters): Promise<Session[]>;
