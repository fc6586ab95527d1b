import type { AppEnv } from '../env';
export declare const VERSION = '0.1.0';
export declare const system: import('hono/hono-base').HonoBase<
  AppEnv,
  {
    '/health': {
      $get: {
        input: {};
        output: {
          ok: true;
          version: string;
          authMode: string;
        };
        outputFormat: 'json';
        status: import('hono/utils/http-status').ContentfulStatusCode;
      };
    };
  } & {
    '/openapi.json': {
      $get: {
        input: {};
        output: never;
        outputFormat: 'json';
        status: import('hono/utils/http-status').ContentfulStatusCode;
      };
    };
  } & {
    '/me': {
      $get: {
        input: {};
        output: {
          email: string;
          role: import('../../shared/schemas').Role;
        };
        outputFormat: 'json';
        status: import('hono/utils/http-status').ContentfulStatusCode;
      };
    };
  },
  '/',
  '/me'
>;
