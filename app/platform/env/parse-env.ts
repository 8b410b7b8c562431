/**
 * The schema of Steward's environment and its parser, free of side effects so
 * that server.ts can check the environment before anything else loads.
 * `.env.example` documents every variable.
 */
import { z } from 'zod';

const keyEntry = /^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/=_-]+$/;

/** smtp://[user:pass@]host[:port] (STARTTLS when offered) or smtps://… (TLS from the start). */
function isSmtpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** `address@example.com` or `Name <address@example.com>`. */
const mailbox = /^(?:[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/;

/** A string that must be present; `what` says what it holds. */
const required = (what: string) => z.string({ required_error: `is required (${what})` });

export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    SHOPIFY_API_KEY: required("the app's client id").min(1),
    SHOPIFY_API_SECRET: required("the app's client secret").min(16, 'must be the client secret (16+ characters)'),
    SHOPIFY_APP_URL: required('the public URL of the app').url('must be the public URL of the app'),
    SCOPES: required('the access scopes, as in shopify.app.toml').regex(
      /^[a-z_]+(,[a-z_]+)*$/,
      'must be a comma-separated list of access scopes',
    ),
    /**
     * Keys for access tokens at rest: `id:base64key[,id:base64key…]`, each key
     * 32 bytes. The first encrypts; all decrypt, so keys can rotate.
     */
    TOKEN_ENCRYPTION_KEYS: required('id:base64 32-byte key, comma-separated')
      .refine((value) => value.split(',').every((entry) => keyEntry.test(entry.trim())), {
        message: 'must look like "k1:<base64 32-byte key>[,k0:<key>…]"',
      })
      .refine(
        (value) =>
          value.split(',').every((entry) => Buffer.from(entry.trim().split(':')[1] ?? '', 'base64').length === 32),
        { message: 'every key must decode from base64 to exactly 32 bytes' },
      ),
    /** A real PostgreSQL server; without it the embedded PGlite database is used. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
      .optional(),
    PGLITE_DATA_DIR: z.string().optional(),
    /** A Redis server for the job queue (BullMQ); without it jobs live in the database. */
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// URL')
      .optional(),
    /**
     * Whether the app process also runs the job queue's worker. With the
     * embedded database it always does (no other process can work on it);
     * with PostgreSQL, `false` leaves the jobs to `npm run worker` processes.
     */
    WORKER_IN_PROCESS: z
      .enum(['true', 'false'], { message: 'must be true or false' })
      .default('true')
      .transform((value) => value === 'true'),
    /**
     * Where the inbox sends its mail (replies, acknowledgements, satisfaction
     * links). Unset: replies are stored but not mailed, and the inbox says so.
     */
    SMTP_URL: z.string().refine(isSmtpUrl, 'must be an smtp:// or smtps:// URL').optional(),
    /**
     * The inbox's From address. Unset: the shop's own contact e-mail. Set: this
     * address, with the shop's contact e-mail as Reply-To.
     */
    MAIL_FROM: z.string().regex(mailbox, 'must be an e-mail address or "Name <address>"').optional(),
    SHOP_CUSTOM_DOMAIN: z.string().optional(),
    /** Local devstore base URL (development and tests only). */
    DEVSTORE_URL: z.string().url('must be the devstore base URL').optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && env.DEVSTORE_URL) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['DEVSTORE_URL'],
        message: 'must not be set in production',
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(issues: z.ZodIssue[]) {
    super(
      'Steward cannot start: the environment is invalid.\n' +
        issues.map((issue) => `  ${issue.path.join('.') || 'environment'} ${issue.message}`).join('\n') +
        '\nSee .env.example for what each variable holds.',
    );
    this.name = 'EnvError';
  }
}

/** Parses an environment; throws EnvError naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const trimmed = Object.fromEntries(
    Object.entries(source).map(([key, value]) => [key, value === '' ? undefined : value]),
  );
  const result = envSchema.safeParse(trimmed);
  if (!result.success) throw new EnvError(result.error.issues);
  return result.data;
}
