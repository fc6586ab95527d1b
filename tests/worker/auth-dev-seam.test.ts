import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { MSG } from '../../shared/i18n/messages';
import wranglerToml from '../../wrangler.toml?raw';
import { callWith, googleClaims, googleEnv, mintToken } from './auth-tokens';
import { ADMIN, counts, uid } from './helpers';

/** [section] → its `key = value` lines, enough of TOML for the committed config. */
function tomlSections(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>([['', new Map()]]);
  let current = sections.get('')!;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    const header = /^\[\[?([^\]]+)\]\]?$/.exec(line);
    if (header?.[1]) {
      current = new Map();
      sections.set(header[1].trim(), current);
      continue;
    }
    const kv = /^([A-Za-z0-9_.-]+)\s*=\s*(.+)$/.exec(line);
    if (kv?.[1] && kv[2]) current.set(kv[1], kv[2].trim().replace(/^"(.*)"$/, '$1'));
  }
  return sections;
}

describe('the dev seam (X-Dev-User) is for local runs only', () => {
  it('the committed production config sets AUTH_MODE=google and never dev, in any environment', () => {
    const sections = tomlSections(wranglerToml);
    expect(sections.get('vars')?.get('AUTH_MODE')).toBe('google');
    for (const [name, values] of sections) {
      for (const [key, value] of values) {
        if (key.endsWith('AUTH_MODE')) expect(value, `[${name}] ${key}`).not.toMatch(/dev/i);
      }
    }
    expect(wranglerToml).not.toMatch(/AUTH_MODE\s*=\s*["']?dev/i);
  });

  it('ignores X-Dev-User with AUTH_MODE=google, unset or any spelling other than "dev"', async () => {
    for (const mode of ['google', undefined, '', 'DEV', ' dev', 'development']) {
      const before = await counts();
      const environment = googleEnv({ AUTH_MODE: mode });
      const read = await callWith(environment, 'GET', '/v1/me', { 'x-dev-user': ADMIN });
      expect(read.status, String(mode)).toBe(401);
      expect(read.body.error).toEqual({ code: 'UNAUTHENTICATED', message: MSG.unauthenticated });
      const write = await callWith(
        environment,
        'POST',
        '/v1/members',
        { 'x-dev-user': ADMIN },
        {
          email: `${uid('m')}@example.org`,
          role: 'admin',
        },
      );
      expect(write.status).toBe(401);
      expect(await counts()).toEqual(before);
    }
  });

  it('does not let X-Dev-User override a token’s identity outside dev mode', async () => {
    const viewer = `${uid('v')}@example.org`;
    await env.DB.prepare(
      "INSERT INTO members (email, role, created_at, created_by, updated_at) VALUES (?, 'viewer', '2025-01-01', 'test', '2025-01-01')",
    )
      .bind(viewer)
      .run();
    const res = await callWith(googleEnv(), 'GET', '/v1/me', {
      authorization: `Bearer ${await mintToken(googleClaims(viewer))}`,
      'x-dev-user': ADMIN,
    });
    const ON = { reminders: true };
    expect(res.body).toEqual({ email: viewer, name: null, role: 'viewer', territories: [], preferences: ON });
  });

  it('reports the auth mode on /v1/health, so a misconfigured deployment is visible', async () => {
    expect((await callWith(googleEnv(), 'GET', '/v1/health')).body.authMode).toBe('google');
    expect((await callWith(googleEnv({ AUTH_MODE: undefined }), 'GET', '/v1/health')).body.authMode).toBe(
      'google',
    );
  });
});
