import { LABELS } from '../../shared/i18n/labels';
import {
  PARTNER_RULES,
  programmeQuotas,
  type QuotaRule,
  quotaStatus,
  quotaUse,
  TERRITORY_RULES,
} from '../../shared/quotas/rules';
import type { Programme } from '../../shared/schemas/programme';
import type { QuotaInputs, SubjectUse } from './engine';

const str = JSON.stringify;

/**
 * The quotas of a territory or a partner as JSON text: what does not depend on the subject
 * (key, scope, label, unit, limit) is written once per rule, the rest per subject.
 */
function quotasWriter(rules: readonly QuotaRule[], p: Programme) {
  const parts = rules.map((rule) => ({
    limit: rule.limit(p),
    head: `{"key":${str(rule.kind)},"scope":${str(rule.scope)},"subjectId":`,
    middle: `,"label":${str(LABELS.sessionKind[rule.kind])},"unit":${str(rule.unit)},"used":`,
  }));
  return (s: SubjectUse) => {
    const id = str(s.id);
    return parts
      .map(({ limit, head, middle }, i) => {
        const used = s.used[i] ?? 0;
        const status = quotaStatus(used, limit, p.warnAtRatio);
        return `${head}${id}${middle}${used},"limit":${limit},"remaining":${Math.max(0, limit - used)},"status":"${status}"}`;
      })
      .join(',');
  };
}

/**
 * GET /v1/quotas's answer written as JSON text. At 1,000 territories and 3,000 partners
 * (about 7,000 quotas) building the objects and then stringifying them cost as much as the
 * reads (`npm run bench api`); this writes the text directly. It is the same value as
 * `JSON.stringify(assembleQuotaReport(…))`, which tests/worker/quota-report-text.test.ts checks.
 */
export function quotaReportText(p: Programme, [programmeUse, territories, partners]: QuotaInputs): string {
  const territoryQuotas = quotasWriter(TERRITORY_RULES, p);
  const partnerQuotas = quotasWriter(PARTNER_RULES, p);
  const t = territories.map(
    (x) => `{"territoryId":${str(x.id)},"name":${str(x.name)},"quotas":[${territoryQuotas(x)}]}`,
  );
  const pa = partners.map(
    (x) =>
      `{"partnerId":${str(x.id)},"territoryId":${str(x.territoryId ?? '')},"name":${str(x.name)},` +
      `"quotas":[${partnerQuotas(x)}]}`,
  );
  const programme = str(programmeQuotas(p, quotaUse(programmeUse)));
  return `{"programme":${programme},"territories":[${t.join(',')}],"partners":[${pa.join(',')}]}`;
}
