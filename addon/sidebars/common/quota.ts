// The remaining quota for what the consultant is about to log, in French.
import { QUOTA_RULES, type Quota, type QuotaReport } from '../../../shared/quotas/rules';
import type { SessionKind } from '../../../shared/schemas/enums';

export function findQuota(
  r: QuotaReport,
  kind: SessionKind,
  s: { territoryId?: string; partnerId?: string; date?: string },
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
  return (
    r.programme.find((q) => q.key === kind && q.subjectId === subject) ?? monthlyUnused(rule.kind, subject)
  );
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

const nf = (n: number) => n.toLocaleString('fr-FR');
export function amount(n: number, unit: Quota['unit']): string {
  if (unit === 'minutes') return `${nf(n)} min (${nf(Math.round((n / 60) * 10) / 10)} h)`;
  const word = unit === 'partners' ? 'partenaire' : 'séance';
  return `${nf(n)} ${word}${n > 1 ? 's' : ''}`;
}

export function describeQuota(q: Quota): string {
  return `Quota restant : ${amount(q.remaining, q.unit)} sur ${amount(q.limit, q.unit)} — ${q.label}.`;
}

/** Replaces a quota in the report after the worker answered with its new value. */
export function updateReport(r: QuotaReport, q: Quota): void {
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
