import { ActionInput } from '../../shared/schemas';
import { type Stored } from '../db/entities';
import type { AppEnv } from '../env';
export type ActionData = Omit<ActionInput, 'id'> & {
  territoryId: string;
};
/** The response adds the degree of reproducibility computed from the three criteria. */
export declare const presentAction: (a: Stored<ActionData>) => {
  id: string;
} & {
  reproducibility: {
    degree: 'high' | 'medium' | 'low';
    ease: 3 | 1 | 2;
    duplicationPotential: 3 | 1 | 2;
    actorsInvolved: number;
  };
  partnerId: string;
  blockers: string;
  description: string;
  title: string;
  actors: string;
  implementationDelay: string;
  territoryId: string;
} & {
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
};
export declare const actions: import('hono/hono-base').HonoBase<
  AppEnv,
  {
    '/': {
      $get: {
        input: {};
        output: {
          actions: {
            id: string;
            reproducibility: {
              degree: 'high' | 'medium' | 'low';
              ease: 3 | 1 | 2;
              duplicationPotential: 3 | 1 | 2;
              actorsInvolved: number;
            };
            partnerId: string;
            blockers: string;
            description: string;
            title: string;
            actors: string;
            implementationDelay: string;
            territoryId: string;
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
          reproducibility: {
            degree: 'high' | 'medium' | 'low';
            ease: 3 | 1 | 2;
            duplicationPotential: 3 | 1 | 2;
            actorsInvolved: number;
          };
          partnerId: string;
          blockers: string;
          description: string;
          title: string;
          actors: string;
          implementationDelay: string;
          territoryId: string;
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
          reproducibility: {
            degree: 'high' | 'medium' | 'low';
            ease: 3 | 1 | 2;
            duplicationPotential: 3 | 1 | 2;
            actorsInvolved: number;
          };
          partnerId: string;
          blockers: string;
          description: string;
          title: string;
          actors: string;
          implementationDelay: string;
          territoryId: string;
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
          reproducibility: {
            degree: 'high' | 'medium' | 'low';
            ease: 3 | 1 | 2;
            duplicationPotential: 3 | 1 | 2;
            actorsInvolved: number;
          };
          partnerId: string;
          blockers: string;
          description: string;
          title: string;
          actors: string;
          implementationDelay: string;
          territoryId: string;
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
