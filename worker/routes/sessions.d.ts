import type { AppEnv } from '../env';
export declare const sessions: import('hono/hono-base').HonoBase<
  AppEnv,
  {
    '/': {
      $get: {
        input: {};
        output: {
          sessions: {
            id: string;
            phase: 1 | 2 | 3 | null;
            override?:
              | {
                  reason: string;
                  by: string;
                  at: string;
                }
              | undefined;
            createdAt: string;
            createdBy: string;
            deletedAt?: string | undefined;
            deletedBy?: string | undefined;
            date: string;
            kind:
              | 'ademe-kickoff'
              | 'territory-interview'
              | 'diagnostic'
              | 'team-building'
              | 'collective-support'
              | 'workshop'
              | 'virtual-event'
              | 'partner-support'
              | 'closing-event'
              | 'copil'
              | 'ademe-monthly';
            territoryId?: string | undefined;
            partnerId?: string | undefined;
            durationMinutes: number;
            mode: 'on-site' | 'remote';
            participants: number;
            summary: string;
            decisions?: string | undefined;
            nextSteps?: string | undefined;
            blockerIds?: string[] | undefined;
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
          session: {
            id: string;
            phase: 1 | 2 | 3 | null;
            override?:
              | {
                  reason: string;
                  by: string;
                  at: string;
                }
              | undefined;
            createdAt: string;
            createdBy: string;
            deletedAt?: string | undefined;
            deletedBy?: string | undefined;
            date: string;
            kind:
              | 'ademe-kickoff'
              | 'territory-interview'
              | 'diagnostic'
              | 'team-building'
              | 'collective-support'
              | 'workshop'
              | 'virtual-event'
              | 'partner-support'
              | 'closing-event'
              | 'copil'
              | 'ademe-monthly';
            territoryId?: string | undefined;
            partnerId?: string | undefined;
            durationMinutes: number;
            mode: 'on-site' | 'remote';
            participants: number;
            summary: string;
            decisions?: string | undefined;
            nextSteps?: string | undefined;
            blockerIds?: string[] | undefined;
          };
          quota: {
            key: import('../../shared/schemas').SessionKind | 'partners';
            scope: import('../../shared/quotas/rules').QuotaScope;
            subjectId: string;
            label: string;
            unit: import('../../shared/quotas/rules').QuotaUnit;
            used: number;
            limit: number;
            remaining: number;
            status: import('../../shared/schemas').QuotaStatus;
          };
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
          phase: 1 | 2 | 3 | null;
          override?:
            | {
                reason: string;
                by: string;
                at: string;
              }
            | undefined;
          createdAt: string;
          createdBy: string;
          deletedAt?: string | undefined;
          deletedBy?: string | undefined;
          date: string;
          kind:
            | 'ademe-kickoff'
            | 'territory-interview'
            | 'diagnostic'
            | 'team-building'
            | 'collective-support'
            | 'workshop'
            | 'virtual-event'
            | 'partner-support'
            | 'closing-event'
            | 'copil'
            | 'ademe-monthly';
          territoryId?: string | undefined;
          partnerId?: string | undefined;
          durationMinutes: number;
          mode: 'on-site' | 'remote';
          participants: number;
          summary: string;
          decisions?: string | undefined;
          nextSteps?: string | undefined;
          blockerIds?: string[] | undefined;
        };
        outputFormat: 'json';
        status: import('hono/utils/http-status').ContentfulStatusCode;
      };
    };
  } & {
    '/:id': {
      $delete: {
        input: {
          param: {
            id: string;
          };
        };
        output: {
          session: {
            id: string;
            phase: 1 | 2 | 3 | null;
            override?:
              | {
                  reason: string;
                  by: string;
                  at: string;
                }
              | undefined;
            createdAt: string;
            createdBy: string;
            deletedAt?: string | undefined;
            deletedBy?: string | undefined;
            date: string;
            kind:
              | 'ademe-kickoff'
              | 'territory-interview'
              | 'diagnostic'
              | 'team-building'
              | 'collective-support'
              | 'workshop'
              | 'virtual-event'
              | 'partner-support'
              | 'closing-event'
              | 'copil'
              | 'ademe-monthly';
            territoryId?: string | undefined;
            partnerId?: string | undefined;
            durationMinutes: number;
            mode: 'on-site' | 'remote';
            participants: number;
            summary: string;
            decisions?: string | undefined;
            nextSteps?: string | undefined;
            blockerIds?: string[] | undefined;
          };
          quota: {
            key: import('../../shared/schemas').SessionKind | 'partners';
            scope: import('../../shared/quotas/rules').QuotaScope;
            subjectId: string;
            label: string;
            unit: import('../../shared/quotas/rules').QuotaUnit;
            used: number;
            limit: number;
            remaining: number;
            status: import('../../shared/schemas').QuotaStatus;
          };
        };
        outputFormat: 'json';
        status: import('hono/utils/http-status').ContentfulStatusCode;
      };
    };
  },
  '/',
  '/:id'
>;
