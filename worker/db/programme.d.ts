import type { Programme, ProgrammeAssessment } from '../../shared/schemas/programme';
import { type AuditContext } from './audit';
/** The programme record; the tender's preset until an admin stores another. */
export declare function getProgramme(db: D1Database): Promise<Programme>;
export declare function getProgrammeAssessment(db: D1Database): Promise<ProgrammeAssessment | null>;
/** One programme per database: a PUT replaces the single row, keeping its assessment. */
export declare function putProgramme(db: D1Database, ctx: AuditContext, next: Programme): Promise<void>;
export declare function putProgrammeAssessment(
  db: D1Database,
  ctx: AuditContext,
  assessment: ProgrammeAssessment,
): Promise<void>;
