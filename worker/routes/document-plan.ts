import { LABELS } from '../../shared/i18n/labels';
import { frDate, MSG, typeset } from '../../shared/i18n/messages';
import { lowerLabel } from '../../shared/i18n/wording';
import { getEntity, type Table } from '../db/entities';
import { memberNameQuery } from '../db/members';
import { runQuery } from '../db/query';
import type { ActionData, WorkshopData } from '../db/records';
import { buildActionSheet } from '../documents/action-sheet';
import { recordAsOf } from '../documents/as-of';
import { SUMMARY_MAX_PAGES } from '../documents/budget';
import { checkConsistency, type Scope, type Warning } from '../documents/consistency';
import type { DocumentModel, DocumentType, FieldOverflow, ReportNumber } from '../documents/model';
import { buildProgressReport } from '../documents/progress-report';
import type { Composed } from '../documents/publish';
import type { Edition, ProgrammeRecord } from '../documents/record';
import { type DocumentRequest, DOC_MSG as RAW_DOC_MSG } from '../documents/request';
import { fitTerritorySummary, overflowText } from '../documents/territory-summary';
import { buildWorkshopSheet } from '../documents/workshop-sheet';
import { ApiError, fieldError } from '../http/errors';
import { type Ctx, writableTerritory } from './context';

/** The content helper's messages, set in French typography like every message users read. */
export const DOC_MSG = typeset(RAW_DOC_MSG);

/** What a request asks for: the subject's key, its territory and how to compose it. */
export interface Plan {
  type: DocumentType;
  subject: string;
  territoryId: string | null;
  limited: boolean;
  /** The records its consistency checks read. */
  scope: (r: ProgrammeRecord) => Scope;
  compose: (
    r: ProgrammeRecord,
    ed: { date: string; version: number },
    fromLevel: number,
    maxEstimate?: number,
  ) => Composed;
}

/** How a document names a person: their member name, else their e-mail, and their role. */
export async function signature(c: Ctx): Promise<string> {
  const user = c.get('user');
  const name = await runQuery(memberNameQuery(c.env.DB, user.email));
  return `${name ?? user.email}, ${lowerLabel(LABELS.role[user.role])}`;
}

/** Who asked (`by`, their signature), for which day: the document's edition (checked against the programme). */
function editionOf(body: DocumentRequest, by: string) {
  if (body.status === 'validated') throw fieldError('status', DOC_MSG.validatedByWorkflow);
  return (r: ProgrammeRecord, ed: { date: string; version: number }): Edition => {
    const asOf = body.asOf ?? ed.date;
    if (asOf > ed.date) throw fieldError('asOf', DOC_MSG.asOfFuture(frDate(ed.date)));
    if (asOf < r.programme.startDate)
      throw fieldError('asOf', DOC_MSG.asOfBeforeStart(frDate(r.programme.startDate)));
    return { ...ed, asOf, generatedBy: by };
  };
}

type EditionOf = ReturnType<typeof editionOf>;

/** A summary that cannot be brought under 5 pages: what to shorten, and by how much. */
export const doesNotFit = (overflow: readonly FieldOverflow[]) =>
  new ApiError('DOES_NOT_FIT', DOC_MSG.doesNotFit(overflowText(overflow)), { fields: overflow });

async function summaryPlan(c: Ctx, territoryId: string | undefined, edition: EditionOf): Promise<Plan> {
  if (!territoryId) throw fieldError('territoryId', DOC_MSG.territoryRequired);
  const t = await writableTerritory(c, territoryId);
  return {
    type: 'territory-summary',
    subject: `territory-summary:${t.id}`,
    territoryId: t.id,
    limited: true,
    scope: (r) => ({
      territories: [t.id],
      blockers: r.blockers.filter((b) => b.territoryId === t.id).map((b) => b.id),
      workshops: [],
      actions: [],
    }),
    compose: (r, ed, from, max) => {
      const rec = r.territories.find((x) => x.id === t.id)!;
      const fit = fitTerritorySummary(r, rec, edition(r, ed), from, max);
      // Never a summary of 5 pages or more: when even the tightest budget is estimated
      // over the limit, say which texts to shorten. With a smaller allowance (Google
      // counted 5 pages), the tightest version goes back to the page loop, which counts
      // it again; `fit.overflow` is what to answer if Google still counts 5.
      if (!fit.fits && (max === undefined || max >= SUMMARY_MAX_PAGES)) throw doesNotFit(fit.overflow);
      return fit;
    },
  };
}

