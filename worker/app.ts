import { Hono } from 'hono';
import { MSG } from '../shared/i18n/messages';
import { authorize } from './auth/access';
import type { AppEnv } from './env';
import { bodyLimit } from './http/body-limit';
import { ApiError, errorResponse } from './http/errors';
import { cors, securityHeaders } from './http/headers';
import { rateLimit } from './http/rate-limit';
import { actions } from './routes/actions';
import { alertRoutes } from './routes/alerts';
import { audit } from './routes/audit';
import { blockers } from './routes/blockers';
import { documents } from './routes/documents';
import { indicators } from './routes/indicators';
import { members } from './routes/members';
import { people } from './routes/people';
import { programme } from './routes/programme';
import { quotas } from './routes/quotas';
import { sessions } from './routes/sessions';
import { snapshot } from './routes/snapshot';
import { system } from './routes/system';
import { territories } from './routes/territories';
import { workshops } from './routes/workshops';

export function createApp() {
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('requestId', c.req.header('cf-ray') ?? crypto.randomUUID());
    await next();
    c.header('x-request-id', c.get('requestId'));
  });
  app.use('*', securityHeaders);
  app.use('*', cors);
  app.use('*', bodyLimit);
  app.use('/v1/*', authorize);
  app.use('/v1/*', rateLimit);
  const v1 = new Hono<AppEnv>()
    .route('/', system)
    .route('/members', members)
    .route('/programme', programme)
    .route('/territories', territories)
    .route('/sessions', sessions)
    .route('/blockers', blockers)
    .route('/indicators', indicators)
    .route('/workshops', workshops)
    .route('/actions', actions)
    .route('/quotas', quotas)
    .route('/audit', audit)
    .route('/people', people)
    .route('/snapshot', snapshot);
  app.route('/v1', v1);
  app.route('/v1/documents', documents);
  app.route('/v1', alertRoutes);
  app.notFound(() => {
    throw new ApiError('NOT_FOUND', MSG.routeNotFound);
  });
  app.onError((err, c) => errorResponse(c, err));
  return app;
}

export const app = createApp();
