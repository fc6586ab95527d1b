// Documents from the sidebar, in two calls so the sidebar can show each step as it happens:
// generateDocument asks the worker (which renders, lays out in Google Docs and counts the
// pages: one UrlFetch, well within Apps Script's 60 s), then fileDocument writes the link in
// "Documents" and, for a territory summary, on the territory's row. Ten summaries are ten
// pairs of calls made by the sidebar, none near a limit.
import { frTypo, plural } from '../shared/i18n/typography';
import type {
  DocumentPreview,
  DocumentRecord,
  DocumentRequest,
  DocumentVersion,
  Result,
  WorkflowAnswer,
} from './api';
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

/** What the worker is asked for: the type, the choice that type needs and the date asked; or why nothing is sent. */
function requestBody(input: DocumentRequest): Result<DocumentRequest> {
  const needed = NEEDS[input?.type];
  if (!needed) return invalid([{ path: 'type', message: REQUIRED }]);
  if (!input[needed]) return invalid([{ path: needed, message: REQUIRED }]);
  const body: DocumentRequest = { type: input.type, [needed]: input[needed] };
  if (input.asOf) body.asOf = input.asOf;
  return { ok: true, data: body };
}

export const createDocument = (input: DocumentRequest): Result<DocumentRecord> => {
  const req = requestBody(input);
  if (!req.ok) return req;
  const body = req.data;
  // Territory reports are per territory: keep the territory alongside the report number.
  if (input.type === 'progress-report' && input.territoryId) body.territoryId = input.territoryId;
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

// ---- issue 17: the preview, the workflow, versions and sharing ---------------------------

const docPath = (id: string, tail = '') => `/v1/documents/${encodeURIComponent(id)}${tail}`;

/** The first page, the warnings and the pages of a document before it is generated (nothing stored). */
export const previewDocument = (input: DocumentRequest): Result<DocumentPreview> => {
  const req = requestBody(input);
  if (!req.ok) return req;
  return callWorker<DocumentPreview>({ method: 'post', path: '/v1/documents/preview', body: req.data });
};

/** A change of status (POST /v1/documents/:id/<step>); the cached list follows, so the next sidebar shows it. */
function changeStatus(id: string, step: string, body: unknown): Result<WorkflowAnswer> {
  const res = callWorker<WorkflowAnswer>({
    method: 'post',
    path: docPath(id, `/${step}`),
    body,
    withGoogleToken: true,
  });
  if (res.ok) updateLists({ document: res.data.document });
  return res;
}

export const submitDocument = (id: string, acknowledge: string[]): Result<WorkflowAnswer> =>
  changeStatus(id, 'submit', { acknowledge: Array.isArray(acknowledge) ? acknowledge.map(String) : [] });

export const validateDocument = (id: string): Result<WorkflowAnswer> => changeStatus(id, 'validate', {});

export const requestDocumentChanges = (id: string, comment: string): Result<WorkflowAnswer> => {
  if (!String(comment ?? '').trim()) return invalid([{ path: 'comment', message: REQUIRED }]);
  return changeStatus(id, 'request-changes', { comment: String(comment) });
};

export const listDocumentVersions = (id: string): Result<{ id: string; versions: DocumentVersion[] }> =>
  callWorker<{ id: string; versions: DocumentVersion[] }>({ method: 'get', path: docPath(id, '/versions') });

export const shareDocument = (
  id: string,
  to: 'territory' | string[],
  role: 'reader' | 'commenter',
): Result<DocumentRecord> => {
  const res = callWorker<DocumentRecord>({
    method: 'post',
    path: docPath(id, '/share'),
    body: { to, role },
    withGoogleToken: true,
  });
  if (res.ok) updateLists({ document: res.data });
  return res;
};
