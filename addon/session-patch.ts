// What a session correction may change (PATCH /v1/sessions/:id): not its kind, territory or
// partner, which decide the quota it counts against. Pure: the sidebar checks with it too.
import * as z from 'zod/mini';
import { SessionInput } from '../shared/schemas/records';

export const SessionPatch = z.partial(
  z.pick(SessionInput, {
    date: true,
    durationMinutes: true,
    mode: true,
    participants: true,
    summary: true,
    decisions: true,
    nextSteps: true,
    blockerIds: true,
  }),
);
export const PATCHABLE = [
  'date',
  'durationMinutes',
  'mode',
  'participants',
  'summary',
  'decisions',
  'nextSteps',
] as const;
