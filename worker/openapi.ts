import * as z from 'zod/mini';
import { ERROR_CODES } from '../shared/i18n/messages';
import {
  ActionInput,
  ActionPatch,
  BlockerInput,
  BlockerPatch,
  IndicatorInput,
  MemberInput,
  PartnerInput,
  Programme,
  ProgrammeAssessment,
  SessionInput,
  TerritoryAssessment,
  TerritoryInput,
  TerritoryPatch,
  WorkshopInput,
  WorkshopPatch,
} from '../shared/schemas';
import { POLICY } from './auth/policy';
import { DocumentRequest } from './documents/request';
import { CheckRunInput } from './routes/alerts';

type Doc = { summary: string; body?: z.core.$ZodType; query?: string[] };

/** What each route does and which shared schema validates its body. */
export const ROUTE_DOCS: Record<string, Doc> = {
  'GET /v1/health': { summary: 'État du service' },
  'GET /v1/openapi.json': { summary: 'Ce document' },
  'GET /v1/me': { summary: 'Identité et rôle de l’appelant' },
  'GET /v1/members': { summary: 'Lister les membres' },
  'POST /v1/members': { summary: 'Ajouter ou modifier un membre', body: MemberInput },
  'DELETE /v1/members/:email': { summary: 'Retirer un membre' },
  'GET /v1/programme': { summary: 'Lire le programme' },
  'PUT /v1/programme': { summary: 'Remplacer le programme', body: Programme },
  'PUT /v1/programme/assessment': {
    summary: 'Bilan global (COPIL final, regard critique)',
    body: ProgrammeAssessment,
  },
  'GET /v1/territories': { summary: 'Lister les territoires' },
  'POST /v1/territories': { summary: 'Créer un territoire', body: TerritoryInput },
  'GET /v1/territories/:id': { summary: 'Lire un territoire' },
  'PATCH /v1/territories/:id': { summary: 'Modifier un territoire', body: TerritoryPatch },
  'PUT /v1/territories/:id/assessment': {
    summary: 'Constat, enjeux, recommandations',
    body: TerritoryAssessment,
  },
  'GET /v1/territories/:id/partners': { summary: 'Lister les partenaires d’un territoire' },
  'POST /v1/territories/:id/partners': { summary: 'Ajouter un partenaire', body: PartnerInput },
  'GET /v1/sessions': {
    summary: 'Journal des séances',
    query: ['territoryId', 'partnerId', 'kind', 'from', 'to'],
  },
  'POST /v1/sessions': { summary: 'Enregistrer une séance (quota vérifié)', body: SessionInput },
  'GET /v1/sessions/:id': { summary: 'Lire une séance' },
  'DELETE /v1/sessions/:id': { summary: 'Annuler une séance (libère le quota)' },
  'GET /v1/blockers': { summary: 'Lister les verrous', query: ['territoryId', 'status'] },
  'POST /v1/blockers': { summary: 'Créer un verrou', body: BlockerInput },
  'GET /v1/blockers/:id': { summary: 'Lire un verrou' },
  'PATCH /v1/blockers/:id': { summary: 'Modifier un verrou', body: BlockerPatch },
  'GET /v1/indicators': { summary: 'Lister les indicateurs', query: ['territoryId', 'partnerId'] },
  'POST /v1/indicators': { summary: 'Saisir une valeur d’indicateur', body: IndicatorInput },
  'GET /v1/workshops': { summary: 'Lister les ateliers collectifs' },
  'POST /v1/workshops': { summary: 'Créer une fiche atelier', body: WorkshopInput },
  'GET /v1/workshops/:id': { summary: 'Lire une fiche atelier' },
  'PATCH /v1/workshops/:id': { summary: 'Modifier une fiche atelier', body: WorkshopPatch },
  'GET /v1/actions': { summary: 'Lister les fiches action', query: ['territoryId', 'partnerId'] },
  'POST /v1/actions': { summary: 'Créer une fiche action', body: ActionInput },
  'GET /v1/actions/:id': { summary: 'Lire une fiche action' },
  'PATCH /v1/actions/:id': { summary: 'Modifier une fiche action', body: ActionPatch },
  'GET /v1/quotas': { summary: 'Consommation de tous les quotas' },
  'GET /v1/snapshot': {
    summary:
      'Tout ce que les onglets du classeur reflètent, en une réponse (parts : liste séparée par des virgules parmi territories, partners, sessions, blockers, indicators, workshops, actions, quotas, alerts, documents ; toutes par défaut)',
    query: ['parts'],
  },
  'GET /v1/alerts': { summary: 'Alertes du contrôle nocturne', query: ['status'] },
  'POST /v1/checks/run': { summary: 'Lancer le contrôle maintenant (asOf facultatif)', body: CheckRunInput },
  'GET /v1/documents': { summary: 'Lister les documents générés', query: ['territoryId'] },
  'POST /v1/documents': { summary: 'Générer un livrable', body: DocumentRequest },
  'GET /v1/documents/:id': { summary: 'Lire un document' },
  'GET /v1/documents/:id/html': { summary: 'Le document rendu (text/html)' },
  'GET /v1/documents/:id/html/signed': {
    summary: 'Le document rendu, par lien signé et limité dans le temps (sans identité)',
    query: ['expires', 'signature'],
  },
  'GET /v1/audit': { summary: 'Journal d’audit', query: ['entity', 'entityId', 'actor', 'from', 'to'] },
  'GET /v1/people/:email': { summary: 'Exporter les données d’une personne' },
  'POST /v1/people/:email/erase': { summary: 'Effacer les coordonnées d’une personne' },
};

