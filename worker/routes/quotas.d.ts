import type { AppEnv } from '../env';
export declare const quotas: import('hono/hono-base').HonoBase<
  AppEnv,
  {
    '/': {
      $get: {
        input: {};
        output: {
          programme: {
            key: import('../../shared/schemas').SessionKind | 'partners';
            scope: import('../../shared/quotas/rules').QuotaScope;
            subjectId: string;
            label: string;
            unit: import('../../shared/quotas/rules').QuotaUnit;
            used: number;
            limit: number;
            remaining: number;
            status: import('../../shared/schemas').QuotaStatus;
          }[];
          territories: {
            territoryId: string;
            name: string;
            quotas: {
              key: import('../../shared/schemas').SessionKind | 'partners';
              scope: import('../../shared/quotas/rules').QuotaScope;
              subjectId: string;
              label: string;
              unit: import('../../shared/quotas/rules').QuotaUnit;
              used: number;
              limit: number;
              remaining: number;
              status: import('../../shared/schemas').QuotaStatus;
            }[];
          }[];
          partners: {
            partnerId: string;
            territoryId: string;
            name: string;
            quotas: {
              key: import('../../shared/schemas').SessionKind | 'partners';
              scope: import('../../shared/quotas/rules').QuotaScope;
              subjectId: string;
              label: string;
              unit: import('../../shared/quotas/rules').QuotaUnit;
              used: number;
              limit: number;
              remaining: number;
              status: import('../../shared/schemas').QuotaStatus;
            }[];
          }[];
        };
        outputFormat: 'json';
        status: import('hono/utils/http-status').ContentfulStatusCode;
      };
    };
  },
  '/',
  '/'
>;
