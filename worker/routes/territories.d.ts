import { PartnerInput } from '../../shared/schemas';
import { type Stored } from '../db/entities';
import type { AppEnv } from '../env';
export type PartnerData = Omit<PartnerInput, 'id'> & {
  territoryId: string;
};
export declare const presentPartner: (p: Stored<PartnerData>) => {
  id: string;
} & Omit<
  {
    name: string;
    kind: 'other' | 'public' | 'company' | 'tourism' | 'care' | 'education' | 'logistics' | 'association';
    useCase: {
      category:
        | 'other'
        | 'tourism'
        | 'commute'
        | 'business-trips'
        | 'regular-rounds'
        | 'last-mile-logistics'
        | 'school-transport'
        | 'waste-collection'
        | 'car-sharing'
        | 'public-fleet';
      description: string;
    };
    id?: string | undefined;
    vehicles?: string[] | undefined;
  },
  'id'
> & {
    territoryId: string;
  } & {
    createdAt: string;
    createdBy: string;
    updatedAt: string;
    updatedBy: string;
  };
export declare const territories: import('hono/hono-base').HonoBase<
  AppEnv,
  {
    '/': {
      $get: {
        input: {};
        output: {
          territories: {
            id: string;
            centralCity: {
              insee: string;
              name: string;
              population: number;
              departement: string;
            };
            assessment: {
              findings: string;
              stakes: string;
              recommendations: string;
            } | null;
            createdAt: string;
            createdBy: string;
            updatedAt: string;
            updatedBy: string;
            name: string;
            legalForm: import('../../shared/schemas').LegalForm;
            centralCityInsee: string;
            epciSiren?: string | undefined;
            consultants: string[];
            contacts: {
              name: string;
              role: string;
              email?: string | undefined;
              phone?: string | undefined;
            }[];
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
          centralCity: {
            insee: string;
            name: string;
            population: number;
            departement: string;
          };
          assessment: {
            findings: string;
            stakes: string;
            recommendations: string;
          } | null;
          createdAt: string;
          createdBy: string;
          updatedAt: string;
          updatedBy: string;
          name: string;
          legalForm: import('../../shared/schemas').LegalForm;
          centralCityInsee: string;
          epciSiren?: string | undefined;
          consultants: string[];
          contacts: {
            name: string;
            role: string;
            email?: string | undefined;
            phone?: string | undefined;
          }[];
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
          centralCity: {
            insee: string;
            name: string;
            population: number;
            departement: string;
          };
          assessment: {
            findings: string;
            stakes: string;
            recommendations: string;
          } | null;
          createdAt: string;
          createdBy: string;
          updatedAt: string;
          updatedBy: string;
          name: string;
          legalForm: import('../../shared/schemas').LegalForm;
          centralCityInsee: string;
          epciSiren?: string | undefined;
          consultants: string[];
          contacts: {
            name: string;
            role: string;
            email?: string | undefined;
            phone?: string | undefined;
          }[];
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
          centralCity: {
            insee: string;
            name: string;
            population: number;
            departement: string;
          };
          assessment: {
            findings: string;
            stakes: string;
            recommendations: string;
          } | null;
          createdAt: string;
          createdBy: string;
          updatedAt: string;
          updatedBy: string;
          name: string;
          legalForm: import('../../shared/schemas').LegalForm;
          centralCityInsee: string;
          epciSiren?: string | undefined;
          consultants: string[];
          contacts: {
            name: string;
            role: string;
            email?: string | undefined;
            phone?: string | undefined;
          }[];
        };
        outputFormat: 'json';
        status: import('hono/utils/http-status').ContentfulStatusCode;
      };
    };
  } & {
    '/:id/assessment': {
      $put: {
        input: {
          param: {
            id: string;
          };
        };
        output: {
          id: string;
          centralCity: {
            insee: string;
            name: string;
            population: number;
            departement: string;
          };
          assessment: {
            findings: string;
            stakes: string;
            recommendations: string;
          } | null;
          createdAt: string;
          createdBy: string;
          updatedAt: string;
          updatedBy: string;
          name: string;
          legalForm: import('../../shared/schemas').LegalForm;
          centralCityInsee: string;
          epciSiren?: string | undefined;
          consultants: string[];
          contacts: {
            name: string;
            role: string;
            email?: string | undefined;
            phone?: string | undefined;
          }[];
        };
        outputFormat: 'json';
        status: import('hono/utils/http-status').ContentfulStatusCode;
      };
    };
  } & {
    '/:id/partners': {
      $get: {
        input: {
          param: {
            id: string;
          };
        };
        output: {
          partners: {
            id: string;
            name: string;
            kind:
              | 'other'
              | 'public'
              | 'company'
              | 'tourism'
              | 'care'
              | 'education'
              | 'logistics'
              | 'association';
            useCase: {
              category:
                | 'other'
                | 'tourism'
                | 'commute'
                | 'business-trips'
                | 'regular-rounds'
                | 'last-mile-logistics'
                | 'school-transport'
                | 'waste-collection'
                | 'car-sharing'
                | 'public-fleet';
              description: string;
            };
            vehicles?: string[] | undefined;
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
    '/:id/partners': {
      $post: {
        input: {
          param: {
            id: string;
          };
        };
        output: {
          id: string;
          name: string;
          kind:
            | 'other'
            | 'public'
            | 'company'
            | 'tourism'
            | 'care'
            | 'education'
            | 'logistics'
            | 'association';
          useCase: {
            category:
              | 'other'
              | 'tourism'
              | 'commute'
              | 'business-trips'
              | 'regular-rounds'
              | 'last-mile-logistics'
              | 'school-transport'
              | 'waste-collection'
              | 'car-sharing'
              | 'public-fleet';
            description: string;
          };
          vehicles?: string[] | undefined;
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
  },
  '/',
  '/:id/partners'
>;
