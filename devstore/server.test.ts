/**
 * The devstore over real HTTP: auth like Shopify's, cost and throttling,
 * fault switches and bulk operations.
 */
import { getJwt } from '@shopify/shopify-api/test-helpers';
import { afterEach, describe, expect, it } from 'vitest';
import { startDevstore, type Devstore } from './index';
import { emptyShop } from './test-support';

const APP = { apiKey: 'testApiKey', apiSecret: 'testApiSecretKey', scopes: ['read_products', 'read_users'] };
const SHOP = 'test-shop.myshopify.com';

let devstore: Devstore | undefined;
afterEach(async () => {
  await devstore?.close();
  devstore = undefined;
});

function shopWithStaff(count: number) {
  const state = emptyShop();
  for (let i = 1; i <= count; i++) {
    state.staff.set(i, {
      id: i,
      firstName: `Staff${i}`,
      lastName: 'Member',
      email: `staff${i}@test-shop.example`,
      isShopOwner: i === 1,
      active: true,
      accountType: 'REGULAR',
      locale: 'en',
    });
  }
  return state;
}

async function start(options: Partial<Parameters<typeof startDevstore>[0]> = {}) {
  devstore = await startDevstore({ app: APP, shops: [shopWithStaff(12)], ...options });
  return devstore;
}

async function graphql(store: Devstore, token: string | null, query: string, variables?: Record<string, unknown>) {
  const response = await fetch(store.graphqlUrl(SHOP), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { 'X-Shopify-Access-Token': token } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function exchange(store: Devstore, body: Record<string, unknown>) {
  const response = await fetch(`${store.url}/shops/${SHOP}/admin/oauth/access_token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const tokenExchange = (subjectToken: string, secret = APP.apiSecret) => ({
  client_id: APP.apiKey,
  client_secret: secret,
  grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
  subject_token: subjectToken,
  subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
  requested_token_type: 'urn:shopify:params:oauth:token-type:offline-access-token',
  expiring: '1',
});

describe('devstore auth', () => {
  it('refuses Admin API requests without a granted access token', async () => {
    const store = await start();
    expect((await graphql(store, null, '{ shop { name } }')).status).toBe(401);
    expect((await graphql(store, 'shpat_made_up', '{ shop { name } }')).status).toBe(401);
  });

  it('exchanges a session token signed with the app secret for an expiring offline token, and refreshes it', async () => {
    const store = await start();
    const { token } = await getJwt('test-shop', APP.apiKey, APP.apiSecret);
    const granted = await exchange(store, tokenExchange(token));
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({ scope: 'read_products,read_users', expires_in: 3600 });
    const accessToken = String(granted.body.access_token);
    expect(
      (await graphql(store, accessToken, '{ shop { name } currentAppInstallation { accessScopes { handle } } }')).body
        .data,
    ).toEqual({
      shop: { name: 'Test Shop' },
      currentAppInstallation: { accessScopes: [{ handle: 'read_products' }, { handle: 'read_users' }] },
    });
    const refreshed = await exchange(store, {
      client_id: APP.apiKey,
      client_secret: APP.apiSecret,
      grant_type: 'refresh_token',
      refresh_token: granted.body.refresh_token,
    });
    expect(refreshed.status).toBe(200);
    // The old access token is gone once refreshed.
    expect((await graphql(store, accessToken, '{ shop { name } }')).status).toBe(401);
    expect((await graphql(store, String(refreshed.body.access_token), '{ shop { name } }')).status).toBe(200);
  });

  it('refuses a session token signed with another secret, and a wrong client secret', async () => {
    const store = await start();
    const { token: forged } = await getJwt('test-shop', APP.apiKey, 'someOtherAppsSecret');
    expect(await exchange(store, tokenExchange(forged))).toMatchObject({
      status: 400,
      body: { error: 'invalid_subject_token' },
    });
    const { token } = await getJwt('test-shop', APP.apiKey, APP.apiSecret);
    expect(await exchange(store, tokenExchange(token, 'wrongClientSecret'))).toMatchObject({
      status: 401,
      body: { error: 'invalid_client' },
    });
    const { token: otherShop } = await getJwt('other-shop', APP.apiKey, APP.apiSecret);
    expect(await exchange(store, tokenExchange(otherShop))).toMatchObject({
      status: 400,
      body: { error: 'invalid_subject_token' },
    });
  });
});

describe('devstore cost and throttling', () => {
  it('reports requested and actual cost with the bucket status', async () => {
    const store = await start();
    const token = store.grantToken(SHOP);
    const { body } = await graphql(store, token, '{ staffMembers(first: 50) { nodes { id } } }');
    expect(body.extensions.cost).toEqual({
      requestedQueryCost: 52,
      actualQueryCost: 14,
      throttleStatus: { maximumAvailable: 2000, currentlyAvailable: expect.any(Number), restoreRate: 100 },
    });
    // The unused 38 points came back: only the actual cost was spent.
    expect(body.extensions.cost.throttleStatus.currentlyAvailable).toBeGreaterThanOrEqual(2000 - 14);
  });

  it('answers THROTTLED (HTTP 200) when the bucket cannot pay, and refuses a query over 1,000 points', async () => {
    const store = await start({ bucket: { maximumAvailable: 60, restoreRate: 1 } });
    const token = store.grantToken(SHOP);
    const first = await graphql(store, token, '{ staffMembers(first: 50) { nodes { id } } }');
    expect(first.body.data.staffMembers.nodes).toHaveLength(12);
    const second = await graphql(store, token, '{ staffMembers(first: 50) { nodes { id } } }');
    expect(second.status).toBe(200);
    expect(second.body.errors).toEqual([
      { message: 'Throttled', extensions: { code: 'THROTTLED', documentation: expect.any(String) } },
    ]);
    expect(second.body.extensions.cost.requestedQueryCost).toBe(52);
    expect(second.body.extensions.cost.throttleStatus.currentlyAvailable).toBeLessThan(52);

    const tooBig = await graphql(
      store,
      token,
      '{ a: staffMembers(first: 250) { nodes { id } } b: staffMembers(first: 250) { nodes { id } } c: staffMembers(first: 250) { nodes { id } } d: staffMembers(first: 250) { nodes { id } } e: staffMembers(first: 250) { nodes { id } } }',
    );
    expect(tooBig.body.errors[0].extensions.code).toBe('MAX_COST_EXCEEDED');
  });
});

describe('devstore fault switches', () => {
  it('injects 5xx, 429 and forced throttling, switchable at run time', async () => {
    const store = await start({ faults: { errorRate5xx: 1 } });
    const token = store.grantToken(SHOP);
    expect([502, 503]).toContain((await graphql(store, token, '{ shop { name } }')).status);
    const set = await fetch(`${store.url}/devstore/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ errorRate5xx: 0, errorRate429: 1 }),
    });
    expect(await set.json()).toMatchObject({ errorRate5xx: 0, errorRate429: 1 });
    const limited = await fetch(store.graphqlUrl(SHOP), {
      method: 'POST',
      headers: { 'X-Shopify-Access-Token': token },
      body: '{"query":"{ shop { name } }"}',
    });
    expect([limited.status, limited.headers.get('Retry-After')]).toEqual([429, '1']);
    store.faults.update({ errorRate429: 0, forceThrottled: true });
    expect((await graphql(store, token, '{ shop { name } }')).body.errors[0].extensions.code).toBe('THROTTLED');
    store.faults.update({ forceThrottled: false, latencyMs: 0 });
    const json = { 'Content-Type': 'application/json' };
    expect(
      (await fetch(`${store.url}/devstore/faults`, { method: 'POST', headers: json, body: '{"errorRate5xx": 3}' }))
        .status,
    ).toBe(400);
    // Never from a web page: a form-like POST, or a cross-site one, is refused.
    expect((await fetch(`${store.url}/devstore/faults`, { method: 'POST', body: '{"errorRate5xx": 1}' })).status).toBe(
      415,
    );
    const crossSite = { ...json, 'Sec-Fetch-Site': 'cross-site' };
    expect(
      (await fetch(`${store.url}/devstore/faults`, { method: 'POST', headers: crossSite, body: '{"errorRate5xx": 1}' }))
        .status,
    ).toBe(415);
    expect(store.faults.settings.errorRate5xx).toBe(0);
  });
});

