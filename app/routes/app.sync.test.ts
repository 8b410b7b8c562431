/**
 * The Sync page's loader and action with real Requests and session tokens:
 * each resource's latest run, progress, last finish, error and mirror count,
 * for the session's shop only; "Sync now" queues one full sync for the
 * session's shop, whatever the form says; a refused token gets nothing.
 */
import { TEST_SHOP } from '@shopify/shopify-api/test-helpers';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyShop } from '../../devstore/test-support';
import { installOn, startAppDevstore } from '../../tests/support/installed-app';
import { APP_URL, BROWSER_UA, bearerRequest, call, sessionToken } from '../../tests/support/shopify-requests';

const OTHER_SHOP = 'harbor-goods.myshopify.com';

const devstore = await startAppDevstore({
  shops: [emptyShop({ id: 1, domain: TEST_SHOP }), emptyShop({ id: 2, domain: OTHER_SHOP })],
});
const { loader, action } = await import('./app.sync');
const { default: prisma } = await import('~/db.server');
const { applyProducts } = await import('~/platform/mirror/apply.server');

await installOn(devstore, [TEST_SHOP, OTHER_SHOP]);
afterAll(() => devstore.close());

type Loaded = Exclude<Awaited<ReturnType<typeof loader>>, Response>;

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

async function post(shop: string, body: Record<string, string>, token?: string): Promise<Response | unknown> {
  const request = new Request(`${APP_URL}/app/sync`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token ?? (await sessionToken(shop))}`,
      'User-Agent': BROWSER_UA,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(body),
  });
  return call(action, request);
}

describe('Sync page', () => {
  it('shows each resource’s latest run, last finish and mirror count, for the session’s shop only', async () => {
    const productsFinished = minutesAgo(80);
    await prisma.syncRun.createMany({
      data: [
        {
          shop: TEST_SHOP,
          resource: 'products',
          mode: 'full',
          state: 'done',
          objectsDone: 12,
          objectsTotal: 12,
          linesDone: 12,
          startedAt: minutesAgo(90),
          finishedAt: productsFinished,
          highWater: minutesAgo(90),
        },
        {
          shop: TEST_SHOP,
          resource: 'orders',
          mode: 'full',
          state: 'running',
          bulkOperationId: 'gid://shopify/BulkOperation/7',
          objectsDone: 40,
          objectsTotal: 100,
          startedAt: minutesAgo(2),
        },
        {
          shop: TEST_SHOP,
          resource: 'customers',
          mode: 'catchup',
          state: 'failed',
          error: 'AdminRetriesExhaustedError: Admin API SyncCustomersSince still failing\n    at request (gateway)',
          startedAt: minutesAgo(5),
          finishedAt: minutesAgo(4),
        },
        { shop: OTHER_SHOP, resource: 'inventory', mode: 'full', state: 'running', startedAt: minutesAgo(1) },
      ],
    });
    const product = (id: bigint) => ({
      id,
      title: `Mug ${id}`,
      handle: `mug-${id}`,
      status: 'ACTIVE',
      vendor: null,
      productType: null,
      tags: [],
      createdAt: minutesAgo(600),
      updatedAt: minutesAgo(600),
      variants: [],
    });
    await applyProducts(prisma, TEST_SHOP, [product(1n), product(2n)]);
    await applyProducts(prisma, OTHER_SHOP, [product(3n)]);

    const result = await call(loader, bearerRequest('/app/sync', await sessionToken(TEST_SHOP)));
    expect(result).not.toBeInstanceOf(Response);
    const status = result as Loaded;
    expect(status.active).toBe(true);
    expect(status.everSynced).toBe(true);
    const [products, customers, orders, inventory] = status.resources;
    expect(products).toMatchObject({ resource: 'products', inMirror: 2, latest: { phase: 'done', mode: 'full' } });
    expect(products?.lastFinishedAt).toBe(productsFinished.toISOString());
    expect(orders).toMatchObject({
      resource: 'orders',
      inMirror: 0,
      lastFinishedAt: null,
      latest: { phase: 'applying', objectsDone: 40, objectsTotal: 100, error: null },
    });
    expect(customers?.latest).toMatchObject({
      phase: 'failed',
      mode: 'catchup',
      error: 'AdminRetriesExhaustedError: Admin API SyncCustomersSince still failing',
    });
    // The other shop's inventory run is not this shop's.
    expect(inventory).toMatchObject({ resource: 'inventory', latest: null, inMirror: 0 });
  });

  it('queues one full sync for the session’s shop, whatever the form names', async () => {
    expect(await post(TEST_SHOP, { shop: OTHER_SHOP })).toEqual({ requested: true });
    expect(await post(TEST_SHOP, {})).toEqual({ requested: true });
    const jobs = await prisma.job.findMany({ where: { name: 'sync.start' } });
    expect(jobs.map((job) => [job.shop, job.payload, job.state])).toEqual([[TEST_SHOP, { mode: 'full' }, 'queued']]);
  });

  it('refuses a request whose session token is not signed by Shopify', async () => {
    const forged = await sessionToken(TEST_SHOP, { secret: 'notTheAppSecretAtAll' });
    const refused = await post(TEST_SHOP, {}, forged);
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(401);
    const loaded = await call(loader, bearerRequest('/app/sync', forged));
    expect((loaded as Response).status).toBe(401);
  });
});
