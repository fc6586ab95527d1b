import * as z from 'zod/mini';
import { Id } from '../schemas/common';
import { Contact, PartnerInput, TerritoryAssessment, TerritoryInput } from '../schemas/records';
import { stored } from './authored';

/** The central city as the INSEE list gives it (checked on create and on a change of city). */
export const CentralCity = z.strictObject({
  insee: z.string(),
  name: z.string(),
  population: z.int(),
  departement: z.string(),
});

/**
 * A territory as answered. Contacts' e-mail and phone are left out for consultants of other
 * territories (personal data), which the optional members of `Contact` allow.
 */
export const Territory = stored({
  ...TerritoryInput.shape,
  contacts: z.array(Contact),
  centralCity: CentralCity,
  assessment: z.nullable(TerritoryAssessment),
});
export type Territory = z.output<typeof Territory>;

export const TerritoryList = z.strictObject({ territories: z.array(Territory) });

export const Partner = stored({ ...PartnerInput.shape, territoryId: Id });
export type Partner = z.output<typeof Partner>;

export const PartnerList = z.strictObject({ partners: z.array(Partner) });
