import { Hono } from 'hono';
import type { AppEnv } from './env';
export declare function createApp(): Hono<AppEnv, import('hono/types').BlankSchema, '/'>;
export declare const app: Hono<AppEnv, import('hono/types').BlankSchema, '/'>;
