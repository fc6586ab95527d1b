import {
  CRITICAL_VIEW_PARTS,
  type CriticalView,
  PROGRAMME_TEXTS,
  type ProgrammeAssessment,
  type StoredAssessment,
} from '../schemas/programme';

/**
 * The programme's prose as the worker stores and returns it: the critical view always in its
 * four parts (a v1.1 string is its `worked` part), empty texts left out.
 */

const kept = (s: string | undefined) => (s?.trim() ? s : undefined);

/** The non-empty texts of `keys` in `r`, the others left out. */
function keptTexts<K extends string>(
  r: Record<string, unknown>,
  keys: readonly K[],
): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const k of keys) {
    const text = typeof r[k] === 'string' ? kept(r[k] as string) : undefined;
    if (text) out[k] = text;
  }
  return out;
}

function criticalViewOf(v: unknown): CriticalView | undefined {
  if (typeof v === 'string') return kept(v) ? { worked: v } : undefined;
  if (!v || typeof v !== 'object') return undefined;
  const out: CriticalView = keptTexts(v as Record<string, unknown>, CRITICAL_VIEW_PARTS);
  return Object.keys(out).length ? out : undefined;
}

/** A stored row (any version of the contract) read as the current shape; null when empty. */
export function readAssessment(raw: unknown): StoredAssessment | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const out: StoredAssessment = keptTexts(r, PROGRAMME_TEXTS);
  const view = criticalViewOf(r.criticalView);
  if (view) out.criticalView = view;
  return Object.keys(out).length ? out : null;
}

/**
 * What a PUT leaves stored: each text sent replaces the stored one (empty clears it), each
 * text left out stays; a critical view sent replaces the stored one whole.
 */
export function mergeAssessment(
  before: StoredAssessment | null,
  input: ProgrammeAssessment,
): StoredAssessment | null {
  const next: Record<string, unknown> = { ...(before ?? {}) };
  for (const k of PROGRAMME_TEXTS) if (input[k] !== undefined) next[k] = input[k];
  if (input.criticalView !== undefined) next.criticalView = input.criticalView;
  return readAssessment(next);
}

/** Character guidance of the programme's prose: what reads well in the reports (the sidebar shows it). */
export const SYNTHESIS_GUIDANCE = {
  report1Synthesis: { min: 1500, max: 6000 },
  report2Lessons: { min: 1200, max: 5000 },
  finalCopilMinutes: { min: 1000, max: 5000 },
  worked: { min: 600, max: 3000 },
  didNotWork: { min: 600, max: 3000 },
  lessons: { min: 600, max: 3000 },
  recommendations: { min: 600, max: 3000 },
} as const;
export type SynthesisField = keyof typeof SYNTHESIS_GUIDANCE;
