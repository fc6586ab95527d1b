import { frTypo } from '../../shared/i18n/typography';
import type { Block, DocumentModel, Identification, Section } from './model';

const rows = (r: readonly (readonly string[])[]) => r.map((row) => row.map(frTypo));

function block(b: Block): Block {
  switch (b.kind) {
    case 'p':
    case 'note':
      return { ...b, text: frTypo(b.text) };
    case 'list':
      return { ...b, items: b.items.map(frTypo) };
    case 'fields':
      return { ...b, rows: b.rows.map(([k, v]) => [frTypo(k), frTypo(v)] as const) };
    case 'table':
      return { ...b, columns: b.columns.map(frTypo), rows: rows(b.rows), rest: b.rest && frTypo(b.rest) };
    case 'bars':
      return {
        ...b,
        caption: frTypo(b.caption),
        rows: b.rows.map((r) => ({
          ...r,
          label: frTypo(r.label),
          text: frTypo(r.text),
          ...(r.status ? { status: frTypo(r.status) } : {}),
        })),
      };
    case 'links':
      return { ...b, items: b.items.map((i) => ({ ...i, text: frTypo(i.text) })) };
  }
}

const section = (s: Section): Section => ({ ...s, heading: frTypo(s.heading), blocks: s.blocks.map(block) });

const identity = (i: Identification): Identification => ({
  ...i,
  authority: frTypo(i.authority),
  contractor: frTypo(i.contractor),
  subject: frTypo(i.subject),
  author: frTypo(i.author),
  generatedBy: frTypo(i.generatedBy),
});

/**
 * Every string of a deliverable, consultants' texts included, in French print: no-break
 * spaces before `: ; ? !` and inside « », curly apostrophes (shared/i18n/typography.ts).
 * Idempotent, so a renderer applying it again changes nothing.
 */
export const typeset = (doc: DocumentModel): DocumentModel => ({
  ...doc,
  title: frTypo(doc.title),
  subtitle: doc.subtitle && frTypo(doc.subtitle),
  identification: doc.identification && identity(doc.identification),
  sections: doc.sections.map(section),
});