/** A sheet of one record (a workshop, an action): written by those who write for its territory. */
async function sheetPlan<T>(
  c: Ctx,
  edition: EditionOf,
  k: {
    type: 'workshop-sheet' | 'action-sheet';
    table: Table;
    id: string;
    label: string;
    territoryOf: (data: T) => string;
    scope: (r: ProgrammeRecord, id: string) => Scope;
    build: (r: ProgrammeRecord, id: string, ed: Edition) => DocumentModel;
  },
): Promise<Plan> {
  const stored = await getEntity<T>(c.env.DB, k.table, k.id);
  if (!stored) throw new ApiError('NOT_FOUND', MSG.notFound(k.label));
  const territoryId = k.territoryOf(stored.data);
  await writableTerritory(c, territoryId);
  return {
    type: k.type,
    subject: `${k.type}:${stored.id}`,
    territoryId,
    limited: false,
    scope: (r) => k.scope(r, stored.id),
    compose: (r, ed) => ({ doc: k.build(r, stored.id, edition(r, ed)), level: null }),
  };
}

const none: Scope = { territories: [], blockers: [], workshops: [], actions: [] };

function reportScope(n: ReportNumber, r: ProgrammeRecord): Scope {
  if (n === '1')
    return {
      ...none,
      territories: r.territories.map((t) => t.id),
      blockers: r.blockers.map((b) => b.id),
      assessments: true,
    };
  if (n === '2') return { ...none, workshops: r.workshops.map((w) => w.id) };
  const partners = new Set(r.actions.map((a) => a.partnerId));
  return {
    ...none,
    actions: r.actions.map((a) => a.id),
    blockers: r.blockers.filter((b) => b.partnerId && partners.has(b.partnerId)).map((b) => b.id),
    finalCopil: true,
  };
}

/** The request's subject, checked against the caller's rights, and how to build it. */
export async function plan(c: Ctx, body: DocumentRequest): Promise<Plan> {
  const edition = editionOf(body, await signature(c));
  switch (body.type) {
    case 'territory-summary':
      return summaryPlan(c, body.territoryId, edition);
    case 'workshop-sheet':
      if (!body.workshopId) throw fieldError('workshopId', DOC_MSG.workshopRequired);
      return sheetPlan<WorkshopData>(c, edition, {
        type: body.type,
        table: 'workshops',
        id: body.workshopId,
        label: 'Atelier',
        territoryOf: (w) => w.hostTerritoryId,
        scope: (_r, id) => ({ ...none, workshops: [id] }),
        build: (r, id, ed) => buildWorkshopSheet(r, r.workshops.find((x) => x.id === id)!, ed),
      });
    case 'action-sheet':
      if (!body.actionId) throw fieldError('actionId', DOC_MSG.actionRequired);
      return sheetPlan<ActionData>(c, edition, {
        type: body.type,
        table: 'actions',
        id: body.actionId,
        label: 'Fiche action',
        territoryOf: (a) => a.territoryId,
        scope: (r, id) => {
          const partner = r.actions.find((a) => a.id === id)?.partnerId;
          return {
            ...none,
            actions: [id],
            blockers: r.blockers.filter((b) => b.partnerId === partner).map((b) => b.id),
          };
        },
        build: (r, id, ed) => buildActionSheet(r, r.actions.find((x) => x.id === id)!, ed),
      });
    case 'progress-report': {
      if (body.report === undefined) throw fieldError('report', DOC_MSG.reportRequired);
      // Programme-wide: any writer (ADEME staff or the AMO's consultants, who write them).
      const n = String(body.report) as ReportNumber;
      return {
        type: body.type,
        subject: `progress-report:${n}`,
        territoryId: null,
        limited: false,
        scope: (r) => reportScope(n, r),
        compose: (r, ed) => ({ doc: buildProgressReport(r, n, edition(r, ed)), level: null }),
      };
    }
  }
}

/**
 * A document generated as of a past date is its own subject (its own id and versions), never
 * the one that follows the live record; its title says the date.
 */
export function datedPlan(p: Plan, asOf: string | undefined, today: string): Plan & { asOf: string | null } {
  if (!asOf || asOf >= today) return { ...p, asOf: null };
  const suffix = ` — données au ${frDate(asOf)}`;
  return {
    ...p,
    asOf,
    subject: `${p.subject}@${asOf}`,
    compose: (r, ed, from, max) => {
      const c = p.compose(r, ed, from, max);
      return { ...c, doc: { ...c.doc, title: `${c.doc.title}${suffix}` } };
    },
  };
}

/** The consistency checks of a composed document, on the record as of its date. */
export function warningsOf(p: Plan, record: ProgrammeRecord, asOf: string, doc: DocumentModel): Warning[] {
  const rec = recordAsOf(record, asOf);
  return checkConsistency(rec, p.scope(rec), doc);
}