describe('devstore validation errors', () => {
  it('answers an invalid document with HTTP 200 and errors, as Shopify does', async () => {
    const store = await start();
    const { status, body } = await graphql(store, store.grantToken(SHOP), '{ shop { nope } }');
    expect(status).toBe(200);
    expect(body).toEqual({
      errors: [
        {
          message: "Field 'nope' doesn't exist on type 'Shop'",
          locations: [{ line: 1, column: 10 }],
          path: [],
          extensions: { code: 'undefinedField', typeName: 'Shop', fieldName: 'nope' },
        },
      ],
    });
    const missing = await graphql(store, store.grantToken(SHOP), '{ product { id } }');
    expect(missing.body.errors[0]).toMatchObject({
      message: "Field 'product' is missing required arguments: id",
      extensions: { code: 'missingRequiredArguments' },
    });
  });
});

describe('devstore auth edge cases', () => {
  it('refuses session tokens without exp or dest, and issues authorization codes once', async () => {
    const store = await start();
    const { createHmac } = await import('node:crypto');
    const sign = (claims: Record<string, unknown>) => {
      const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
      return `${unsigned}.${createHmac('sha256', APP.apiSecret).update(unsigned).digest('base64url')}`;
    };
    const now = Math.floor(Date.now() / 1000);
    const noExp = sign({ aud: APP.apiKey, dest: `https://${SHOP}`, nbf: now });
    const noDest = sign({ aud: APP.apiKey, exp: now + 60, nbf: now });
    expect(await exchange(store, tokenExchange(noExp))).toMatchObject({
      status: 400,
      body: { error: 'invalid_subject_token' },
    });
    expect(await exchange(store, tokenExchange(noDest))).toMatchObject({
      status: 400,
      body: { error: 'invalid_subject_token' },
    });

    const authorize = await fetch(
      `${store.url}/shops/${SHOP}/admin/oauth/authorize?client_id=${APP.apiKey}&redirect_uri=${encodeURIComponent('https://app.example/auth/callback')}&state=xyz`,
      { redirect: 'manual' },
    );
    const callback = new URL(authorize.headers.get('Location') as string);
    expect(callback.searchParams.get('state')).toBe('xyz');
    const code = callback.searchParams.get('code');
    const grant = { client_id: APP.apiKey, client_secret: APP.apiSecret, code };
    expect((await exchange(store, grant)).status).toBe(200);
    expect(await exchange(store, grant)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });
});
