import { OpenApiDocument } from '../../shared/api/system';
import { type Route, route } from '../http/route';
import { openApiDocument } from '../openapi';
import { actionRoutes } from './actions';
import { adminRoutes } from './admin';
import { alertRoutes } from './alerts';
import { auditRoutes } from './audit';
import { blockerRoutes } from './blockers';
import { documentWorkflowRoutes } from './document-workflow';
import { documentRoutes } from './documents';
import { exportRoutes } from './export';
import { indicatorRoutes } from './indicators';
import { memberRoutes } from './members';
import { peopleRoutes } from './people';
import { programmeRoutes } from './programme';
import { quotaRoutes } from './quotas';
import { sessionRoutes } from './sessions';
import { snapshotRoutes } from './snapshot';
import { systemRoutes } from './system';
import { territoryRoutes } from './territories';
import { workshopRoutes } from './workshops';

const declared = [
  ...systemRoutes,
  ...memberRoutes,
  ...programmeRoutes,
  ...territoryRoutes,
  ...sessionRoutes,
  ...blockerRoutes,
  ...indicatorRoutes,
  ...workshopRoutes,
  ...actionRoutes,
  ...quotaRoutes,
  ...snapshotRoutes,
  ...alertRoutes,
  ...documentRoutes,
  ...documentWorkflowRoutes,
  ...auditRoutes,
  ...peopleRoutes,
  ...exportRoutes,
  ...adminRoutes,
];

/** Every route the worker serves, each declared once (see http/route.ts). */
export const ROUTES: readonly Route[] = [
  ...declared,
  route('GET /v1/openapi.json', 'public', 'Ce document', OpenApiDocument, (c) =>
    c.json(openApiDocument(ROUTES)),
  ),
];
