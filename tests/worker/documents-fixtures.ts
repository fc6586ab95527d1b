// Record builders for the document tests: they go through the real API, as a consultant would.
import { env } from 'cloudflare:test';
import { session } from './bodies';
import { call, makePartner, makeTerritory, uid } from './helpers';

export const XSS = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">';

/** A territory with `n` of everything, every free text `textChars` long (or carrying `marker`). */
export async function territoryWithRecord(
  opts: {
    partners?: number;
    sessions?: number;
    blockers?: number;
    indicators?: number;
    textChars?: number;
    marker?: string;
  } = {},
) {
  const marker = opts.marker ?? '';
  const long = (seed: string) => {
    const sentence = `${seed} ${marker} Les usagers adoptent peu à peu les vélos cargos pour leurs trajets. `;
    let out = '';
    while (out.length < (opts.textChars ?? 200)) out += sentence;
    return out.slice(0, Math.max(opts.textChars ?? 200, sentence.length));
  };
  const cut = (s: string, max: number) => s.slice(0, max);
  const { territory, consultant } = await makeTerritory({
    name: `Territoire ${marker} ${uid('t')}`.slice(0, 200),
  });
  const partners = [];
  for (let i = 0; i < (opts.partners ?? 1); i++) {
    partners.push(
      await makePartner(territory.id, {
        name: `Partenaire ${i + 1} ${marker}`.slice(0, 200),
        useCase: { category: 'last-mile-logistics', description: cut(long('Cas d’usage'), 5000) },
        vehicles: [`Vélo cargo ${marker}`.slice(0, 200)],
      }),
    );
  }
  const put = await call('PUT', `/v1/territories/${territory.id}/assessment`, {
    as: consultant,
    body: {
      findings: cut(long('Constat'), 5000),
      stakes: cut(long('Enjeu'), 5000),
      recommendations: cut(long('Recommandation'), 5000),
    },
  });
  if (put.status !== 200) throw new Error(JSON.stringify(put.body));
  // Sessions beyond the quotas go through an admin override, as they would in real life.
  const writes: Promise<{ status: number; body: unknown }>[] = [];
  for (let i = 0; i < (opts.sessions ?? 2); i++) {
    const partner = partners[i % Math.max(1, partners.length)];
    const kind = i % 2 && partner ? 'partner-support' : 'diagnostic';
    const res = call('POST', '/v1/sessions', {
      body: session({
        kind,
        territoryId: territory.id,
        partnerId: kind === 'partner-support' ? partner.id : undefined,
        date: `2025-${String((i % 11) + 2).padStart(2, '0')}-12`,
        durationMinutes: 60,
        summary: cut(long('Séance'), 5000),
        override: { reason: 'Territoire de démonstration très actif' },
      }),
    });
    writes.push(res);
  }
  const categories = ['cost', 'parking', 'regulation', 'infrastructure', 'taxation', 'legal'];
  const statuses = ['open', 'in-progress', 'resolved', 'abandoned'];
  for (let i = 0; i < (opts.blockers ?? 2); i++) {
    const status = statuses[i % statuses.length];
    const res = call('POST', '/v1/blockers', {
      as: consultant,
      body: {
        territoryId: territory.id,
        category: categories[i % categories.length],
        title: `Verrou ${i + 1} ${marker}`.slice(0, 200),
        description: cut(long(`Verrou ${i + 1}`), 5000),
        owner: 'territory',
        ownerName: `Service ${marker}`.slice(0, 200),
        status,
        solution: cut(long(`Solution ${i + 1}`), 5000),
      },
    });
    writes.push(res);
  }
  const codes = ['km', 'usage-rate', 'users', 'trips', 'custom'];
  for (let i = 0; i < (opts.indicators ?? 2); i++) {
    const code = codes[i % codes.length];
    const month = String((i % 12) + 1).padStart(2, '0');
    const res = call('POST', '/v1/indicators', {
      as: consultant,
      body: {
        territoryId: territory.id,
        partnerId: partners[i % Math.max(1, partners.length)]?.id,
        indicator: code,
        label: code === 'custom' ? `Indicateur ${marker}`.slice(0, 200) : undefined,
        unit: code === 'usage-rate' ? '%' : code === 'km' ? 'km' : 'nombre',
        periodStart: `2025-${month}-01`,
        periodEnd: `2025-${month}-28`,
        value: code === 'usage-rate' ? 55 : 1000 + i,
        target: code === 'usage-rate' ? 70 : undefined,
      },
    });
    writes.push(res);
  }
  for (const res of await Promise.all(writes))
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return { territory, consultant, partners };
}

export async function documentCount() {
  return (await env.DB.prepare('SELECT COUNT(*) AS n FROM documents').first<{ n: number }>())?.n ?? 0;
}

/** Visible text of an HTML page, tags dropped: what a reader sees, for heading checks. */
export const headings = (html: string) =>
  [...html.matchAll(/<h([1-3])>([^<]*)<\/h\1>/g)].map((m) =>
    (m[2] ?? '')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"'),
  );
