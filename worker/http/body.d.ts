import type { Context } from 'hono';
import type { z } from 'zod/mini';
/** Reads the JSON body and validates it with a shared schema; 400 in French otherwise. */
export declare function readBody<S extends z.core.$ZodType>(c: Context, schema: S): Promise<z.infer<S>>;
