import * as z from 'zod/mini';
import { Id } from '../schemas/common';
import { REPRODUCIBILITY_DEGREES } from '../schemas/enums';
import { ActionInput, Reproducibility } from '../schemas/records';
import { stored } from './authored';

/** An action as answered: its partner's territory, and the degree computed from the three criteria. */
export const Action = stored({
  ...ActionInput.shape,
  territoryId: Id,
  reproducibility: z.strictObject({ ...Reproducibility.shape, degree: z.enum(REPRODUCIBILITY_DEGREES) }),
});
export type Action = z.output<typeof Action>;

export const ActionList = z.strictObject({ actions: z.array(Action) });
