import { BlockerInput } from '../../shared/schemas';
import type { AppEnv } from '../env';
export type BlockerData = Omit<BlockerInput, 'id'> & {
  status: NonNullable<BlockerInput['status']>;
};
export declare const blockers: import('hono/hono-base').HonoBase<
  AppEnv,
  {
    '/': {
      $get: {
        input: {};
        output: {
          blockers: {
            id: string;
            status: 'open' | 'in-progress' | 'resolved' | 'abandoned';
            territoryId: string;
            partnerId?: string | undefined;
            category:
              | 'other'
              | 'cost'
              | 'infrastructure'
              | 'regulation'
              | 'parking'
              | 'taxation'
              | 'legal'
              | 'economic'
              | 'organisational'
              | 'insurance'
              | 'vehicle'
              | 'acceptance';
            description: string;
            title: string;
            owner: 'other' | 'consultant' | 'partner' | 'territory' | 'ademe';
            ownerName?: string | undefined;
            solution?: string | undefined;
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
          status: 'open' | 'in-progress' | 'resolved' | 'abandoned';
          territoryId: string;
          partnerId?: string | undefined;
          category:
            | 'other'
            | 'cost'
            | 'infrastructure'
            | 'regulation'
            | 'parking'
            | 'taxation'
            | 'legal'
            | 'economic'
            | 'organisational'
            | 'insurance'
            | 'vehicle'
            | 'acceptance';
          description: string;
          title: string;
          owner: 'other' | 'consultant' | 'partner' | 'territory' | 'ademe';
          ownerName?: string | undefined;
          solution?: string | undefined;
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
          status: 'open' | 'in-progress' | 'resolved' | 'abandoned';
          territoryId: string;
          partnerId?: string | undefined;
          category:
            | 'other'
            | 'cost'
            | 'infrastructure'
            | 'regulation'
            | 'parking'
            | 'taxation'
            | 'legal'
            | 'economic'
            | 'organisational'
            | 'insurance'
            | 'vehicle'
            | 'acceptance';
          description: string;
          title: string;
          owner: 'other' | 'consultant' | 'partner' | 'territory' | 'ademe';
          ownerName?: string | undefined;
          solution?: string | undefined;
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
          status: 'open' | 'in-progress' | 'resolved' | 'abandoned';
          territoryId: string;
          partnerId?: string | undefined;
          category:
            | 'other'
            | 'cost'
            | 'infrastructure'
            | 'regulation'
            | 'parking'
            | 'taxation'
            | 'legal'
            | 'economic'
            | 'organisational'
            | 'insurance'
            | 'vehicle'
            | 'acceptance';
          description: string;
          title: string;
          owner: 'other' | 'consultant' | 'partner' | 'territory' | 'ademe';
          ownerName?: string | undefined;
          solution?: string | undefined;
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
