/**
 * For devstore tests: a shop with known records, and a way to run a document
 * against it exactly as the HTTP endpoint would (validation, cost, execution).
 */
import { formatError, prepare, run, type AdminRequest } from './engine/execute';
import { DevstoreState } from './state/devstore-state';
import { ShopState } from './state/shop-state';
import type { OrderRecord, ShopRecord } from './state/types';

export function emptyShop(overrides: Partial<ShopRecord> = {}): ShopState {
  return new ShopState({
    id: 1,
    domain: 'test-shop.myshopify.com',
    name: 'Test Shop',
    email: 'owner@test-shop.example',
    currencyCode: 'USD',
    ianaTimezone: 'America/New_York',
    plan: { publicDisplayName: 'Basic', partnerDevelopment: false, shopifyPlus: false },
    primaryDomain: { host: 'test-shop.example', sslEnabled: true },
    passwordProtected: false,
    shopifyqlAvailable: true,
    createdAt: '2024-01-01T00:00:00.000Z',
    ...overrides,
  });
}

export function devstoreWith(...shops: ShopState[]): DevstoreState {
  const devstore = new DevstoreState({
    apiKey: 'testApiKey',
    apiSecret: 'testApiSecretKey',
    scopes: ['read_products'],
  });
  for (const shop of shops) devstore.addShop(shop);
  return devstore;
}

/** Runs a document against a shop; returns Shopify's response body. */
export async function gql(
  state: ShopState,
  query: string,
  variables?: Record<string, unknown>,
  request: Partial<AdminRequest> = {},
) {
  const devstore = devstoreWith(state);
  const prepared = prepare({ query, variables, ...request });
  if (Array.isArray(prepared))
    return { errors: prepared.map(formatError) } as { data?: never; errors: ReturnType<typeof formatError>[] };
  const result = await run(
    prepared,
    { query, variables, ...request },
    { devstore, state, baseUrl: 'http://devstore.test' },
  );
  return {
    data: result.data as Record<string, any> | null | undefined, // eslint-disable-line @typescript-eslint/no-explicit-any
    ...(result.errors ? { errors: result.errors.map(formatError) } : {}),
  };
}

/** A plain paid, unfulfilled web order with no lines, for tests to adjust. */
export function orderRecord(id: number, fields: Partial<OrderRecord> = {}): OrderRecord {
  const createdAt = fields.createdAt ?? '2025-01-01T10:00:00.000Z';
  return {
    id,
    number: id,
    customerId: null,
    email: null,
    createdAt,
    processedAt: createdAt,
    updatedAt: createdAt,
    cancelledAt: null,
    cancelReason: null,
    presentmentCurrencyCode: 'USD',
    presentmentRate: 1,
    sourceName: 'web',
    lineItems: [],
    shipping: '0.00',
    tax: '0.00',
    discountCodes: [],
    discountApplications: [],
    refunds: [],
    financialStatus: 'PAID',
    fulfillmentStatus: 'UNFULFILLED',
    risk: { level: 'LOW', facts: [] },
    journey: null,
    shippingAddress: null,
    billingAddress: null,
    test: false,
    ...fields,
  };
}
