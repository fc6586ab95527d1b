import * as z from 'zod/mini';
import { Id } from '../../shared/schemas/common';

export const DOCUMENT_TYPES = [
  'territory-summary',
  'workshop-sheet',
  'action-sheet',
  'progress-report',
] as const;

/** `report` accepts 1, 2, "1", "2" or "final" (the contract writes them bare). */
export const DocumentRequest = z.strictObject({
  type: z.enum(DOCUMENT_TYPES),
  territoryId: z.optional(Id),
  workshopId: z.optional(Id),
  actionId: z.optional(Id),
  report: z.optional(z.union([z.literal(1), z.literal(2), z.enum(['1', '2', 'final'])])),
});
export type DocumentRequest = z.infer<typeof DocumentRequest>;

export const DOC_MSG = {
  territoryRequired: 'Indiquez le territoire de la synthèse (territoryId).',
  workshopRequired: 'Indiquez l’atelier de la fiche (workshopId).',
  actionRequired: 'Indiquez l’action de la fiche (actionId).',
  reportRequired: 'Indiquez le rapport voulu (report : 1, 2 ou final).',
  concurrent: 'Ce document vient d’être régénéré par quelqu’un d’autre : rechargez puis réessayez.',
} as const;
