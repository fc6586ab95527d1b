import { LABELS } from '../../shared/i18n/labels';
import { frDate, plural } from '../../shared/i18n/typography';
import { lowerLabel } from '../../shared/i18n/wording';
import type { SessionKind } from '../../shared/schemas/enums';
import type { Milestone } from '../../shared/schemas/programme';
import { EVENT_MILESTONES, MILESTONES } from '../nightly/rules';
import type { ProgrammeRecord, SessionRec } from './record';

export type MilestoneState = 'done' | 'done-late' | 'late' | 'in-progress' | 'upcoming' | 'untracked';

export const MILESTONE_STATE_LABELS: Record<MilestoneState, string> = {
  done: 'Réalisé',
  'done-late': 'Réalisé après l’échéance',
  late: 'En retard',
  'in-progress': 'En cours',
  upcoming: 'À venir',
  untracked: 'Échéance passée',
};

export interface MilestoneRow {
  milestone: Milestone;
  state: MilestoneState;
  /** The day the record shows it achieved. */
  on?: string | undefined;
  /** Partial progress (« 2 partenaires sur 3 accompagnés »). */
  progress?: string | undefined;
}

/** What the record shows for a milestone: the day it was achieved, or how far it got. */
interface Evidence {
  on?: string | undefined;
  progress?: string | undefined;
}

const firstHeld = (sessions: readonly SessionRec[], kind: SessionKind, match = (_: SessionRec) => true) =>
  sessions
    .filter((s) => s.kind === kind && match(s))
    .map((s) => s.date)
    .sort()[0];

/** Each subject's first session of a kind; done when all have one (the day the last did). */
function everyOne(ids: readonly string[], first: (id: string) => string | undefined, noun: [string, string]) {
  if (!ids.length) return null;
  const held = ids
    .map(first)
    .filter((d): d is string => Boolean(d))
    .sort();
  if (held.length === ids.length) return { on: held.at(-1) };
  return { progress: `${plural(held.length, noun[0], noun[1])} sur ${ids.length}` };
}

/** COPIL milestones (the n-th needs n COPILs) and events (their session); null for others. */
function copilOrEvent(r: ProgrammeRecord, m: Milestone): Evidence | null {
  const copils = r.programme.milestones
    .filter((x) => x.key === 'launch' || x.key.startsWith('copil'))
    .sort((a, b) => a.due.localeCompare(b.due));
  const rank = copils.findIndex((x) => x.key === m.key);
  const event = EVENT_MILESTONES.find((e) => e.milestone === m.key);
  if (rank < 0 && !event) return null;
  const held = r.sessions
    .filter((x) => x.kind === 'copil')
    .map((x) => x.date)
    .sort();
  const copil = rank >= 0 ? held[Math.min(rank + 1, r.programme.quotas.copilTotal) - 1] : undefined;
  const day = event ? firstHeld(r.sessions, event.kind) : undefined;
  const missing = [
    rank >= 0 && !copil ? 'COPIL non tenu' : '',
    event && !day ? `${lowerLabel(LABELS.sessionKind[event.kind])} non tenu` : '',
  ].filter(Boolean);
  if (missing.length) return { progress: missing.join(' ; ') };
  return {
    on: [copil, day]
      .filter((d): d is string => Boolean(d))
      .sort()
      .at(-1),
  };
}

/**
 * The record's evidence for each milestone of the tender's calendar, with the same reading
 * as the nightly check (worker/nightly/rules.ts): the n-th COPIL milestone needs n COPILs,
 * events need their session, contacts need each territory's interview, the partner actions
 * need each partner's first individual support. Unknown keys are not tracked.
 */
function evidence(r: ProgrammeRecord, m: Milestone, territoryId?: string): Evidence | null {
  const s = r.sessions;
  const p = r.programme;
  const copil = copilOrEvent(r, m);
  if (copil) return copil;
  if (m.key === MILESTONES.contacts) {
    const first = (id: string) => firstHeld(s, 'territory-interview', (x) => x.territoryId === id);
    if (territoryId) {
      const on = first(territoryId);
      return on ? { on } : { progress: `${lowerLabel(LABELS.sessionKind['territory-interview'])} non tenu` };
    }
    return everyOne(
      r.territories.map((t) => t.id),
      first,
      ['territoire rencontré', 'territoires rencontrés'],
    );
  }
  if (m.key === MILESTONES.partnerActions) {
    const ids = r.partners.filter((x) => !territoryId || x.territoryId === territoryId).map((x) => x.id);
    const first = (id: string) => firstHeld(s, 'partner-support', (x) => x.partnerId === id);
    return everyOne(ids, first, ['partenaire accompagné', 'partenaires accompagnés']);
  }
  if (m.key === 'workshops') {
    const held = s
      .filter((x) => x.kind === 'workshop')
      .map((x) => x.date)
      .sort();
    const total = p.quotas.workshopsTotal;
    if (total > 0 && held.length >= total) return { on: held[total - 1] };
    return { progress: `${plural(held.length, 'atelier tenu', 'ateliers tenus')} sur ${total}` };
  }
  return null;
}

function stateOf(m: Milestone, e: Evidence | null, asOf: string): MilestoneRow {
  if (e?.on) return { milestone: m, state: e.on <= m.due ? 'done' : 'done-late', on: e.on };
  const progress = e?.progress || undefined;
  if (asOf > m.due) return { milestone: m, state: e ? 'late' : 'untracked', progress };
  const started = m.start !== undefined && m.start <= asOf;
  return { milestone: m, state: e && started ? 'in-progress' : 'upcoming', progress };
}

/** Every milestone of the programme, by due date, with its state on `asOf`. */
export function milestoneRows(r: ProgrammeRecord, asOf: string, territoryId?: string): MilestoneRow[] {
  return [...r.programme.milestones]
    .sort((a, b) => a.due.localeCompare(b.due))
    .map((m) => stateOf(m, evidence(r, m, territoryId), asOf));
}

/** « Réalisé le 12 mars 2025 », « En retard : 2 partenaires accompagnés sur 3 »... */
export function milestoneText(row: MilestoneRow): string {
  const label = MILESTONE_STATE_LABELS[row.state];
  if (row.on)
    return row.state === 'done' ? `${label} le ${frDate(row.on)}` : `${label}, le ${frDate(row.on)}`;
  if (row.state === 'untracked') return `${label} (non suivie dans le registre)`;
  return row.progress ? `${label} : ${row.progress}` : label;
}
