import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { MSG } from '../../shared/i18n/messages';
import { app } from '../../worker/app';
import { documentLink } from '../../worker/documents/link';
import type { Env } from '../../worker/env';
import { territoryWithRecord } from './documents-fixtures';
import { ADMIN } from './helpers';

// Item 8 of issue 10: locally, a document's `url` opens in a browser as is — a signed,
// expiring link built from PUBLIC_URL, served without the identity header.
const linkEnv = {
  ...env,
  PUBLIC_URL: 'https://veli.ademe-occitanie.example/',
  DOCUMENT_LINK_SECRET: 'test-secret-for-document-links',
} as unknown as Env;

async function request(path: string, init: RequestInit & { as?: string | null } = {}, e: Env = linkEnv) {
  const headers = new Headers(init.headers);
  if (init.as !== null) headers.set('x-dev-user', init.as ?? ADMIN);
  const res = await app.request(path, { ...init, headers }, e);
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}

/** Generates a summary; the request itself arrives at `origin` (any Host a proxy passes on). */
async function generated(as: string, territoryId: string, origin = '') {
  const res = await request(`${origin}/v1/documents`, {
    method: 'POST',
    as,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'territory-summary', territoryId }),
  });
  expect(res.status, res.text).toBe(201);
  return res.json() as { id: string; url: string };
}

const pathOf = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};

describe('document links that open in a browser as they are', () => {
  it('builds the link from PUBLIC_URL, whatever Host the request carried, signed and expiring', async () => {
    const { territory, consultant } = await territoryWithRecord();
    const doc = await generated(consultant, territory.id, 'https://attacker.example');
    const url = new URL(doc.url);
    expect(url.origin).toBe('https://veli.ademe-occitanie.example');
    expect(url.pathname).toBe(`/v1/documents/${doc.id}/html/signed`);
    const expires = Number(url.searchParams.get('expires'));
    // A week by default.
    expect(expires * 1000 - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
    expect(expires * 1000 - Date.now()).toBeLessThan(7.1 * 24 * 3600 * 1000);
    expect(url.searchParams.get('signature')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // Opened without any identity header: the HTML, as the authenticated route serves it.
    const signed = await request(pathOf(doc.url), { as: null });
    expect(signed.status).toBe(200);
    expect(signed.headers.get('content-type')).toMatch(/^text\/html/);
    expect(signed.headers.get('referrer-policy')).toBe('no-referrer');
    const authed = await request(`/v1/documents/${doc.id}/html`);
    expect(signed.text).toBe(authed.text);
    // Reading the document again gives a fresh link that opens too.
    const again = (await request(`/v1/documents/${doc.id}`)).json() as { url: string };
    expect((await request(pathOf(again.url), { as: null })).status).toBe(200);
  });

  it('refuses a tampered, borrowed or expired signature in French; the unsigned HTML still needs an identity', async () => {
    const { territory, consultant } = await territoryWithRecord();
    const a = await generated(consultant, territory.id);
    const other = await territoryWithRecord();
    const b = await generated(other.consultant, other.territory.id);
    const u = new URL(a.url);
    const sig = u.searchParams.get('signature')!;
    const tampered = `${u.pathname}?expires=${u.searchParams.get('expires')}&signature=${sig.slice(0, -2)}AA`;
    const longer = `${u.pathname}?expires=${Number(u.searchParams.get('expires')) + 3600}&signature=${sig}`;
    const borrowed = `/v1/documents/${b.id}/html/signed${u.search}`;
    const expired = pathOf(await documentLink(linkEnv, a.id, null, Date.now() - 8 * 24 * 3600 * 1000));
    for (const path of [
      tampered,
      longer,
      borrowed,
      expired,
      `${u.pathname}`,
      `${u.pathname}?expires=x&signature=%%`,
      // A signature of a length of 1 mod 4 is no base64url: refused, no 500 (atob once threw on it).
      `${u.pathname}?expires=9999999999&signature=A`,
      `${u.pathname}?expires=9999999999&signature=${sig.slice(0, 41)}`,
    ]) {
      const res = await request(path, { as: null });
      expect(res.status, path).toBe(403);
      expect(res.json().error).toEqual({ code: 'FORBIDDEN', message: MSG.linkExpired });
    }
    // Another secret (a rotated one) does not accept the old links.
    const rotated = { ...linkEnv, DOCUMENT_LINK_SECRET: 'another-secret' } as unknown as Env;
    expect((await request(pathOf(a.url), { as: null }, rotated)).status).toBe(403);
    expect((await request(`/v1/documents/${a.id}/html`, { as: null })).status).toBe(401);
  });
});
