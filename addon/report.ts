// The quota report as both sides of the add-on keep it (the server's cached context, the
// sidebar's copy): finding the quota an entry counts against, and replacing a quota with the
// value the worker answers after a write. Pure: no Apps Script, no DOM.
import { QUOTA_RULES, type Quota, type QuotaReport } from '../shared/quotas/rules';
import type { SessionKind } from '../shared/schemas/enums';

export function replaceQuota(r: QuotaReport, q: Quota): void {
  const lists = [r.programme, ...r.territories.map((t) => t.quotas), ...r.partners.map((p) => p.quotas)];
  for (const list of lists) {
    const i = list.findIndex((x) => x.key === q.key && x.subjectId === q.subjectId);
    if (i >= 0) {
      list[i] = q;
      return;
    }
  }
  if (q.scope === 'programme') r.programme.push(q);
}

/** The quota a session of this kind would count against: undefined without a quota, null while
 * the entry does not say enough (no territory yet). */
export function findQuota(
  r: QuotaReport,
  kind: SessionKind,
  s: { territoryId?: string | undefined; partnerId?: string | undefined; date?: string | undefined },
): Quota | null | undefined {
  const rule = QUOTA_RULES[kind];
  if (!rule) return undefined;
  if (rule.scope === 'territory') {
    if (!s.territoryId) return null;
    return r.territories.find((t) => t.territoryId === s.territoryId)?.quotas.find((q) => q.key === kind);
  }
  if (rule.scope === 'partner') {
    if (!s.partnerId) return null;
    return r.partners.find((p) => p.partnerId === s.partnerId)?.quotas.find((q) => q.key === kind);
  }
  const subject = rule.perMonth ? (s.date ?? '').slice(0, 7) : 'programme';
  if (rule.perMonth && !subject) return null;
  return r.programme.find((q) => q.key === kind && q.subjectId === subject) ?? monthlyUnused(kind, subject);
}

/** A month with no meeting yet is absent from the report: its one slot is free. */
function monthlyUnused(kind: SessionKind, month: string): Quota | undefined {
  if (!QUOTA_RULES[kind].perMonth) return undefined;
  return {
    key: kind,
    scope: 'programme',
    subjectId: month,
    label: `Point mensuel ADEME (${month})`,
    unit: 'sessions',
    used: 0,
    limit: 1,
    remaining: 1,
    status: 'ok',
  };
}
