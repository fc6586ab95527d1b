import * as z from 'zod/mini';

type Doc = {
  summary: string;
  body?: z.core.$ZodType;
  query?: string[];
};
/** What each route does and which shared schema validates its body. */
export declare const ROUTE_DOCS: Record<string, Doc>;
/** OpenAPI 3.1, generated from the very schemas that validate requests and the policy table. */
export declare function openApiDocument(): object;
