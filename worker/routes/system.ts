import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { openApiDocument } from '../openapi';

export const VERSION = '0.1.0';

export const system = new Hono<AppEnv>()
  .get('/health', (c) =>
    c.json({
      ok: true,
      version: c.env.VERSION ?? VERSION,
      authMode: c.env.AUTH_MODE === 'dev' ? 'dev' : 'google',
    }),
  )
  .get('/openapi.json', (c) => c.json(openApiDocument()))
  .get('/me', (c) => c.json(c.get('user')));
