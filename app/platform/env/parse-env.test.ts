import { describe, expect, it } from 'vitest';
import { TEST_ENV } from '../../../tests/support/test-env';
import { EnvError, parseEnv } from './parse-env';

const valid = { ...TEST_ENV, NODE_ENV: 'development' };

function problems(source: Record<string, string | undefined>): string {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as Error).message;
  }
  throw new Error('parseEnv accepted an invalid environment');
}

describe('environment', () => {
  it('accepts a complete environment and fills the optional defaults', () => {
    const env = parseEnv(valid);
    expect(env.SHOPIFY_API_KEY).toBe('testApiKey');
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it.each(['SHOPIFY_API_KEY', 'SHOPIFY_API_SECRET', 'SHOPIFY_APP_URL', 'SCOPES', 'TOKEN_ENCRYPTION_KEYS'])(
    'refuses to start without %s and names it',
    (name) => {
      expect(problems({ ...valid, [name]: undefined })).toMatch(new RegExp(`^  ${name} is required`, 'm'));
      // An empty value counts as missing, never as a secret.
      expect(problems({ ...valid, [name]: '' })).toMatch(new RegExp(`^  ${name} is required`, 'm'));
    },
  );

  it('names every malformed variable at once', () => {
    const message = problems({
      ...valid,
      SHOPIFY_APP_URL: 'not a url',
      SCOPES: 'read products',
      TOKEN_ENCRYPTION_KEYS: `k1:${Buffer.alloc(16).toString('base64')}`,
      DATABASE_URL: 'mysql://localhost/steward',
    });
    expect(message).toContain('SHOPIFY_APP_URL must be the public URL of the app');
    expect(message).toContain('SCOPES must be a comma-separated list of access scopes');
    expect(message).toContain('TOKEN_ENCRYPTION_KEYS every key must decode from base64 to exactly 32 bytes');
    expect(message).toContain('DATABASE_URL must be a postgresql:// URL');
  });

  it('refuses the devstore in production', () => {
    expect(problems({ ...valid, NODE_ENV: 'production', DEVSTORE_URL: 'http://127.0.0.1:4000' })).toContain(
      'DEVSTORE_URL must not be set in production',
    );
  });

  it('runs the worker in the app process unless WORKER_IN_PROCESS=false', () => {
    expect(parseEnv(valid).WORKER_IN_PROCESS).toBe(true);
    expect(parseEnv({ ...valid, WORKER_IN_PROCESS: 'true' }).WORKER_IN_PROCESS).toBe(true);
    expect(parseEnv({ ...valid, WORKER_IN_PROCESS: 'false' }).WORKER_IN_PROCESS).toBe(false);
    expect(problems({ ...valid, WORKER_IN_PROCESS: 'no' })).toContain('WORKER_IN_PROCESS must be true or false');
  });

  it('never prints a secret value in its message', () => {
    const secretKey = Buffer.from('sixteen-byte-key').toString('base64');
    const message = problems({
      ...valid,
      SHOPIFY_API_SECRET: 'short-secret',
      TOKEN_ENCRYPTION_KEYS: `k1:${secretKey}`,
      DATABASE_URL: 'mysql://admin:hunter2@db/steward',
    });
    expect(message).toContain('SHOPIFY_API_SECRET must be the client secret');
    expect(message).toContain('TOKEN_ENCRYPTION_KEYS every key must decode');
    expect(message).toContain('DATABASE_URL must be a postgresql:// URL');
    for (const secret of ['short-secret', secretKey, 'hunter2']) expect(message).not.toContain(secret);
  });

  it("takes the inbox's mail server and From address, both optional", () => {
    const unset = parseEnv({ ...valid, SMTP_URL: undefined, MAIL_FROM: '' });
    expect([unset.SMTP_URL, unset.MAIL_FROM]).toEqual([undefined, undefined]);
    const env = parseEnv({
      ...valid,
      SMTP_URL: 'smtps://user:pa%40ss@smtp.example.com:465',
      MAIL_FROM: 'Help <help@example.com>',
    });
    expect(env).toMatchObject({
      SMTP_URL: 'smtps://user:pa%40ss@smtp.example.com:465',
      MAIL_FROM: 'Help <help@example.com>',
    });
    expect(parseEnv({ ...valid, SMTP_URL: 'smtp://127.0.0.1:4125', MAIL_FROM: 'help@example.com' }).MAIL_FROM).toBe(
      'help@example.com',
    );
    const message = problems({
      ...valid,
      SMTP_URL: 'https://user:hunter2@smtp.example.com',
      MAIL_FROM: 'Help <nobody>',
    });
    expect(message).toContain('SMTP_URL must be an smtp:// or smtps:// URL');
    expect(message).toContain('MAIL_FROM must be an e-mail address or "Name <address>"');
    expect(message).not.toContain('hunter2');
  });
});
