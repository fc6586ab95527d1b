// The worker's records as the add-on and its sidebars read them: the answers shared/api declares
// (z.output of the very schemas the tests check every answer against), under the add-on's names.
export type { Action as ActionRecord } from '../shared/api/actions';
export type { Alert as AlertRecord } from '../shared/api/alerts';
export type { Blocker as BlockerRecord } from '../shared/api/blockers';
export type { DocumentAnswer as DocumentRecord } from '../shared/api/documents';
export type { Indicator as IndicatorRecord } from '../shared/api/indicators';
export type { Quota } from '../shared/api/quotas';
export type { Session as SessionRecord } from '../shared/api/sessions';
export type { Me } from '../shared/api/system';
export type { Partner as PartnerRecord, Territory as TerritoryRecord } from '../shared/api/territories';
export type { Workshop as WorkshopRecord } from '../shared/api/workshops';
