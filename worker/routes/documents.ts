import * as z from 'zod/mini';
import { LABELS } from '../../shared/i18n/labels';
import { frDate, MSG } from '../../shared/i18n/messages';
import { Id } from '../../shared/schemas';
import { ALL, WRITERS } from '../auth/policy';
import { getEntity } from '../db/entities';
import type { ActionData, WorkshopData } from '../db/records';
import { buildActionSheet } from '../documents/action-sheet';
import { SUMMARY_MAX_PAGES } from '../documents/budget';
import { loadRecord } from '../documents/load';
import type { DocumentModel, DocumentType, ReportNumber } from '../documents/model';
import { estimatePages } from '../documents/pages';
import { buildProgressReport } from '../documents/progress-report';
import { type Composed, publishToDrive } from '../documents/publish';
import type { Edition, ProgrammeRecord } from '../documents/record';
import { renderHtml } from '../documents/render';
import { DOC_MSG, DocumentRequest } from '../documents/request';
import {
  getDocument,
  getDocumentBySubject,
  getDocumentHtml,
  listDocuments,
  presentDocument,
  saveDocument,
} from '../documents/store';
import { fitTerritorySummary, overflowText } from '../documents/territory-summary';
import { buildWorkshopSheet } from '../documents/workshop-sheet';
import { DRIVE_SCOPE, Drive, driveOptions } from '../google/drive';
import { GoogleError, serviceAccountToken } from '../google/service-account';
import { ApiError, fieldError } from '../http/errors';
import { route } from '../http/route';
import { auditContext, type Ctx, newId, param, writableTerritory } from './context';

/** What a request asks for: the subject's key, its territory and how to compose it. */
interface Plan {
  type: DocumentType;
  subject: string;
  territoryId: string | null;
  limited: boolean;
  compose: (
    r: ProgrammeRecord,
    ed: { date: string; version: number },
    fromLevel: number,
    maxEstimate?: number,
  ) => Composed;
}

/** Who asked, for which day and status: the document's edition (checked against the programme). */
function editionOf(c: Ctx, body: DocumentRequest) {
  const user = c.get('user');
  if (body.status === 'validated' && user.role !== 'admin')
    throw new ApiError('FORBIDDEN', DOC_MSG.validatedAdminOnly);
  return (r: ProgrammeRecord, ed: { date: string; version: number }): Edition => {
    const asOf = body.asOf ?? ed.date;
    if (asOf > ed.date) throw fieldError('asOf', DOC_MSG.asOfFuture(frDate(ed.date)));
    if (asOf < r.programme.startDate)
      throw fieldError('asOf', DOC_MSG.asOfBeforeStart(frDate(r.programme.startDate)));
    return {
      ...ed,
      asOf,
      status: body.status ?? 'draft',
      author: `${user.email} (${LABELS.role[user.role]})`,
    };
  };
}

type EditionOf = ReturnType<typeof editionOf>;

async function summaryPlan(c: Ctx, territoryId: string | undefined, edition: EditionOf): Promise<Plan> {
  if (!territoryId) throw fieldError('territoryId', DOC_MSG.territoryRequired);
  const t = await writableTerritory(c, territoryId);
  return {
    type: 'territory-summary',
    subject: `territory-summary:${t.id}`,
    territoryId: t.id,
    limited: true,
    compose: (r, ed, from, max) => {
      const rec = r.territories.find((x) => x.id === t.id)!;
      const fit = fitTerritorySummary(r, rec, edition(r, ed), from, max);
      // Never a summary of 5 pages or more: when even the tightest budget is estimated
      // over the limit, say which texts to shorten. With a smaller allowance (Google
      // counted 5 pages), the tightest version goes back to the page loop, which counts
      // it again; `fit.overflow` is what to answer if Google still counts 5.
      if (!fit.fits && (max === undefined || max >= SUMMARY_MAX_PAGES))
        throw new ApiError('DOES_NOT_FIT', DOC_MSG.doesNotFit(overflowText(fit.overflow)), {
          fields: fit.overflow,
        });
      return fit;
    },
  };
}

async function plan(c: Ctx, body: DocumentRequest): Promise<Plan> {
  const db = c.env.DB;
  const edition = editionOf(c, body);
  switch (body.type) {
    case 'territory-summary':
      return summaryPlan(c, body.territoryId, edition);
    case 'workshop-sheet': {
      if (!body.workshopId) throw fieldError('workshopId', DOC_MSG.workshopRequired);
      const w = await getEntity<WorkshopData>(db, 'workshops', body.workshopId);
      if (!w) throw new ApiError('NOT_FOUND', MSG.notFound('Atelier'));
      await writableTerritory(c, w.data.hostTerritoryId);
      return {
        type: body.type,
        subject: `workshop-sheet:${w.id}`,
        territoryId: w.data.hostTerritoryId,
        limited: false,
        compose: (r, ed) => ({
          doc: buildWorkshopSheet(r, r.workshops.find((x) => x.id === w.id)!, edition(r, ed)),
          level: null,
        }),
      };
    }
    case 'action-sheet': {
      if (!body.actionId) throw fieldError('actionId', DOC_MSG.actionRequired);
      const a = await getEntity<ActionData>(db, 'actions', body.actionId);
      if (!a) throw new ApiError('NOT_FOUND', MSG.notFound('Fiche action'));
      await writableTerritory(c, a.data.territoryId);
      return {
        type: body.type,
        subject: `action-sheet:${a.id}`,
        territoryId: a.data.territoryId,
        limited: false,
        compose: (r, ed) => ({
          doc: buildActionSheet(r, r.actions.find((x) => x.id === a.id)!, edition(r, ed)),
          level: null,
        }),
      };
    }
    case 'progress-report': {
      if (body.report === undefined) throw fieldError('report', DOC_MSG.reportRequired);
      // Programme-wide: any writer (ADEME staff or the AMO's consultants, who write them).
      const n = String(body.report) as ReportNumber;
      return {
        type: body.type,
        subject: `progress-report:${n}`,
        territoryId: null,
        limited: false,
        compose: (r, ed) => ({ doc: buildProgressReport(r, n, edition(r, ed)), level: null }),
      };
    }
  }
}

