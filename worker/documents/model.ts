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
      rest?: string | undefined;
    }
  | { kind: 'list'; items: readonly string[] }
  /**
   * A horizontal bar chart: one bar per row, `value` out of `max`, `text` printed beside it
   * (« 2 j sur 4 »). Rendered as shaded table cells, which Google Docs keeps (it drops SVG).
   */
  | { kind: 'bars'; caption: string; rows: readonly BarRow[] };

export type BarTone = 'ok' | 'warning' | 'reached' | 'exceeded' | 'neutral';
export interface BarRow {
  label: string;
  value: number;
  max: number;
  text: string;
  tone?: BarTone;
}

/**
 * What the document is, printed at its head (the tender's deliverables are identified by
 * the contracting authority, the consultation, the contractor, the version and the status).
 */
export interface Identification {
  /** « ADEME — Direction régionale Occitanie ». */
  authority: string;
  /** « Consultation n° 2024001672 ». */
  consultation: string;
  programme: string;
  /** The contractor (AMO) that writes the deliverables. */
  contractor: string;
  /** What the document covers: a territory, a workshop, an action, the programme. */
  subject: string;
  /** Who generated this version. */
  author: string;
  version: number;
  status: 'draft' | 'validated';
  /** The record as of this date (YYYY-MM-DD, Europe/Paris). */
  asOf: string;
  /** The day this version was generated (YYYY-MM-DD, Europe/Paris). */
  generatedOn: string;
}

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
  subtitle?: string | undefined;
  /** Generation date (YYYY-MM-DD, Europe/Paris) and version, printed under the title. */
  date: string;
  version: number;
  /** Printed at the head of the document when present. */
  identification?: Identification | undefined;
  sections: Section[];
}

/**
 * A field of the record too long for its document's page limit (`422 DOES_NOT_FIT`): which
 * field, its length and how many characters to remove for the document to fit.
 */
export interface FieldOverflow {
  /** Path in the API's terms, e.g. `assessment.findings` or `partners.p-1.useCase.description`. */
  field: string;
  /** French label the sidebar shows. */
  label: string;
  length: number;
  shortenBy: number;
}
