// Resynchronisation (administrators): every mirrored tab brought in line with the worker from
// one snapshot request, staff columns and annotated rows kept, layout repaired, and the
// "Tableau de bord" rebuilt. Also the "Quotas et alertes" screen, which refreshes its tabs.

import type { Reminders } from '../shared/api/me';
import type { QuotaReport } from '../shared/api/quotas';
import { frTypo, plural } from '../shared/i18n/typography';
import type { Programme } from '../shared/schemas/programme';
import type { AlertRecord, Me, Result, Snapshot } from './api';
import { cachedProfile, PROFILE_PARTS, type Profile, rememberProfile, updateLists } from './context';
import { buildDashboard } from './dashboard';
import { withDocumentLock } from './lock';
import { RESYNC_ADMIN_ONLY } from './messages';
import { namesFromReport, rememberNames } from './names';
import { job, mirrorTabs } from './sheet-mirror';
import {
  ACTIONS,
  ALERTS,
  BLOCKERS,
  DOCUMENTS,
  documentLink,
  flattenQuotas,
  INDICATORS,
  PARTNERS,
  QUOTAS,
  SESSIONS,
  TERRITORIES,
  WORKSHOPS,
} from './tabs';
import { callWorker } from './worker-client';

export interface ResyncSummary {
  rows: number;
  tabs: number;
  annotated: number;
}

/** Every list the tabs mirror (the snapshot's default parts). */
const MIRRORED =
  'territories,partners,sessions,blockers,indicators,workshops,actions,quotas,alerts,documents,people';

/**
 * The whole snapshot in one request; without a cached profile, who the user is comes with it
 * (the role is checked on the answer: nothing in it is hidden from a viewer anyway).
 */
function snapshotForResync(): Result<{ snapshot: Snapshot; profile: Profile }> {
  const cached = cachedProfile();
  if (cached && cached.me.role !== 'admin') return adminOnly();
  const res = callWorker<Snapshot & { me: Me; programme: Programme }>({
    method: 'get',
    path: `/v1/snapshot?parts=${[...new Set([...MIRRORED.split(','), ...(cached ? [] : PROFILE_PARTS.split(','))])].join(',')}`,
  });
  if (!res.ok) return res;
  const profile = cached ?? rememberProfile(res.data);
  if (profile.me.role !== 'admin') return adminOnly();
  return { ok: true, data: { snapshot: res.data, profile } };
}
const adminOnly = (): Result<never> => ({
  ok: false,
  error: { code: 'FORBIDDEN', message: RESYNC_ADMIN_ONLY },
});

/** The latest territory summary of each territory, as a link for its row. */
function summaries(d: Snapshot) {
  const latest = new Map<string, Snapshot['documents'][number]>();
  for (const doc of d.documents)
    if (doc.type === 'territory-summary' && doc.territoryId) {
      const before = latest.get(doc.territoryId);
      if (!before || (doc.updatedAt ?? doc.createdAt ?? '') > (before.updatedAt ?? before.createdAt ?? ''))
        latest.set(doc.territoryId, doc);
    }
  return latest;
}

export function resync(): Result<ResyncSummary> {
  const got = snapshotForResync();
  if (!got.ok) return got;
  const d = got.data.snapshot;
  const names = rememberNames(d.territories, d.partners, d.people);
  const links = summaries(d);
  const territories = d.territories.map((t) => {
    const doc = links.get(t.id);
    return doc ? { ...t, summary: documentLink(doc) } : t;
  });
  const all = { replaceAll: true, layout: true };
  const programme = got.data.profile.programme;
  const done = withDocumentLock(() => {
    const summary = mirrorTabs(
      [
        job(TERRITORIES, territories, all),
        job(PARTNERS, d.partners, all),
        job(SESSIONS, d.sessions, all),
        job(BLOCKERS, d.blockers, all),
        job(INDICATORS, d.indicators, all),
        job(WORKSHOPS, d.workshops, all),
        job(ACTIONS, d.actions, all),
        job(QUOTAS, flattenQuotas(d.quotas), all),
        job(ALERTS, d.alerts, all),
        job(DOCUMENTS, d.documents, all),
      ],
      names,
    );
    buildDashboard(d.territories, programme);
    return summary;
  });
  const tabs = Object.values(done);
  return {
    ok: true,
    data: {
      tabs: tabs.length,
      rows: tabs.reduce((n, t) => n + t.rows, 0),
      annotated: tabs.reduce((n, t) => n + t.annotated, 0),
    },
  };
}

/** The menu item: resynchronise and say what happened in a toast. */
export function resyncWithToast(): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  let res: Result<ResyncSummary>;
  try {
    res = resync();
  } catch (e) {
    res = {
      ok: false,
      error: {
        code: 'SHEET',
        message: `Le classeur n’a pas pu être réécrit (Google Sheets : ${String(e).replace(/^(Error: )?Exception:\s*/, '')}) : rien n’est perdu sur le serveur, relancez la resynchronisation.`,
      },
    };
  }
  if (!res.ok) {
    // The refusal for non-admins already says what it is about: no second prefix.
    const text =
      res.error.code === 'FORBIDDEN'
        ? res.error.message
        : `Resynchronisation impossible. ${res.error.message}`;
    ss.toast(frTypo(text), 'VELI VELO', 10);
    return;
  }
  const { tabs, rows, annotated } = res.data;
  const kept = annotated
    ? ` ${plural(annotated, 'ligne annotée conservée', 'lignes annotées conservées')} bien que supprimée${annotated > 1 ? 's' : ''} du serveur.`
    : '';
  ss.toast(
    frTypo(`Onglets resynchronisés : ${plural(tabs, 'onglet')}, ${plural(rows, 'ligne')}.${kept}`),
    'VELI VELO',
    8,
  );
}

/** The quotas, the open alerts and what is due from the caller (« Mes rappels »): one request. */
export const quotasAndAlerts = (): Result<{
  quotas: QuotaReport;
  alerts: AlertRecord[];
  reminders?: Reminders;
}> => {
  const res = callWorker<Pick<Snapshot, 'quotas' | 'alerts' | 'reminders'>>({
    method: 'get',
    path: '/v1/snapshot?parts=quotas,alerts,reminders',
  });
  if (!res.ok) return res;
  const names = namesFromReport(res.data.quotas);
  updateLists({ report: res.data.quotas });
  const data = { quotas: res.data.quotas, alerts: res.data.alerts, reminders: res.data.reminders };
  try {
    withDocumentLock(() =>
      mirrorTabs(
        [
          job(QUOTAS, flattenQuotas(data.quotas), { replaceAll: true }),
          job(ALERTS, data.alerts, { replaceAll: true }),
        ],
        names,
      ),
    );
    return { ok: true, data };
  } catch {
    return {
      ok: true,
      data,
      warning: frTypo('Les onglets Quotas et Alertes n’ont pas pu être mis à jour : réessayez.'),
    };
  }
};
