/**
 * The privacy page and its export download, called with real Requests and
 * session tokens against the devstore (the shop's time zone comes from
 * Shopify) on a real migrated database: requests recorded by the compliance
 * webhook handlers, scoping to the session's shop, pages, the download and
 * its downloadedAt, and a refused token.
 */
import { TEST_SHOP } from '@shopify/shopify-api/test-helpers';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyShop } from '../../devstore/test-support';
import { installOn, startAppDevstore } from '../../tests/support/installed-app';
import { bearerRequest, call, sessionToken } from '../../tests/support/shopify-requests';

const OTHER_SHOP = 'harbor-goods.myshopify.com';
const EMPTY_SHOP = 'brand-new.myshopify.com';

const devstore = await startAppDevstore({
  shops: [
    emptyShop({ id: 1, domain: TEST_SHOP, name: 'Maple & Thread', ianaTimezone: 'America/Toronto' }),
    emptyShop({ id: 2, domain: OTHER_SHOP, name: 'Harbor Goods', ianaTimezone: 'Europe/Paris' }),
    emptyShop({ id: 3, domain: EMPTY_SHOP, name: 'Brand New' }),
  ],
});
const { loader } = await import('./app.privacy._index');
const { loader: exportLoader } = await import('./app.privacy.$id.export');
const { default: prisma } = await import('~/db.server');
const { COMPLIANCE_WEBHOOK_HANDLERS } = await import('~/platform/compliance/webhook-handlers.server');
const { applyCustomers } = await import('~/platform/mirror/apply.server');
const { customer } = await import('~/platform/mirror/fixtures');

await installOn(devstore, [TEST_SHOP, OTHER_SHOP, EMPTY_SHOP], (shop) => `shpat_privacy_${shop.split('.')[0]}`);
afterAll(() => devstore.close());

type Loaded = Exclude<Awaited<ReturnType<typeof loader>>, Response>;

/** A compliance webhook as the processor runs it: inside a transaction. */
async function request(shop: string, kind: 'data_request' | 'redact', customerId: number, receivedAt: Date) {
  const topic = `customers/${kind}`;
  const payload = {
    shop_id: 1,
    shop_domain: shop,
    customer: { id: customerId, email: `c${customerId}@example.com`, phone: null },
    [kind === 'redact' ? 'orders_to_redact' : 'orders_requested']: [],
  };
  const event = {
    id: 1n,
    shop,
    topic,
    eventId: `${shop}-${topic}-${customerId}-${receivedAt.getTime()}`,
    webhookId: 'wh',
    apiVersion: '2026-10',
    triggeredAt: receivedAt,
    receivedAt,
    payload,
  };
  await prisma.$transaction((tx) => COMPLIANCE_WEBHOOK_HANDLERS[topic]!(tx, event));
}

async function load(shop: string, query = ''): Promise<Loaded> {
  const result = await call(loader, bearerRequest(`/app/privacy${query}`, await sessionToken(shop)));
  if (result instanceof Response) throw new Error(`loader answered ${result.status}`);
  return result;
}

