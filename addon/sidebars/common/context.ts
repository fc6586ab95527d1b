// The programme as the pickers need it: territories, partners and quotas, from one call.
import type { QuotaReport } from '../../../shared/quotas/rules';
import type { messageArea } from './dom';
import { fillSelect, type Option } from './form';
import { call } from './server';
import { showError } from './submit';

export async function loadReport(msg: ReturnType<typeof messageArea>): Promise<QuotaReport | null> {
  msg.show('info', 'Chargement des territoires…');
  const res = await call('loadContext');
  if (!res.ok) {
    showError(null, msg, res.error);
    return null;
  }
  msg.clear();
  return res.data;
}

export const territoryOptions = (r: QuotaReport): Option[] =>
  r.territories.map((t) => [t.territoryId, t.name] as const);

export const partnerOptions = (r: QuotaReport, territoryId: string): Option[] =>
  r.partners.filter((p) => p.territoryId === territoryId).map((p) => [p.partnerId, p.name] as const);

/** Keeps a partner select in step with the territory select above it. */
export function linkPartners(
  r: QuotaReport,
  territory: HTMLSelectElement,
  partner: HTMLSelectElement,
  empty = '— aucun —',
) {
  const refresh = () => fillSelect(partner, partnerOptions(r, territory.value), empty);
  territory.addEventListener('change', refresh);
  refresh();
  return refresh;
}
