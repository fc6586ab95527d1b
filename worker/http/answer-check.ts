import * as z from 'zod/mini';
import { MSG } from '../../shared/i18n/messages';
import { issuePath } from '../../shared/schemas/validate';
import { type Ctx, type RouteSpec, routeKey } from './route';

/** What differs between a success answer and its declared schema; empty when it holds. */
async function drift(spec: RouteSpec, res: Response) {
  const text = await res.clone().text();
  let value: unknown = text;
  if (!spec.mediaType) {
    try {
      value = JSON.parse(text);
    } catch {
      return [{ path: '', message: 'not JSON' }];
    }
  }
  const result = z.safeParse(spec.response, value);
  const issues = result.success
    ? []
    : result.error.issues.map((i) => ({ path: issuePath(i.path), message: i.message }));
  if (res.status !== spec.status && res.status !== 200)
    issues.push({ path: '', message: `status ${res.status}, declared ${spec.status}` });
  return issues;
}

/**
 * Tests only (`TEST_CHECK_ANSWERS=true`, set by vitest.config.ts and by the Node tests' local
 * worker): every success answer is checked against its route's declared `response`. One
 * outside it becomes a 500 naming where it differs, and the mismatch is logged, so a drift
 * between a handler and its schema fails whichever test meets it. Production never sets the
 * switch (wrangler.toml does not declare it) and pays one comparison.
 */
export async function checkedAnswer(c: Ctx, spec: RouteSpec, res: Response): Promise<Response> {
  if (c.env.TEST_CHECK_ANSWERS !== 'true' || res.status >= 300) return res;
  const issues = await drift(spec, res);
  if (issues.length === 0) return res;
  console.error(
    JSON.stringify({ level: 'error', event: 'answer-outside-schema', route: routeKey(spec), issues }),
  );
  return c.json({ error: { code: 'INTERNAL', message: MSG.answerOutsideSchema, issues } }, 500);
}
