import * as z from 'zod/mini';
import { BLOCKER_STATUSES } from '../schemas/enums';
import { BlockerInput } from '../schemas/records';
import { stored } from './authored';

/** A blocker as answered: its status always set (`open` by default). */
export const Blocker = stored({ ...BlockerInput.shape, status: z.enum(BLOCKER_STATUSES) });
export type Blocker = z.output<typeof Blocker>;

export const BlockerList = z.strictObject({ blockers: z.array(Blocker) });
