import type { AppEnv } from '../env';
export declare const members: import('hono/hono-base').HonoBase<
  AppEnv,
  {
    '/': {
      $get: {
        input: {};
        output: {
          members: (
            | {
                email: string;
                role: 'admin';
                source: string;
              }
            | {
                source: string;
                email: string;
                role: import('../../shared/schemas').Role;
                createdAt: string;
                createdBy: string;
              }
          )[];
        };
        outputFormat: 'json';
        status: import('hono/utils/http-status').ContentfulStatusCode;
      };
    };
  } & {
    '/': {
      $post: {
        input: {};
        output: {
          email: string;
          role: 'admin' | 'consultant' | 'viewer';
        };
        outputFormat: 'json';
        status: 200 | 201;
      };
    };
  } & {
    '/:email': {
      $delete: {
        input: {
          param: {
            email: string;
          };
        };
        output: {
          email: string;
          deleted: true;
        };
        outputFormat: 'json';
        status: import('hono/utils/http-status').ContentfulStatusCode;
      };
    };
  },
  '/',
  '/:email'
>;
