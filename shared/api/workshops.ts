import * as z from 'zod/mini';
import { WorkshopInput } from '../schemas/records';
import { stored } from './authored';

export const Workshop = stored(WorkshopInput.shape);
export type Workshop = z.output<typeof Workshop>;

export const WorkshopList = z.strictObject({ workshops: z.array(Workshop) });
