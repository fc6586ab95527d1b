import type { ProgrammeRecord, TerritoryRec } from '../../worker/documents/record';
/** A French text of exactly `n` characters made of whole sentences. */
export declare function longText(n: number, seed?: string): string;
export declare function bigRecord(opts?: {
  sessions?: number;
  blockers?: number;
  indicators?: number;
  textChars?: number;
  recommendationsChars?: number;
}): {
  record: ProgrammeRecord;
  territory: TerritoryRec;
};
