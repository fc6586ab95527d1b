import * as z from 'zod/mini';
import { DOCUMENT_TYPES } from '../../shared/api/documents';
import { Id, IsoDate } from '../../shared/schemas/common';

export { DOCUMENT_TYPES };

export const DOCUMENT_STATUSES = ['draft', 'validated'] as const;

/**
 * `report` accepts 1, 2, "1", "2" or "final" (the contract writes them bare). `asOf` freezes
 * the record at a day (a phase cut-off); `status` is `draft` unless an admin (ADEME, who
 * accepts the deliverables) marks the version validated.
 */
export const DocumentRequest = z.strictObject({
  type: z.enum(DOCUMENT_TYPES),
  territoryId: z.optional(Id),
  workshopId: z.optional(Id),
  actionId: z.optional(Id),
  report: z.optional(z.union([z.literal(1), z.literal(2), z.enum(['1', '2', 'final'])])),
  asOf: z.optional(IsoDate),
  status: z.optional(z.enum(DOCUMENT_STATUSES)),
});
export type DocumentRequest = z.infer<typeof DocumentRequest>;

export const DOC_MSG = {
  territoryRequired: 'Indiquez le territoire de la synthèse (territoryId).',
  workshopRequired: 'Indiquez l’atelier de la fiche (workshopId).',
  actionRequired: 'Indiquez l’action de la fiche (actionId).',
  reportRequired: 'Indiquez le rapport voulu (report : 1, 2 ou final).',
  concurrent: 'Ce document vient d’être régénéré par quelqu’un d’autre : rechargez puis réessayez.',
  validatedAdminOnly:
    'Seule l’ADEME (administrateur) peut marquer un document comme validé ; générez-le en version de travail.',
  asOfFuture: (today: string) => `La date d’arrêté ne peut pas dépasser aujourd’hui (${today}).`,
  asOfBeforeStart: (start: string) => `La date d’arrêté doit suivre le début du programme (${start}).`,
  doesNotFit: (fields: string) =>
    `La synthèse ne tient pas en moins de 5 pages, même condensée au maximum (les textes ne sont jamais coupés au milieu d’une phrase, les recommandations jamais). Raccourcissez : ${fields}.`,
} as const;
