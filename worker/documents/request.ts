import * as z from 'zod/mini';
import { DocumentRequest } from '../../shared/api/documents';
import { WARNING_CODES } from '../../shared/documents/consistency';
import { Email, text } from '../../shared/schemas/common';

export { DocumentRequest };

/** `POST /v1/documents/:id/submit`: the warnings the submitter knows of and submits anyway. */
export const SubmitRequest = z.strictObject({
  acknowledge: z.optional(z.array(z.enum(WARNING_CODES)).check(z.maxLength(20))),
});
export type SubmitRequest = z.infer<typeof SubmitRequest>;

/** `POST /v1/documents/:id/validate`: the submitted version (the latest submitted by default). */
export const ValidateRequest = z.strictObject({ version: z.optional(z.int().check(z.minimum(1))) });
export type ValidateRequest = z.infer<typeof ValidateRequest>;

/** `POST /v1/documents/:id/request-changes`: what the admin asks to change. */
export const ChangesRequest = z.strictObject({
  comment: text(2000),
  version: z.optional(z.int().check(z.minimum(1))),
});
export type ChangesRequest = z.infer<typeof ChangesRequest>;

/** `POST /v1/documents/:id/share`: the territory's contacts, or addresses, as readers or commenters. */
export const ShareRequest = z.strictObject({
  to: z.union([z.literal('territory'), z.array(Email).check(z.minLength(1), z.maxLength(30))]),
  role: z.enum(['reader', 'commenter']),
});
export type ShareRequest = z.infer<typeof ShareRequest>;

export const DOC_MSG = {
  territoryRequired: 'Indiquez le territoire de la synthèse (territoryId).',
  workshopRequired: 'Indiquez l’atelier de la fiche (workshopId).',
  actionRequired: 'Indiquez l’action de la fiche (actionId).',
  reportRequired: 'Indiquez le rapport voulu (report : 1, 2 ou final).',
  concurrent: 'Ce document vient d’être régénéré par quelqu’un d’autre : rechargez puis réessayez.',
  validatedByWorkflow:
    'Un document n’est jamais validé à sa génération : générez-le, soumettez-le, puis l’ADEME (administrateur) valide la version soumise.',
  asOfFuture: (today: string) => `La date d’arrêté ne peut pas dépasser aujourd’hui (${today}).`,
  asOfBeforeStart: (start: string) => `La date d’arrêté doit suivre le début du programme (${start}).`,
  notReady: (list: string) =>
    `Ce document a encore des points à reprendre : ${list}. Corrigez-les et régénérez-le, ou soumettez-le en les reconnaissant un à un (acknowledge).`,
  notDraft: (status: string) =>
    `Seule une version de travail se soumet ; la version actuelle est « ${status} ». Régénérez le document pour en faire une nouvelle version.`,
  nothingSubmitted: 'Aucune version soumise à valider pour ce document.',
  versionNotFound: (n: number) => `La version ${n} de ce document n’existe pas.`,
  versionNotSubmitted: (n: number, status: string) =>
    `La version ${n} n’est pas soumise (elle est « ${status} ») : seule une version soumise se valide ou se renvoie.`,
  moved: 'Le document vient d’être régénéré ou relu par quelqu’un d’autre : rechargez puis réessayez.',
  noTerritoryToShare: 'Ce document porte sur tout le programme : indiquez les adresses à qui le partager.',
  noContactEmail: (name: string) =>
    `Aucun contact du territoire « ${name} » n’a d’adresse e-mail : ajoutez-en une, ou indiquez les adresses.`,
  shareMessage: (title: string) =>
    `Le programme VELI VELO Occitanie vous partage « ${title} ». Ce message est envoyé par Google Drive au nom du programme.`,
  doesNotFit: (fields: string) =>
    `La synthèse ne tient pas en moins de 5 pages, même condensée au maximum (les textes ne sont jamais coupés au milieu d’une phrase, les recommandations jamais). Raccourcissez : ${fields}.`,
} as const;
