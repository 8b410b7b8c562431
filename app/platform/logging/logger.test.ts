import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, requestContext } from './logger.server';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }), lines };
}

const ACCESS_TOKEN = 'shpat_0123456789abcdef0123456789abcdef';
const REFRESH_TOKEN = 'shprt_fedcba9876543210';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJkZXN0IjoiaHR0cHM6Ly9zaG9wIn0.c2lnbmF0dXJlc2lnbmF0dXJl';
const EMAIL = 'jane.doe@example.com';
const SECRET = 'testApiSecretKey';

describe('logging', () => {
  it('never lets a token, secret or customer e-mail reach a log line', () => {
    const { logger, lines } = capture();
    logger.info(
      { accessToken: ACCESS_TOKEN, session: { refreshToken: REFRESH_TOKEN, shop: 'a.myshopify.com' } },
      'stored',
    );
    logger.warn({ headers: { authorization: `Bearer ${JWT}` }, apiSecret: SECRET }, 'headers');
    logger.info({ customer: { email: EMAIL, id: 42 } }, 'customer');
    logger.info(`token ${ACCESS_TOKEN} for ${EMAIL} via ${JWT}`);
    logger.info({ url: `/app?shop=a.myshopify.com&id_token=${JWT}&hmac=abc123` }, 'url');
    logger.error({ err: new Error(`exchange failed for ${EMAIL} with ${ACCESS_TOKEN}`) }, 'failure');
    logger.info({ note: `sealed enc:v1:k1:aaaa.bbbb.cccc` }, 'sealed');

    const output = lines.join('');
    for (const secret of [ACCESS_TOKEN, REFRESH_TOKEN, JWT, EMAIL, SECRET, 'abc123', 'aaaa.bbbb.cccc']) {
      expect(output).not.toContain(secret);
    }
    // What is not sensitive stays readable.
    expect(output).toContain('a.myshopify.com');
    expect(output).toContain('"id":42');
    expect(output).toContain('exchange failed for [redacted]');
    expect(lines).toHaveLength(7);
  });

  it('tags every line with the current request id', () => {
    const { logger, lines } = capture();
    requestContext.run({ requestId: 'req-1234abcd' }, () => logger.info('inside'));
    logger.info('outside');
    const [inside, outside] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(inside).toMatchObject({ requestId: 'req-1234abcd', msg: 'inside' });
    expect(outside).not.toHaveProperty('requestId');
  });
});
