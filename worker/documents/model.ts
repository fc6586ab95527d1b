/**
 * The document model: what every deliverable is made of, independent of its rendering.
 * Builders turn a record into this; one renderer turns it into HTML. All strings are plain
 * text (never HTML): the renderer escapes every one of them.
 */
import type * as z from 'zod/mini';
import type { ShortenedText, Subject as SubjectSchema } from '../../shared/api/documents';

export type DocumentType = 'territory-summary' | 'workshop-sheet' | 'action-sheet' | 'progress-report';
export type ReportNumber = '1' | '2' | 'final';

export type Block =
  /** A paragraph; `shortened` says the text was abridged by the page budget. */
  | { kind: 'p'; text: string; shortened?: { kept: number; total: number } }
  /**
   * An italic remark (sources, what a summary left out). With `missing`, it stands for a
   * text a person has not written yet: the consistency checks report it (`empty-section`).
   */
  | { kind: 'note'; text: string; missing?: MissingText }
  /** Label → value pairs, as a two-column table. */
  | { kind: 'fields'; rows: readonly (readonly [string, string])[] }
  /** `widths` are relative column widths; `rest` summarises rows left out, with counts. */
  | {
      kind: 'table';
      columns: readonly string[];
      rows: readonly (readonly string[])[];
      widths?: readonly number[];
      rest?: string | undefined;
      /**
       * A column of personal data (contacts' e-mail and phone) of a territory: served only to
       * those the v1.1 rules allow (ADEME, the territory's consultants), blanked for others.
       */
      personal?: { column: number; territoryId: string } | undefined;
    }
  | { kind: 'list'; items: readonly string[] }
  /**
   * A horizontal bar chart: one bar per row, `value` out of `max`, `text` printed beside it
   * (« 2 j sur 4 ») and its status in words. Rendered as shaded table cells, which Google
   * Docs keeps (it drops SVG), numbered « Figure n », with a legend of the tones it uses.
   */
  | { kind: 'bars'; caption: string; rows: readonly BarRow[] }
  /** Links to the document's sections (a table of contents Google's import keeps). */
  | { kind: 'links'; items: readonly { text: string; anchor: string }[] };

/** The record a warning or a missing text is about: what the sidebar opens to fix it. */
export type Subject = z.infer<typeof SubjectSchema>;

/** A text a person still has to write (a synthesis, a territory's assessment...). */
export interface MissingText {
  subject: Subject;
  /** The field in the API's terms (`report2Lessons`, `assessment.findings`...). */
  field: string;
  /** What the field is, in French (« Enseignements transversaux »). */
  label: string;
}

export type BarTone = 'ok' | 'warning' | 'reached' | 'exceeded' | 'neutral';
export interface BarRow {
  label: string;
  value: number;
  max: number;
  text: string;
  tone?: BarTone;
  /** The status in words, printed beside the bar (« atteint »); the tone only repeats it. */
  status?: string;
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
  /**
   * Who answers for the deliverable: the submitter once submitted; until then a placeholder
   * (`DRAFT_AUTHOR`) the submission replaces.
   */
  author: string;
  /** Who generated this version (an e-mail and a role), printed beside the date. */
  generatedBy: string;
  version: number;
  /** Always `draft`: a submission rewrites the stored HTML and the Google Doc (freeze.ts), not the model. */
  status: 'draft';
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
  /** The heading's id, for the links of a table of contents (`links` block). */
  anchor?: string | undefined;
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
  /** What the page fitter condensed to build it (summaries, and report 1 through them). */
  shortened?: readonly Shortened[] | undefined;
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

/**
 * A text the fitter printed shorter than written (`shortened` of a 201), in characters;
 * `subject` is the record that holds the text (a territory: its assessment, partners, blockers).
 */
export type Shortened = ShortenedText;