async function download(shop: string, id: string): Promise<Response> {
  const req = bearerRequest(`/app/privacy/${id}/export`, await sessionToken(shop));
  try {
    return await exportLoader({ request: req, params: { id }, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const minute = (n: number) => new Date(Date.UTC(2026, 10, 20, 9, n));

await applyCustomers(prisma, TEST_SHOP, [
  customer(801n, minute(0), { email: 'c801@example.com', firstName: 'Ines' }),
  customer(802n, minute(0), { email: 'c802@example.com', firstName: 'Bruno' }),
]);
await request(TEST_SHOP, 'data_request', 801, minute(1));
await request(TEST_SHOP, 'data_request', 802, minute(2));
await request(TEST_SHOP, 'redact', 802, minute(3));
await request(OTHER_SHOP, 'data_request', 901, minute(4));

describe('privacy page', () => {
  it("lists the shop's requests newest first, with what can be downloaded", async () => {
    const loaded = await load(TEST_SHOP);
    expect(loaded.shopHasRequests).toBe(true);
    expect(loaded.timeZone).toBe('America/Toronto');
    expect(loaded.older).toBeNull();
    expect(
      loaded.requests.map((row) => [row.topic, row.customerId, row.customerEmail, row.exportState, row.receivedAt]),
    ).toEqual([
      ['customers/redact', '802', null, 'none', minute(3).toISOString()],
      // Erased by the later redaction of the same customer.
      ['customers/data_request', '802', null, 'erased', minute(2).toISOString()],
      ['customers/data_request', '801', 'c801@example.com', 'ready', minute(1).toISOString()],
    ]);
    expect(loaded.requests.every((row) => row.completedAt !== null)).toBe(true);
  });

  it('shows the empty state to a shop without requests, and never another shop\u2019s', async () => {
    const empty = await load(EMPTY_SHOP);
    expect(empty).toMatchObject({ requests: [], shopHasRequests: false, older: null });
    const other = await load(OTHER_SHOP);
    expect(other.requests.map((row) => row.customerId)).toEqual(['901']);
  });

  it('pages by 50, newest first, and refuses a forged cursor', async () => {
    for (let n = 0; n < 52; n++) await request(EMPTY_SHOP, 'redact', 1000 + n, new Date(Date.UTC(2026, 0, 1, 0, n)));
    const first = await load(EMPTY_SHOP);
    expect(first.requests).toHaveLength(50);
    expect(first.requests[0]!.customerId).toBe('1051');
    const second = await load(EMPTY_SHOP, `?after=${encodeURIComponent(first.older!)}`);
    expect(second.requests.map((row) => row.customerId)).toEqual(['1001', '1000']);
    expect(second.older).toBeNull();
    const bad = await call(loader, bearerRequest('/app/privacy?after=nonsense', await sessionToken(EMPTY_SHOP)));
    expect((bad as Response).status).toBe(400);
  });
});

describe('export download', () => {
  it("downloads the customer's data as JSON and records the first download", async () => {
    const [row] = (await load(TEST_SHOP)).requests.filter((entry) => entry.exportState === 'ready');
    const response = await download(TEST_SHOP, row!.id);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('Content-Disposition')).toMatch(
      /^attachment; filename="customer-801-data-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const body = (await response.json()) as { customerId: string; data: { Customer: { firstName: string }[] } };
    expect(body.customerId).toBe('801');
    expect(body.data.Customer[0]!.firstName).toBe('Ines');
    const downloaded = (await load(TEST_SHOP)).requests.find((entry) => entry.id === row!.id)!.downloadedAt;
    expect(downloaded).not.toBeNull();
    await download(TEST_SHOP, row!.id);
    expect((await load(TEST_SHOP)).requests.find((entry) => entry.id === row!.id)!.downloadedAt).toBe(downloaded);
  });

  it('answers 404 for another shop\u2019s export, an erased one, or none; 401 without a valid token', async () => {
    const mine = (await load(TEST_SHOP)).requests;
    const theirs = (await load(OTHER_SHOP)).requests[0]!;
    expect((await download(TEST_SHOP, theirs.id)).status).toBe(404);
    expect((await download(TEST_SHOP, mine.find((entry) => entry.exportState === 'erased')!.id)).status).toBe(404);
    expect((await download(TEST_SHOP, mine.find((entry) => entry.topic === 'customers/redact')!.id)).status).toBe(404);
    expect((await download(TEST_SHOP, 'no-such-request')).status).toBe(404);
    const forged = await sessionToken(TEST_SHOP, { secret: 'not-the-app-secret' });
    const refused = await call(
      (args) => exportLoader({ ...args, params: { id: theirs.id } }),
      bearerRequest(`/app/privacy/${theirs.id}/export`, forged),
    );
    expect((refused as Response).status).toBe(401);
  });
});