const jsonSchema = (schema: z.core.$ZodType) => {
  const { $schema: _s, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
};

const json = (schema: object) => ({ 'application/json': { schema } });

let cached: object | null = null;

/** OpenAPI 3.1, generated from the very schemas that validate requests and the policy table. */
export function openApiDocument(): object {
  if (cached) return cached;
  const paths: Record<string, Record<string, object>> = {};
  for (const [key, rule] of Object.entries(POLICY)) {
    const [method = 'GET', route = ''] = key.split(' ');
    const doc = ROUTE_DOCS[key] ?? { summary: key };
    const path = route.replace(/:(\w+)/g, '{$1}');
    const params = [...route.matchAll(/:(\w+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const query = (doc.query ?? []).map((name) => ({
      name,
      in: 'query',
      required: false,
      schema: { type: 'string' },
    }));
    const errors = Object.fromEntries(
      [...new Set(Object.values(ERROR_CODES))].map((status) => [
        String(status),
        {
          description: 'Erreur (message en français)',
          content: json({ $ref: '#/components/schemas/Error' }),
        },
      ]),
    );
    const operation: Record<string, unknown> = {
      operationId: `${method.toLowerCase()}${route.replace(/[/:.](\w)/g, (_m, ch: string) => ch.toUpperCase()).replace(/[^A-Za-z0-9]/g, '')}`,
      summary: doc.summary,
      parameters: [...params, ...query],
      responses: {
        [method === 'POST' ? '201' : '200']: { description: 'Succès', content: json({ type: 'object' }) },
        ...errors,
      },
    };
    if (rule === 'public') operation.security = [];
    else operation['x-roles'] = rule;
    if (doc.body) operation.requestBody = { required: true, content: json(jsonSchema(doc.body)) };
    paths[path] ??= {};
    paths[path][method.toLowerCase()] = operation;
  }
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'VELI VELO Occitanie — API du registre',
      version: '1',
      description:
        'Registre du programme VELI VELO Occitanie (ADEME) : séances, quotas, verrous, indicateurs, livrables.',
    },
    servers: [{ url: '/' }],
    security: [{ googleIdToken: [] }],
    components: {
      securitySchemes: {
        googleIdToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'Jeton d’identité Google',
        },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', enum: Object.keys(ERROR_CODES) },
                message: { type: 'string' },
                issues: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: { path: { type: 'string' }, message: { type: 'string' } },
                  },
                },
              },
            },
          },
        },
      },
    },
    paths,
  };
  return cached;
}
