// Record builders for the document tests: they go through the real API, as a consultant would.
import { env } from 'cloudflare:test';
import { expect } from 'vitest';
import { blocker, indicator, session } from './bodies';
import { call, counts, makePartner, makeTerritory, uid } from './helpers';
import { plain } from './plain';

export const XSS = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">';

interface RecordOptions {
  partners?: number;
  sessions?: number;
  blockers?: number;
  indicators?: number;
  textChars?: number;
  marker?: string;
}

/** What the record's builders share: the territory, its consultant and partners, the text maker. */
interface Ctx {
  territoryId: string;
  consultant: string;
  partners: { id: string }[];
  marker: string;
  /** A free text: whole sentences starting with `seed`, `textChars` long (at most 5,000). */
  text: (seed: string) => string;
}

type Write = Promise<{ status: number; body: unknown }>;

const textMaker = (marker: string, chars: number) => (seed: string) => {
  const sentence = `${seed} ${marker} Les usagers adoptent peu à peu les vélos cargos pour leurs trajets. `;
  let out = '';
  while (out.length < chars) out += sentence;
  return out.slice(0, Math.max(chars, sentence.length)).slice(0, 5000);
};
const upTo200 = (s: string) => s.slice(0, 200);

async function addPartners(ctx: Ctx, n: number) {
  for (let i = 0; i < n; i++) {
    ctx.partners.push(
      await makePartner(ctx.territoryId, {
        name: upTo200(`Partenaire ${i + 1} ${ctx.marker}`),
        useCase: { category: 'last-mile-logistics', description: ctx.text('Cas d’usage') },
        vehicles: [upTo200(`Vélo cargo ${ctx.marker}`)],
      }),
    );
  }
}

async function putAssessment(ctx: Ctx) {
  const put = await call('PUT', `/v1/territories/${ctx.territoryId}/assessment`, {
    as: ctx.consultant,
    body: {
      findings: ctx.text('Constat'),
      stakes: ctx.text('Enjeu'),
      recommendations: ctx.text('Recommandation'),
    },
  });
  if (put.status !== 200) throw new Error(JSON.stringify(put.body));
}

/** Diagnostics and partner supports in turn, one a month; beyond the quotas through an admin override, as in real life. */
const sessionWrites = (ctx: Ctx, n: number): Write[] =>
  Array.from({ length: n }, (_, i) => {
    const partner = ctx.partners[i % Math.max(1, ctx.partners.length)];
    const kind = i % 2 && partner ? 'partner-support' : 'diagnostic';
    return call('POST', '/v1/sessions', {
      body: session({
        kind,
        territoryId: ctx.territoryId,
        partnerId: kind === 'partner-support' ? partner!.id : undefined,
        date: `2025-${String((i % 11) + 2).padStart(2, '0')}-12`,
        durationMinutes: 60,
        summary: ctx.text('Séance'),
        override: { reason: 'Territoire de démonstration très actif' },
      }),
    });
  });

const CATEGORIES = ['cost', 'parking', 'regulation', 'infrastructure', 'taxation', 'legal'];
const STATUSES = ['open', 'in-progress', 'resolved', 'abandoned'];

const blockerWrites = (ctx: Ctx, n: number): Write[] =>
  Array.from({ length: n }, (_, i) =>
    call('POST', '/v1/blockers', {
      as: ctx.consultant,
      body: blocker({
        territoryId: ctx.territoryId,
        category: CATEGORIES[i % CATEGORIES.length],
        title: upTo200(`Verrou ${i + 1} ${ctx.marker}`),
        description: ctx.text(`Verrou ${i + 1}`),
        ownerName: upTo200(`Service ${ctx.marker}`),
        status: STATUSES[i % STATUSES.length],
        solution: ctx.text(`Solution ${i + 1}`),
      }),
    }),
  );

const CODES = ['km', 'usage-rate', 'users', 'trips', 'custom'];

/** One value a month, each code in turn (a rate with its target, a custom one with its label). */
const indicatorWrites = (ctx: Ctx, n: number): Write[] =>
  Array.from({ length: n }, (_, i) => {
    const code = CODES[i % CODES.length];
    const month = String((i % 12) + 1).padStart(2, '0');
    return call('POST', '/v1/indicators', {
      as: ctx.consultant,
      body: indicator({
        territoryId: ctx.territoryId,
        partnerId: ctx.partners[i % Math.max(1, ctx.partners.length)]?.id,
        indicator: code,
        label: code === 'custom' ? upTo200(`Indicateur ${ctx.marker}`) : undefined,
        unit: code === 'usage-rate' ? '%' : code === 'km' ? 'km' : 'nombre',
        periodStart: `2025-${month}-01`,
        periodEnd: `2025-${month}-28`,
        value: code === 'usage-rate' ? 55 : 1000 + i,
        target: code === 'usage-rate' ? 70 : undefined,
      }),
    });
  });

/** A territory with `n` of everything, every free text `textChars` long (or carrying `marker`). */
export async function territoryWithRecord(opts: RecordOptions = {}) {
  const marker = opts.marker ?? '';
  const { territory, consultant } = await makeTerritory({
    name: upTo200(`Territoire ${marker} ${uid('t')}`),
  });
  const ctx: Ctx = {
    territoryId: territory.id,
    consultant,
    partners: [],
    marker,
    text: textMaker(marker, opts.textChars ?? 200),
  };
  await addPartners(ctx, opts.partners ?? 1);
  await putAssessment(ctx);
  const writes = [
    ...sessionWrites(ctx, opts.sessions ?? 2),
    ...blockerWrites(ctx, opts.blockers ?? 2),
    ...indicatorWrites(ctx, opts.indicators ?? 2),
  ];
  for (const res of await Promise.all(writes))
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return { territory, consultant, partners: ctx.partners };
}

export async function documentCount() {
  return (await env.DB.prepare('SELECT COUNT(*) AS n FROM documents').first<{ n: number }>())?.n ?? 0;
}

/** Rows of the record's tables and of documents: the same before and after a refused request. */
export const rowCounts = async () => ({ ...(await counts()), documents: await documentCount() });

/** POST /v1/documents as `as`: the answer, whatever it is. */
export const requestDocument = (as: string, body: Record<string, unknown>) =>
  call('POST', '/v1/documents', { as, body });

/** A territory summary asked for as `as` (with `more` fields of the request): the answer. */
export const requestSummary = (as: string, territoryId: string, more: Record<string, unknown> = {}) =>
  requestDocument(as, { type: 'territory-summary', territoryId, ...more });

/** A document generated as `as` (the request must succeed): the stored document. */
export async function generate(as: string, body: Record<string, unknown>) {
  const res = await requestDocument(as, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** The document's HTML as the API serves it (200, text/html), entities of apostrophes plain. */
export async function documentHtml(id: string) {
  const res = await call('GET', `/v1/documents/${id}/html`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  return plain(res.body as string);
}

/** Visible text of an HTML page, tags dropped: what a reader sees, for heading checks. */
export const headings = (html: string) =>
  [...html.matchAll(/<h([1-3])[^>]*>([^<]*)<\/h\1>/g)].map((m) =>
    (m[2] ?? '')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"'),
  );