/** Today in the programme's time zone, as printed on the document. */
const today = (timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );

/** The user's OAuth token if the add-on sent one, else the service account's, else none. */
async function googleToken(c: Ctx): Promise<string | null> {
  const user = c.req.header('x-google-access-token')?.trim();
  if (user) return user;
  return serviceAccountToken(c.env, [DRIVE_SCOPE]);
}

const upstream = () => new ApiError('UPSTREAM_FAILED', MSG.upstream);

const docOr404 = async (c: Ctx) => {
  const d = await getDocument(c.env.DB, param(c, 'id'));
  if (!d) throw new ApiError('NOT_FOUND', MSG.notFound('Document'));
  return d;
};

async function generate(c: Ctx, { body }: { body: DocumentRequest }) {
  const db = c.env.DB;
  const p = await plan(c, body);
  const [record, previous] = await Promise.all([loadRecord(db), getDocumentBySubject(db, p.subject)]);
  const ed = { date: today(record.programme.timezone), version: (previous?.version ?? 0) + 1 };
  const compose = (from: number, max?: number) => p.compose(record, ed, from, max);
  const id = previous?.id ?? newId();

  let token: string | null;
  try {
    token = await googleToken(c);
  } catch {
    throw upstream();
  }
  let result: {
    html: string;
    doc: DocumentModel;
    pages: number;
    level: number | null;
    googleDocId: string | null;
    url: string;
    created: boolean;
  };
  let drive: Drive | null = null;
  if (token) {
    drive = new Drive(driveOptions(c.env, token));
    try {
      const pub = await publishToDrive(drive, compose, {
        name: (doc) => doc.title,
        existingId: previous?.googleDocId ?? null,
        folderId: c.env.DRIVE_FOLDER_ID || undefined,
        limited: p.limited,
      });
      result = pub;
    } catch (err) {
      if (err instanceof GoogleError) throw upstream();
      throw err;
    }
  } else {
    // Local default: the worker keeps the HTML; pages is the layout estimate (see pages.ts).
    const { doc, level } = compose(0);
    result = {
      doc,
      html: renderHtml(doc),
      pages: estimatePages(doc),
      level,
      googleDocId: null,
      url: `${new URL(c.req.url).origin}/v1/documents/${id}/html`,
      created: false,
    };
  }
  const saved = await saveDocument(db, auditContext(c), {
    id,
    type: p.type,
    subject: p.subject,
    territoryId: p.territoryId,
    title: result.doc.title,
    version: ed.version,
    pages: result.pages,
    pagesCountedBy: token ? 'google-pdf' : 'estimate',
    budgetLevel: result.level,
    // A version kept locally remembers the subject's Google Doc, so the next Google
    // generation still updates it in place rather than starting a copy.
    googleDocId: result.googleDocId ?? previous?.googleDocId ?? null,
    url: result.url,
    html: result.html,
  });
  if (!saved) {
    if (drive && result.created && result.googleDocId) await drive.deleteFile(result.googleDocId);
    throw new ApiError('CONFLICT', DOC_MSG.concurrent);
  }
  if (drive) c.header('x-google-calls', String(drive.calls));
  return c.json(presentDocument((await getDocument(db, id))!), 201);
}

async function documentHtml(c: Ctx) {
  const html = await getDocumentHtml(c.env.DB, param(c, 'id'));
  if (html === null) throw new ApiError('NOT_FOUND', MSG.notFound('Document'));
  return c.body(html, 200, {
    'content-type': 'text/html; charset=utf-8',
    // The page is static: no script may run in it, whatever a field contains.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'x-content-type-options': 'nosniff',
  });
}

const DocumentFilters = z.object({ territoryId: z.optional(Id) });

async function listAll(c: Ctx, { query }: { query: z.infer<typeof DocumentFilters> }) {
  return c.json({ documents: (await listDocuments(c.env.DB, query.territoryId)).map(presentDocument) });
}

const readDocument = async (c: Ctx) => c.json(presentDocument(await docOr404(c)));

export const documentRoutes = [
  route('GET /v1/documents', ALL, 'Lister les documents générés', { query: DocumentFilters }, listAll),
  route(
    'POST /v1/documents',
    WRITERS,
    'Générer un livrable',
    { body: DocumentRequest, status: 201 },
    generate,
  ),
  route('GET /v1/documents/:id', ALL, 'Lire un document', {}, readDocument),
  route('GET /v1/documents/:id/html', ALL, 'Le document rendu (text/html)', {}, documentHtml),
];
