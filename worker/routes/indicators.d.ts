import { IndicatorInput } from '../../shared/schemas';
import type { AppEnv } from '../env';
export type IndicatorData = Omit<IndicatorInput, 'id'>;
export declare const indicators: import('hono/hono-base').HonoBase<
  AppEnv,
  {
    '/': {
      $get: {
        input: {};
        output: {
          indicators: {
            id: string;
            unit: string;
            label?: string | undefined;
            territoryId: string;
            partnerId?: string | undefined;
            indicator: 'custom' | 'usage-rate' | 'km' | 'users' | 'trips' | 'co2-avoided-kg';
            value: number;
            periodStart: string;
            periodEnd: string;
            target?: number | undefined;
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
          unit: string;
          label?: string | undefined;
          territoryId: string;
          partnerId?: string | undefined;
          indicator: 'custom' | 'usage-rate' | 'km' | 'users' | 'trips' | 'co2-avoided-kg';
          value: number;
          periodStart: string;
          periodEnd: string;
          target?: number | undefined;
          createdAt: string;
          createdBy: string;
          updatedAt: string;
          updatedBy: string;
        };
        outputFormat: 'json';
        status: 200 | 201;
      };
    };
  },
  '/',
  '/'
>;
