import { html } from 'hono/html';
import { frDate, frTypo } from '../../shared/i18n/typography';
import type { Drive } from '../google/drive';
import { DRAFT_AUTHOR, DRAFT_STATUS } from './identify';
import { knownFolder, rememberFolder } from './versions';

/** The folder of the Shared Drive where submitted and validated PDFs are kept. */
export const VALIDATED_FOLDER = 'Validés';

/** « Soumise à la validation de l’ADEME le 12 mars 2026 », as the identification prints it. */
export const submittedStatus = (day: string) =>
  frTypo(`Soumise à la validation de l’ADEME le ${frDate(day)}`);

/** What replaces the draft's author and status: in the Google Doc and in the frozen HTML. */
export const submissionTexts = (author: string, day: string): [string, string][] => [
  [DRAFT_AUTHOR, frTypo(author)],
  [DRAFT_STATUS, submittedStatus(day)],
];

/**
 * The version's HTML as submitted: the identification's author and status cells (render.ts
 * marks them `ident-author`, `ident-status`) hold the submitter and the submission date.
 */
export function frozenHtml(page: string, author: string, day: string): string {
  const [[, who], [, status]] = submissionTexts(author, day) as [[string, string], [string, string]];
  const set = (cls: string, text: string) => (s: string) =>
    s.replace(
      new RegExp(`(<td class="[^"]*\\b${cls}"[^>]*>)[^<]*(</td>)`),
      (_m, open: string, close: string) => `${open}${html`${text}`}${close}`,
    );
  return set('ident-status', status)(set('ident-author', who)(page));
}

/** The « Validés » folder under the programme's folder: remembered in D1 once found or made. */
export async function validatedFolder(db: D1Database, drive: Drive, parent: string): Promise<string> {
  const known = await knownFolder(db, parent, VALIDATED_FOLDER);
  if (known) return known;
  const id = await drive.folderIn(parent, VALIDATED_FOLDER);
  await rememberFolder(db, parent, VALIDATED_FOLDER, id);
  return id;
}

/** « Synthèse territoriale — Albi — version 3 — soumise le 12-03-2026.pdf » */
export const pdfName = (title: string, version: number, state: string, day: string) =>
  `${title} — version ${version} — ${state} le ${day.split('-').reverse().join('-')}.pdf`;
