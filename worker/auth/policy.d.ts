import type { Role } from '../../shared/schemas/enums';
export type Rule = 'public' | readonly Role[];
/**
 * Route × role → allowed. Every route the app serves must appear here (a test enforces it).
 * Territory-level checks (a consultant writes only for their territories) come on top, in
 * the handlers, once the record is known.
 */
export declare const POLICY: Record<string, Rule>;
export declare const ruleFor: (method: string, path: string) => Rule | undefined;
