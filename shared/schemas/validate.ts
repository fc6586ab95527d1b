import type { z } from 'zod/mini';
import { frTypo } from '../i18n/typography';
import { frenchIssueMessage } from '../i18n/zod-fr';

export type FieldIssue = { path: string; message: string };
export type Validation<T> = { ok: true; data: T } | { ok: false; issues: FieldIssue[] };

/** `a.b.0.c` style path, as the contract's `issues[].path` and the sidebars' field names use. */
export const issuePath = (path: readonly PropertyKey[]) => path.map(String).join('.');

/**
 * Parse with French messages, typeset (no-break spaces before `: ; ? !` and inside « »): the
 * same call runs in the worker and in the sidebars, which show the same text.
 */
export function validate<S extends z.core.$ZodType>(schema: S, input: unknown): Validation<z.infer<S>> {
  const result = (schema as unknown as z.ZodMiniType).safeParse(input, {
    error: (iss) => frenchIssueMessage(iss),
  });
  if (result.success) return { ok: true, data: result.data as z.infer<S> };
  return {
    ok: false,
    issues: result.error.issues.map((i) => ({ path: issuePath(i.path), message: frTypo(i.message) })),
  };
}
