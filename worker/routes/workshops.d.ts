import { WorkshopInput } from '../../shared/schemas';
import type { AppEnv } from '../env';
export type WorkshopData = Omit<WorkshopInput, 'id'>;
export declare const workshops: import('hono/hono-base').HonoBase<
  AppEnv,
  {
    '/': {
      $get: {
        input: {};
        output: {
          workshops: {
            id: string;
            number: number;
            date: string;
            participants: number;
            actors: string;
            theme: string;
            hostTerritoryId: string;
            problem: string;
            blockersAndSolutions: string;
            examplesAndContacts: string;
            keyFigures: {
              label: string;
              value: string;
              unit?: string | undefined;
            }[];
            createdAt: string;
            createdBy: string;
            updatedAt: string;
            updatedBy: string;
          }[];
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
          id: string;
          number: number;
          date: string;
          participants: number;
          actors: string;
          theme: string;
          hostTerritoryId: string;
          problem: string;
          blockersAndSolutions: string;
          examplesAndContacts: string;
          keyFigures: {
            label: string;
            value: string;
            unit?: string | undefined;
          }[];
          createdAt: string;
          createdBy: string;
          updatedAt: string;
          updatedBy: string;
        };
        outputFormat: 'json';
        status: 200 | 201;
      };
    };
  } & {
    '/:id': {
      $get: {
        input: {
          param: {
            id: string;
          };
        };
        output: {
          id: string;
          number: number;
          date: string;
          participants: number;
          actors: string;
          theme: string;
          hostTerritoryId: string;
          problem: string;
          blockersAndSolutions: string;
          examplesAndContacts: string;
          keyFigures: {
            label: string;
            value: string;
            unit?: string | undefined;
          }[];
          createdAt: string;
          createdBy: string;
          updatedAt: string;
          updatedBy: string;
        };
        outputFormat: 'json';
        status: import('hono/utils/http-status').ContentfulStatusCode;
      };
    };
  } & {
    '/:id': {
      $patch: {
        input: {
          param: {
            id: string;
          };
        };
        output: {
          id: string;
          number: number;
          date: string;
          participants: number;
          actors: string;
          theme: string;
          hostTerritoryId: string;
          problem: string;
          blockersAndSolutions: string;
          examplesAndContacts: string;
          keyFigures: {
            label: string;
            value: string;
            unit?: string | undefined;
          }[];
          createdAt: string;
          createdBy: string;
          updatedAt: string;
          updatedBy: string;
        };
        outputFormat: 'json';
        status: import('hono/utils/http-status').ContentfulStatusCode;
      };
    };
  },
  '/',
  '/:id'
>;
