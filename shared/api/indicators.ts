import * as z from 'zod/mini';
import { IndicatorInput } from '../schemas/records';
import { stored } from './authored';

export const Indicator = stored(IndicatorInput.shape);
export type Indicator = z.output<typeof Indicator>;

export const IndicatorList = z.strictObject({ indicators: z.array(Indicator) });
