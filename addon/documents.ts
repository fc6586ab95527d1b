// Documents from the sidebar, in two calls so the sidebar can show each step as it happens:
// generateDocument asks the worker (which renders, lays out in Google Docs and counts the
// pages: one UrlFetch, well within Apps Script's 60 s), then fileDocument writes the link in
// "Documents" and, for a territory summary, on the territory's row. Ten summaries are ten
// pairs of calls made by the sidebar, none near a limit.
import { frTypo, plural } from '../shared/i18n/typography';
import type { DocumentRecord, DocumentRequest, Result } from './api';
import { updateLists } from './context';
import { mirrorSafely } from './lock';
import { names } from './names';
import { invalid } from './operations';
import { allowed } from './settings';
import { job, mirrorTabs } from './sheet-mirror';
import { DOCUMENTS, documentLink, TERRITORIES } from './tabs';
import { callWorker } from './worker-client';

const REQUIRED = 'Ce champ est obligatoire.';
const NEEDS: Record<DocumentRequest['type'], keyof DocumentRequest> = {
  'territory-summary': 'territoryId',
  'workshop-sheet': 'workshopId',
  'action-sheet': 'actionId',
  'progress-report': 'report',
};

export const createDocument = (input: DocumentRequest): Result<DocumentRecord> => {
  const needed = NEEDS[input?.type];
  if (!needed) return invalid([{ path: 'type', message: REQUIRED }]);
  if (!input[needed]) return invalid([{ path: needed, message: REQUIRED }]);
  const body: DocumentRequest = { type: input.type, [needed]: input[needed] };
  // Territory reports are per territory: keep the territory alongside the report number.
  if (input.type === 'progress-report' && input.territoryId) body.territoryId = input.territoryId;
  if (input.asOf) body.asOf = input.asOf;
  const res = callWorker<DocumentRecord>({
    method: 'post',
    path: '/v1/documents',
    body,
    withGoogleToken: true,
  });
  if (!res.ok && res.error.code === 'DOES_NOT_FIT') {
    const fields = res.error.fields ?? [];
    return {
      ok: false,
      error: {
        ...res.error,
        issues: fields.map((f) => ({
          path: f.field,
          message: frTypo(`${f.label} : à raccourcir de ${plural(f.shortenBy, 'caractère')}.`),
        })),
      },
    };
  }
  return res;
};

/** A link the sheet may show: the worker's https address or a Google document. */
const linkable = (url: string) => /^https:\/\//.test(url) || allowed(url);

export const fileDocument = (doc: DocumentRecord): Result<{ tabs: string[] }> => {
  if (!doc?.id || !doc.title || !linkable(String(doc.url)))
    return invalid([{ path: 'url', message: 'Lien de document invalide.' }]);
  updateLists({ document: doc });
  const link = documentLink(doc);
  const territory = doc.type === 'territory-summary' && doc.territoryId ? doc.territoryId : null;
  const warning = mirrorSafely(() =>
    mirrorTabs(
      [
        job(DOCUMENTS, [doc]),
        ...(territory
          ? [job(TERRITORIES, [], { links: [{ id: territory, header: 'Synthèse territoriale', link }] })]
          : []),
      ],
      names(),
    ),
  );
  const linked = territory && SpreadsheetApp.getActiveSpreadsheet().getSheetByName(TERRITORIES.name);
  const tabs = linked ? ['Documents', 'Territoires'] : ['Documents'];
  const res: Result<{ tabs: string[] }> = { ok: true, data: { tabs } };
  return warning ? { ...res, warning } : res;
};
