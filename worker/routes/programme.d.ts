import type { AppEnv } from '../env';
export declare const programme: import('hono/hono-base').HonoBase<
  AppEnv,
  {
    '/': {
      $get: {
        input: {};
        output: {
          assessment: {
            finalCopilMinutes: string;
            criticalView: string;
          } | null;
          id: string;
          name: string;
          regionCode: string;
          minCentralCityPopulation: number;
          maxTerritories: number;
          maxPartnersPerTerritory: number;
          minutesPerDay: number;
          warnAtRatio: number;
          timezone: string;
          startDate: string;
          endDate: string;
          quotas: {
            diagnosticDaysPerTerritory: number;
            territoryInterviewsPerTerritory: number;
            collectiveSupportsPerTerritory: number;
            collectiveSupportMinutes: number;
            workshopsTotal: number;
            partnerSupportsPerPartner: number;
            partnerSupportMinutes: number;
            copilTotal: number;
            ademeMonthlyMaxMinutes: number;
            teamBuildingEvents: number;
            closingEvents: number;
            virtualEvents: number;
            ademeKickoffs: number;
          };
          milestones: {
            key: string;
            label: string;
            due: string;
            start?: string | undefined;
          }[];
        };
        outputFormat: 'json';
        status: import('hono/utils/http-status').ContentfulStatusCode;
      };
    };
  } & {
    '/': {
      $put: {
        input: {};
        output: {
          assessment: {
            finalCopilMinutes: string;
            criticalView: string;
          } | null;
          id: string;
          name: string;
          regionCode: string;
          minCentralCityPopulation: number;
          maxTerritories: number;
          maxPartnersPerTerritory: number;
          minutesPerDay: number;
          warnAtRatio: number;
          timezone: string;
          startDate: string;
          endDate: string;
          quotas: {
            diagnosticDaysPerTerritory: number;
            territoryInterviewsPerTerritory: number;
            collectiveSupportsPerTerritory: number;
            collectiveSupportMinutes: number;
            workshopsTotal: number;
            partnerSupportsPerPartner: number;
            partnerSupportMinutes: number;
            copilTotal: number;
            ademeMonthlyMaxMinutes: number;
            teamBuildingEvents: number;
            closingEvents: number;
            virtualEvents: number;
            ademeKickoffs: number;
          };
          milestones: {
            key: string;
            label: string;
            due: string;
            start?: string | undefined;
          }[];
        };
        outputFormat: 'json';
        status: import('hono/utils/http-status').ContentfulStatusCode;
      };
    };
  } & {
    '/assessment': {
      $put: {
        input: {};
        output: {
          finalCopilMinutes: string;
          criticalView: string;
        };
        outputFormat: 'json';
        status: import('hono/utils/http-status').ContentfulStatusCode;
      };
    };
  },
  '/',
  '/assessment'
>;
