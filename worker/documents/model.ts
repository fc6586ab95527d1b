/**
 * The document model: what every deliverable is made of, independent of its rendering.
 * Builders turn a record into this; one renderer turns it into HTML. All strings are plain
 * text (never HTML): the renderer escapes every one of them.
 */
export type DocumentType = 'territory-summary' | 'workshop-sheet' | 'action-sheet' | 'progress-report';
export type ReportNumber = '1' | '2' | 'final';

export type Block =
  /** A paragraph; `shortened` says the text was abridged by the page budget. */
  | { kind: 'p'; text: string; shortened?: { kept: number; total: number } }
  /** An italic remark (sources, what a summary left out). */
  | { kind: 'note'; text: string }
  /** Label → value pairs, as a two-column table. */
  | { kind: 'fields'; rows: readonly (readonly [string, string])[] }
  /** `widths` are relative column widths; `rest` summarises rows left out, with counts. */
  | {
      kind: 'table';
      columns: readonly string[];
      rows: readonly (readonly string[])[];
      widths?: readonly number[];
      rest?: string;
    }
  | { kind: 'list'; items: readonly string[] };

export interface Section {
  heading: string;
  /** 2 for a section, 3 for a sub-section (one territory of a report, one partner...). */
  level: 2 | 3;
  blocks: Block[];
  /** Start on a new page when printed (each sheet of a report). */
  pageBreakBefore?: boolean;
}

export interface DocumentModel {
  type: DocumentType;
  title: string;
  subtitle?: string;
  /** Generation date (YYYY-MM-DD, Europe/Paris) and version, printed under the title. */
  date: string;
  version: number;
  sections: Section[];
}
