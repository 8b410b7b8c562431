/**
 * Steward's environment, parsed once at start-up. A missing or malformed
 * variable stops the process with a message naming it; there are no silent
 * fallbacks for secrets. The schema: platform/env/parse-env.ts.
 */
import { parseEnv, type Env } from './platform/env/parse-env.ts';

export type { Env };
export const env: Env = parseEnv(process.env);
