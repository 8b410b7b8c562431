import { describe, expect, it } from 'vitest';
import type { ShopState } from './state/shop-state';
import type { CustomerRecord, LineItemRecord, OrderRecord } from './state/types';
import { emptyShop, gql, orderRecord } from './test-support';

const ORDER = (id: number) => `gid://shopify/Order/${id}`;

function customer(id: number, fields: Partial<CustomerRecord>): CustomerRecord {
  return {
    id,
    firstName: 'First',
    lastName: 'Last',
    email: null,
    phone: null,
    tags: [],
    state: 'ENABLED',
    acceptsMarketing: false,
    address: { city: 'Toronto', provinceCode: 'ON', countryCode: 'CA', zip: 'M5V 2T6', address1: '12 Analytical St' },
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    ...fields,
  };
}

function line(
  id: number,
  quantity: number,
  unitPrice: string,
  discount = '0.00',
  fields: Partial<LineItemRecord> = {},
): LineItemRecord {
  return {
    id,
    productId: null,
    variantId: null,
    title: `Item ${id}`,
    variantTitle: null,
    sku: null,
    quantity,
    unitPrice,
    discount,
    ...fields,
  };
}

function order(id: number, createdAt: string, fields: Partial<OrderRecord>): OrderRecord {
  return orderRecord(id, { createdAt, ...fields });
}

/**
 * Seven orders over 2024-03-01..05 in a New York shop (UTC-5). Hand-computed:
 * #1001 gross 85.00, discounts 8.00, shipping 10.00, tax 6.20, total 93.20,
 *       refunded 41.00 on 03-03 (36.00 of lines + 5.00 shipping), EUR at 0.9.
 * #1002 20.00, placed 03-02 02:00 UTC = 03-01 in New York; HIGH risk.
 * #1003 30.00 − 3.00 + 5.00 shipping = 32.00, fully refunded on 03-04.
 * #1004 cancelled. #1005 guest, 30.00 − 3.00 + 4.00 + 1.35 = 32.35.
 * #1006 test order. #1007 12.00 on 03-05.
 */
function salesShop(overrides: Parameters<typeof emptyShop>[0] = {}): ShopState {
  const state = emptyShop(overrides);
  state.products.set(301, {
    id: 301,
    title: 'Linen Shirt',
    handle: 'linen-shirt',
    descriptionHtml: '',
    vendor: 'Maple Thread',
    productType: 'Shirts',
    status: 'ACTIVE',
    tags: [],
    seo: { title: null, description: null },
    options: [],
    mediaIds: [],
    variantIds: [401],
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    publishedAt: null,
  });
  state.variants.set(401, {
    id: 401,
    productId: 301,
    title: 'M',
    sku: 'LS-M',
    price: '40.00',
    compareAtPrice: null,
    selectedOptions: [],
    inventoryItemId: 501,
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
  });
  for (const record of [
    customer(501, {
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.com',
      phone: '+15550001',
      tags: ['vip'],
      acceptsMarketing: true,
      createdAt: '2024-01-05T10:00:00.000Z',
      updatedAt: '2024-02-01T00:00:00.000Z',
    }),
    customer(502, {
      firstName: 'Grace',
      lastName: 'Hopper',
      email: 'grace@example.com',
      state: 'DISABLED',
      createdAt: '2024-01-10T10:00:00.000Z',
      updatedAt: '2024-01-10T10:00:00.000Z',
    }),
    customer(503, {
      firstName: 'Alan',
      lastName: 'Turing',
      tags: ['wholesale'],
      state: 'INVITED',
      createdAt: '2024-02-01T10:00:00.000Z',
      updatedAt: '2024-02-01T10:00:00.000Z',
    }),
  ]) {
    state.customers.set(record.id, record);
  }
  for (const record of [
    order(1001, '2024-03-01T15:00:00.000Z', {
      customerId: 501,
      email: 'ada@example.com',
      updatedAt: '2024-03-05T12:00:00.000Z',
      presentmentCurrencyCode: 'EUR',
      presentmentRate: 0.9,
      lineItems: [
        line(2001, 2, '40.00', '8.00', {
          productId: 301,
          variantId: 401,
          title: 'Linen Shirt',
          variantTitle: 'M',
          sku: 'LS-M',
        }),
        line(2002, 1, '5.00', '0.00', { title: 'Gift Wrap' }),
      ],
      shipping: '10.00',
      tax: '6.20',
      discountCodes: ['SPRING10'],
      discountApplications: [
        {
          kind: 'DISCOUNT_CODE',
          code: 'SPRING10',
          title: 'Spring 10%',
          valueType: 'PERCENTAGE',
          value: '10.0',
          allocationMethod: 'ACROSS',
          targetType: 'LINE_ITEM',
        },
      ],
      refunds: [
        {
          id: 3001,
          createdAt: '2024-03-03T15:00:00.000Z',
          note: 'Too small',
          lines: [{ lineItemId: 2001, quantity: 1, subtotal: '36.00' }],
          total: '41.00',
        },
      ],
      financialStatus: 'PARTIALLY_REFUNDED',
      fulfillmentStatus: 'FULFILLED',
      risk: { level: 'LOW', facts: [{ description: 'Billing address matches', sentiment: 'POSITIVE' }] },
      journey: {
        occurredAt: '2024-02-27T12:00:00.000Z',
        source: 'google',
        landingPage: 'https://test-shop.example/products/linen-shirt',
        referrerUrl: 'https://www.google.com/',
        utm: { source: 'google', medium: 'cpc', campaign: 'spring-sale', content: 'ad-1', term: 'linen shirt' },
        daysToConversion: 3,
      },
      shippingAddress: {
        firstName: 'Ada',
        lastName: 'Lovelace',
        address1: '12 Analytical St',
        city: 'Toronto',
        provinceCode: 'ON',
        countryCode: 'CA',
        zip: 'M5V 2T6',
      },
    }),
    order(1002, '2024-03-02T02:00:00.000Z', {
      customerId: 501,
      lineItems: [line(2003, 1, '20.00')],
      risk: { level: 'HIGH', facts: [{ description: 'Card declined twice', sentiment: 'NEGATIVE' }] },
    }),
    order(1003, '2024-03-02T16:00:00.000Z', {
      customerId: 502,
      updatedAt: '2024-03-04T15:00:00.000Z',
      lineItems: [line(2004, 3, '10.00', '3.00')],
      shipping: '5.00',
      discountApplications: [
        {
          kind: 'AUTOMATIC',
          code: null,
          title: 'Buy 3 save $3',
          valueType: 'FIXED_AMOUNT',
          value: '3.00',
          allocationMethod: 'ACROSS',
          targetType: 'LINE_ITEM',
        },
      ],
      refunds: [
        {
          id: 3002,
          createdAt: '2024-03-04T15:00:00.000Z',
          note: null,
          lines: [{ lineItemId: 2004, quantity: 3, subtotal: '27.00' }],
          total: '32.00',
        },
      ],
      financialStatus: 'REFUNDED',
      fulfillmentStatus: 'FULFILLED',
    }),
    order(1004, '2024-03-02T20:00:00.000Z', {
      customerId: 502,
      updatedAt: '2024-03-02T22:00:00.000Z',
      cancelledAt: '2024-03-02T22:00:00.000Z',
      cancelReason: 'CUSTOMER',
      lineItems: [line(2005, 1, '50.00')],
      financialStatus: 'VOIDED',
    }),
    order(1005, '2024-03-03T18:00:00.000Z', {
      email: 'guest@example.com',
      sourceName: 'pos',
      lineItems: [line(2006, 2, '15.00', '3.00')],
      shipping: '4.00',
      tax: '1.35',
      discountApplications: [
        {
          kind: 'MANUAL',
          code: null,
          title: 'Loyalty',
          valueType: 'FIXED_AMOUNT',
          value: '3.00',
          allocationMethod: 'ACROSS',
          targetType: 'LINE_ITEM',
        },
      ],
      fulfillmentStatus: 'PARTIALLY_FULFILLED',
    }),
    order(1006, '2024-03-03T19:00:00.000Z', { customerId: 503, lineItems: [line(2007, 1, '99.00')], test: true }),
    order(1007, '2024-03-05T15:00:00.000Z', {
      customerId: 501,
      lineItems: [line(2008, 1, '12.00')],
      financialStatus: 'PENDING',
    }),
  ]) {
    state.orders.set(record.id, record);
  }
  return state;
}

const bag = (shop: string, presentment = shop, currency = 'EUR') => ({
  shopMoney: { amount: shop, currencyCode: 'USD' },
  presentmentMoney: { amount: presentment, currencyCode: currency },
});

async function orderNames(state: ShopState, query: string) {
  const result = await gql(
    state,
    'query($q: String) { orders(first: 50, query: $q, sortKey: ORDER_NUMBER) { nodes { name } } }',
    { q: query },
  );
  expect(result.errors).toBeUndefined();
  return (result.data?.orders.nodes as { name: string }[]).map((node) => node.name);
}

async function shopifyql(state: ShopState, query: string) {
  const result = await gql(
    state,
    'query($q: String!) { shopifyqlQuery(query: $q) { parseErrors tableData { columns { name dataType displayName } rows } } }',
    { q: query },
  );
  expect(result.errors).toBeUndefined();
  return result.data?.shopifyqlQuery as {
    parseErrors: string[];
    tableData: {
      columns: { name: string; dataType: string; displayName: string }[];
      rows: Record<string, string | number>[];
    } | null;
  };
}

describe('devstore sales: orders', () => {
  it('answers every money bag of an order, in shop and presentment currency', async () => {
    const result = await gql(
      salesShop(),
      `{ order(id: "${ORDER(1001)}") {
      id legacyResourceId name email currencyCode presentmentCurrencyCode sourceName test closed cancelledAt
      displayFinancialStatus displayFulfillmentStatus discountCodes discountCode
      subtotalPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
      totalDiscountsSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
      totalShippingPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
      totalTaxSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
      totalPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
      totalRefundedSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
      currentTotalPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
      netPaymentSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
      shippingAddress { firstName lastName address1 city provinceCode countryCodeV2 country zip }
      billingAddress { city }
    } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.order).toEqual({
      id: ORDER(1001),
      legacyResourceId: '1001',
      name: '#1001',
      email: 'ada@example.com',
      currencyCode: 'USD',
      presentmentCurrencyCode: 'EUR',
      sourceName: 'web',
      test: false,
      closed: true,
      cancelledAt: null,
      displayFinancialStatus: 'PARTIALLY_REFUNDED',
      displayFulfillmentStatus: 'FULFILLED',
      discountCodes: ['SPRING10'],
      discountCode: 'SPRING10',
      subtotalPriceSet: bag('77.00', '69.30'),
      totalDiscountsSet: bag('8.00', '7.20'),
      totalShippingPriceSet: bag('10.00', '9.00'),
      totalTaxSet: bag('6.20', '5.58'),
      totalPriceSet: bag('93.20', '83.88'),
      totalRefundedSet: bag('41.00', '36.90'),
      currentTotalPriceSet: bag('52.20', '46.98'),
      netPaymentSet: bag('52.20', '46.98'),
      shippingAddress: {
        firstName: 'Ada',
        lastName: 'Lovelace',
        address1: '12 Analytical St',
        city: 'Toronto',
        provinceCode: 'ON',
        countryCodeV2: 'CA',
        country: 'Canada',
        zip: 'M5V 2T6',
      },
      billingAddress: null,
    });
  });

  it('answers line items with refunded quantities, prices and catalog references', async () => {
    const result = await gql(
      salesShop(),
      `{ order(id: "${ORDER(1001)}") { lineItems(first: 10) {
      nodes { id title name sku quantity currentQuantity variantTitle
        product { id title handle } variant { id title sku }
        originalUnitPriceSet { shopMoney { amount } } discountedUnitPriceSet { shopMoney { amount } }
        originalTotalSet { shopMoney { amount } } discountedTotalSet { shopMoney { amount } presentmentMoney { amount } }
        totalDiscountSet { shopMoney { amount } } }
      pageInfo { hasNextPage } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const amount = (value: string) => ({ shopMoney: { amount: value } });
    expect(result.data?.order.lineItems).toEqual({
      nodes: [
        {
          id: 'gid://shopify/LineItem/2001',
          title: 'Linen Shirt',
          name: 'Linen Shirt - M',
          sku: 'LS-M',
          quantity: 2,
          currentQuantity: 1,
          variantTitle: 'M',
          product: { id: 'gid://shopify/Product/301', title: 'Linen Shirt', handle: 'linen-shirt' },
          variant: { id: 'gid://shopify/ProductVariant/401', title: 'M', sku: 'LS-M' },
          originalUnitPriceSet: amount('40.00'),
          discountedUnitPriceSet: amount('36.00'),
          originalTotalSet: amount('80.00'),
          discountedTotalSet: { shopMoney: { amount: '72.00' }, presentmentMoney: { amount: '64.80' } },
          totalDiscountSet: amount('8.00'),
        },
        {
          id: 'gid://shopify/LineItem/2002',
          title: 'Gift Wrap',
          name: 'Gift Wrap',
          sku: null,
          quantity: 1,
          currentQuantity: 1,
          variantTitle: null,
          product: null,
          variant: null,
          originalUnitPriceSet: amount('5.00'),
          discountedUnitPriceSet: amount('5.00'),
          originalTotalSet: amount('5.00'),
          discountedTotalSet: { shopMoney: { amount: '5.00' }, presentmentMoney: { amount: '4.50' } },
          totalDiscountSet: amount('0.00'),
        },
      ],
      pageInfo: { hasNextPage: false },
    });
  });

  it('answers refunds with their refund line items', async () => {
    const result = await gql(
      salesShop(),
      `{ order(id: "${ORDER(1001)}") { refunds(first: 5) {
      id legacyResourceId createdAt processedAt note totalRefundedSet { shopMoney { amount } presentmentMoney { amount } }
      refundLineItems(first: 5) { nodes { quantity restocked restockType lineItem { id currentQuantity }
        priceSet { shopMoney { amount } } subtotalSet { shopMoney { amount } } totalTaxSet { shopMoney { amount } } } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.order.refunds).toEqual([
      {
        id: 'gid://shopify/Refund/3001',
        legacyResourceId: '3001',
        createdAt: '2024-03-03T15:00:00.000Z',
        processedAt: '2024-03-03T15:00:00.000Z',
        note: 'Too small',
        totalRefundedSet: { shopMoney: { amount: '41.00' }, presentmentMoney: { amount: '36.90' } },
        refundLineItems: {
          nodes: [
            {
              quantity: 1,
              restocked: false,
              restockType: 'NO_RESTOCK',
              lineItem: { id: 'gid://shopify/LineItem/2001', currentQuantity: 1 },
              priceSet: { shopMoney: { amount: '36.00' } },
              subtotalSet: { shopMoney: { amount: '36.00' } },
              totalTaxSet: { shopMoney: { amount: '0.00' } },
            },
          ],
        },
      },
    ]);
  });

  it('answers discount applications of each kind with their pricing value', async () => {
    const document = `query($id: ID!) { order(id: $id) { discountApplications(first: 5) { nodes {
      __typename index allocationMethod targetSelection targetType
      value { __typename ... on PricingPercentageValue { percentage } ... on MoneyV2 { amount currencyCode } }
      ... on DiscountCodeApplication { code } ... on AutomaticDiscountApplication { title } ... on ManualDiscountApplication { title description } } } } }`;
    const state = salesShop();
    const nodes = async (id: number) =>
      (await gql(state, document, { id: ORDER(id) })).data?.order.discountApplications.nodes;
    const common = { index: 0, allocationMethod: 'ACROSS', targetType: 'LINE_ITEM' };
    expect(await nodes(1001)).toEqual([
      {
        __typename: 'DiscountCodeApplication',
        ...common,
        targetSelection: 'ALL',
        code: 'SPRING10',
        value: { __typename: 'PricingPercentageValue', percentage: 10 },
      },
    ]);
    expect(await nodes(1003)).toEqual([
      {
        __typename: 'AutomaticDiscountApplication',
        ...common,
        targetSelection: 'ALL',
        title: 'Buy 3 save $3',
        value: { __typename: 'MoneyV2', amount: '3.00', currencyCode: 'USD' },
      },
    ]);
    expect(await nodes(1005)).toEqual([
      {
        __typename: 'ManualDiscountApplication',
        ...common,
        targetSelection: 'EXPLICIT',
        title: 'Loyalty',
        description: null,
        value: { __typename: 'MoneyV2', amount: '3.00', currencyCode: 'USD' },
      },
    ]);
  });

  it('answers the customer journey with UTM parameters, or null without one', async () => {
    const document = `query($id: ID!) { order(id: $id) { customerJourneySummary { ready daysToConversion customerOrderIndex
      firstVisit { id occurredAt source sourceType landingPage referrerUrl utmParameters { source medium campaign content term } }
      lastVisit { occurredAt } } } }`;
    const state = salesShop();
    const journeyOf = async (id: number) =>
      (await gql(state, document, { id: ORDER(id) })).data?.order.customerJourneySummary;
    expect(await journeyOf(1001)).toEqual({
      ready: true,
      daysToConversion: 3,
      customerOrderIndex: 1,
      firstVisit: {
        id: 'gid://shopify/CustomerVisit/1001',
        occurredAt: '2024-02-27T12:00:00.000Z',
        source: 'google',
        sourceType: 'AD',
        landingPage: 'https://test-shop.example/products/linen-shirt',
        referrerUrl: 'https://www.google.com/',
        utmParameters: {
          source: 'google',
          medium: 'cpc',
          campaign: 'spring-sale',
          content: 'ad-1',
          term: 'linen shirt',
        },
      },
      lastVisit: { occurredAt: '2024-02-27T12:00:00.000Z' },
    });
    expect(await journeyOf(1002)).toBeNull();
  });

  it('answers risk with a recommendation from the level', async () => {
    const document = `query($id: ID!) { order(id: $id) { risk { recommendation assessments { riskLevel facts { description sentiment } provider { id } } } } }`;
    const state = salesShop();
    expect((await gql(state, document, { id: ORDER(1002) })).data?.order.risk).toEqual({
      recommendation: 'CANCEL',
      assessments: [
        { riskLevel: 'HIGH', facts: [{ description: 'Card declined twice', sentiment: 'NEGATIVE' }], provider: null },
      ],
    });
    expect((await gql(state, document, { id: ORDER(1001) })).data?.order.risk.recommendation).toBe('ACCEPT');
  });

  it('answers statuses of cancelled, refunded and pending orders', async () => {
    const result = await gql(
      salesShop(),
      `{ orders(first: 10, query: "id:>=1003 id:<=1007", sortKey: ORDER_NUMBER) { nodes {
      name cancelledAt cancelReason closed displayFinancialStatus displayFulfillmentStatus currentTotalPriceSet { shopMoney { amount } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.orders.nodes).toEqual([
      {
        name: '#1003',
        cancelledAt: null,
        cancelReason: null,
        closed: true,
        displayFinancialStatus: 'REFUNDED',
        displayFulfillmentStatus: 'FULFILLED',
        currentTotalPriceSet: { shopMoney: { amount: '0.00' } },
      },
      {
        name: '#1004',
        cancelledAt: '2024-03-02T22:00:00.000Z',
        cancelReason: 'CUSTOMER',
        closed: true,
        displayFinancialStatus: 'VOIDED',
        displayFulfillmentStatus: 'UNFULFILLED',
        currentTotalPriceSet: { shopMoney: { amount: '50.00' } },
      },
      {
        name: '#1005',
        cancelledAt: null,
        cancelReason: null,
        closed: false,
        displayFinancialStatus: 'PAID',
        displayFulfillmentStatus: 'PARTIALLY_FULFILLED',
        currentTotalPriceSet: { shopMoney: { amount: '32.35' } },
      },
      {
        name: '#1006',
        cancelledAt: null,
        cancelReason: null,
        closed: false,
        displayFinancialStatus: 'PAID',
        displayFulfillmentStatus: 'UNFULFILLED',
        currentTotalPriceSet: { shopMoney: { amount: '99.00' } },
      },
      {
        name: '#1007',
        cancelledAt: null,
        cancelReason: null,
        closed: false,
        displayFinancialStatus: 'PENDING',
        displayFulfillmentStatus: 'UNFULFILLED',
        currentTotalPriceSet: { shopMoney: { amount: '12.00' } },
      },
    ]);
  });

  it('pages through all seven orders three at a time, each exactly once, and back with last/before', async () => {
    const state = salesShop();
    const document = `query($after: String) { orders(first: 3, after: $after) { edges { cursor node { name } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`;
    const seen: string[] = [];
    const cursors: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const result = await gql(state, document, { after });
      const { edges, pageInfo } = result.data?.orders as {
        edges: { cursor: string; node: { name: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
      seen.push(...edges.map((edge) => edge.node.name));
      cursors.push(...edges.map((edge) => edge.cursor));
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    // Default sort key PROCESSED_AT.
    expect(seen).toEqual(['#1001', '#1002', '#1003', '#1004', '#1005', '#1006', '#1007']);
    const back = await gql(
      state,
      `query($before: String) { orders(last: 2, before: $before) { nodes { name } pageInfo { hasNextPage hasPreviousPage } } }`,
      { before: cursors[4] },
    );
    expect(back.data?.orders).toEqual({
      nodes: [{ name: '#1003' }, { name: '#1004' }],
      pageInfo: { hasNextPage: true, hasPreviousPage: true },
    });
    const reversed = await gql(state, '{ orders(first: 2, sortKey: TOTAL_PRICE, reverse: true) { nodes { name } } }');
    expect(reversed.data?.orders.nodes).toEqual([{ name: '#1006' }, { name: '#1001' }]);
  });

  it('filters orders with Shopify search syntax', async () => {
    const state = salesShop();
    expect(await orderNames(state, 'created_at:>=2024-03-03')).toEqual(['#1005', '#1006', '#1007']);
    expect(await orderNames(state, "updated_at:>'2024-03-04T00:00:00Z'")).toEqual(['#1001', '#1003', '#1007']);
    expect(await orderNames(state, 'financial_status:refunded')).toEqual(['#1003']);
    expect(await orderNames(state, 'financial_status:partially_refunded')).toEqual(['#1001']);
    expect(await orderNames(state, 'status:cancelled')).toEqual(['#1004']);
    expect(await orderNames(state, 'status:open')).toEqual(['#1002', '#1005', '#1006', '#1007']);
    expect(await orderNames(state, 'fulfillment_status:shipped')).toEqual(['#1001', '#1003']);
    expect(await orderNames(state, 'customer_id:502')).toEqual(['#1003', '#1004']);
    expect(await orderNames(state, 'discount_code:SPRING10')).toEqual(['#1001']);
    expect(await orderNames(state, 'risk_level:high')).toEqual(['#1002']);
    expect(await orderNames(state, 'source_name:pos OR test:true')).toEqual(['#1005', '#1006']);
    expect(await orderNames(state, 'email:guest@example.com')).toEqual(['#1005']);
    expect(await orderNames(state, 'name:#1004')).toEqual(['#1004']);
  });

  it('counts orders, exactly or at least up to the limit', async () => {
    const result = await gql(
      salesShop(),
      `{ paid: ordersCount(query: "financial_status:paid") { count precision }
      capped: ordersCount(limit: 2) { count precision } all: ordersCount { count precision } }`,
    );
    expect(result.data).toEqual({
      paid: { count: 3, precision: 'EXACT' },
      capped: { count: 2, precision: 'AT_LEAST' },
      all: { count: 7, precision: 'EXACT' },
    });
  });

  it('answers null for an unknown order and an error for a page without first or last', async () => {
    const result = await gql(salesShop(), '{ order(id: "gid://shopify/Order/999") { id } }');
    expect(result.data).toEqual({ order: null });
    const unpaged = await gql(salesShop(), '{ orders { nodes { id } } }');
    expect(unpaged.errors?.[0]?.message).toBe('you must provide one of first or last');
  });

  it('loads orders, customers, line items and refunds as nodes', async () => {
    const result = await gql(
      salesShop(),
      `{ nodes(ids: ["${ORDER(1003)}", "gid://shopify/Customer/502", "gid://shopify/LineItem/2006", "gid://shopify/Refund/3002", "gid://shopify/Refund/9999"]) {
      __typename id ... on Order { name } ... on Customer { displayName } ... on LineItem { quantity } ... on Refund { totalRefundedSet { shopMoney { amount } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.nodes).toEqual([
      { __typename: 'Order', id: ORDER(1003), name: '#1003' },
      { __typename: 'Customer', id: 'gid://shopify/Customer/502', displayName: 'Grace Hopper' },
      { __typename: 'LineItem', id: 'gid://shopify/LineItem/2006', quantity: 2 },
      { __typename: 'Refund', id: 'gid://shopify/Refund/3002', totalRefundedSet: { shopMoney: { amount: '32.00' } } },
      null,
    ]);
  });
});

describe('devstore sales: customers', () => {
  it('answers a customer with orders count, amount spent and last order', async () => {
    const result = await gql(
      salesShop(),
      `{ customer(id: "gid://shopify/Customer/501") {
      id legacyResourceId firstName lastName displayName tags state createdAt updatedAt
      defaultEmailAddress { emailAddress marketingState } defaultPhoneNumber { phoneNumber }
      numberOfOrders amountSpent { amount currencyCode } lastOrder { name }
      orders(first: 5, sortKey: CREATED_AT, reverse: true) { nodes { name } }
      defaultAddress { city countryCodeV2 country formatted(withName: true) } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.customer).toEqual({
      id: 'gid://shopify/Customer/501',
      legacyResourceId: '501',
      firstName: 'Ada',
      lastName: 'Lovelace',
      displayName: 'Ada Lovelace',
      tags: ['vip'],
      state: 'ENABLED',
      createdAt: '2024-01-05T10:00:00.000Z',
      updatedAt: '2024-02-01T00:00:00.000Z',
      defaultEmailAddress: { emailAddress: 'ada@example.com', marketingState: 'SUBSCRIBED' },
      defaultPhoneNumber: { phoneNumber: '+15550001' },
      numberOfOrders: '3',
      // #1001 52.20 after its refund + #1002 20.00 + #1007 12.00
      amountSpent: { amount: '84.20', currencyCode: 'USD' },
      lastOrder: { name: '#1007' },
      orders: { nodes: [{ name: '#1007' }, { name: '#1002' }, { name: '#1001' }] },
      defaultAddress: {
        city: 'Toronto',
        countryCodeV2: 'CA',
        country: 'Canada',
        formatted: ['Ada Lovelace', '12 Analytical St', 'Toronto ON M5V 2T6', 'Canada'],
      },
    });
  });

  it('leaves cancelled orders out of amount spent but counts them as orders', async () => {
    const result = await gql(
      salesShop(),
      `{ customer(id: "gid://shopify/Customer/502") { numberOfOrders amountSpent { amount } defaultEmailAddress { marketingState } defaultPhoneNumber { phoneNumber } } }`,
    );
    expect(result.data?.customer).toEqual({
      numberOfOrders: '2',
      amountSpent: { amount: '0.00' },
      defaultEmailAddress: { marketingState: 'NOT_SUBSCRIBED' },
      defaultPhoneNumber: null,
    });
  });

  it('pages, sorts, filters and counts customers', async () => {
    const state = salesShop();
    const names = async (args: string) => {
      const result = await gql(state, `{ customers(${args}) { nodes { displayName } } }`);
      expect(result.errors).toBeUndefined();
      return (result.data?.customers.nodes as { displayName: string }[]).map((node) => node.displayName);
    };
    const first = await gql(
      state,
      '{ customers(first: 2, sortKey: NAME) { nodes { displayName } pageInfo { hasNextPage endCursor } } }',
    );
    expect(first.data?.customers.nodes).toEqual([{ displayName: 'Ada Lovelace' }, { displayName: 'Alan Turing' }]);
    const rest = await gql(
      state,
      'query($after: String) { customers(first: 2, sortKey: NAME, after: $after) { nodes { displayName } pageInfo { hasNextPage } } }',
      {
        after: first.data?.customers.pageInfo.endCursor,
      },
    );
    expect(rest.data?.customers).toEqual({
      nodes: [{ displayName: 'Grace Hopper' }],
      pageInfo: { hasNextPage: false },
    });
    expect(await names('first: 5, query: "tag:vip"')).toEqual(['Ada Lovelace']);
    expect(await names('first: 5, query: "state:disabled"')).toEqual(['Grace Hopper']);
    expect(await names('first: 5, query: "email:grace@example.com"')).toEqual(['Grace Hopper']);
    expect(await names('first: 5, query: "created_at:>=2024-01-10"')).toEqual(['Grace Hopper', 'Alan Turing']);
    expect(await names('first: 5, query: "updated_at:>2024-01-15 OR last_name:Turing", sortKey: UPDATED_AT')).toEqual([
      'Ada Lovelace',
      'Alan Turing',
    ]);
    expect(await names('first: 5, query: "first_name:Alan"')).toEqual(['Alan Turing']);
    const counted = await gql(state, '{ customersCount(query: "-tag:vip") { count precision } }');
    expect(counted.data?.customersCount).toEqual({ count: 2, precision: 'EXACT' });
  });
});

describe('devstore sales: shopifyqlQuery', () => {
  const money = { dataType: 'MONEY' };

  it('answers sales by day in the shop’s time zone, computed from orders and refunds', async () => {
    const response = await shopifyql(
      salesShop(),
      'FROM sales SHOW total_sales, orders, gross_sales, net_sales, discounts, returns, average_order_value GROUP BY day SINCE 2024-03-01 UNTIL 2024-03-03 ORDER BY day',
    );
    expect(response.parseErrors).toEqual([]);
    expect(response.tableData?.columns).toEqual([
      { name: 'day', dataType: 'DAY_TIMESTAMP', displayName: 'Day' },
      { name: 'total_sales', ...money, displayName: 'Total sales' },
      { name: 'orders', dataType: 'INTEGER', displayName: 'Orders' },
      { name: 'gross_sales', ...money, displayName: 'Gross sales' },
      { name: 'net_sales', ...money, displayName: 'Net sales' },
      { name: 'discounts', ...money, displayName: 'Discounts' },
      { name: 'returns', ...money, displayName: 'Returns' },
      { name: 'average_order_value', ...money, displayName: 'Average order value' },
    ]);
    expect(response.tableData?.rows).toEqual([
      // #1001 and #1002 (02:00 UTC on 03-02 is 21:00 on 03-01 in New York).
      {
        day: '2024-03-01',
        total_sales: '113.20',
        orders: 2,
        gross_sales: '105.00',
        net_sales: '97.00',
        discounts: '-8.00',
        returns: '0.00',
        average_order_value: '48.50',
      },
      // #1003; #1004 is cancelled.
      {
        day: '2024-03-02',
        total_sales: '32.00',
        orders: 1,
        gross_sales: '30.00',
        net_sales: '27.00',
        discounts: '-3.00',
        returns: '0.00',
        average_order_value: '27.00',
      },
      // #1005, and #1001's refund: 36.00 of lines, 5.00 of shipping. #1006 is a test order.
      {
        day: '2024-03-03',
        total_sales: '-8.65',
        orders: 1,
        gross_sales: '30.00',
        net_sales: '-9.00',
        discounts: '-3.00',
        returns: '-36.00',
        average_order_value: '27.00',
      },
    ]);
  });

  it('groups by week from Monday, fills a TIMESERIES, orders, limits and aliases', async () => {
    const state = salesShop();
    const weekly = await shopifyql(
      state,
      'FROM sales SHOW orders, total_sales GROUP BY week SINCE 2024-03-01 UNTIL 2024-03-05',
    );
    // Week of Mon 02-26: #1001, #1002, #1003, #1005. Week of Mon 03-04: #1007 (12.00) and #1003's refund (27.00 + 5.00 shipping).
    expect(weekly.tableData?.rows).toEqual([
      { week: '2024-02-26', orders: 4, total_sales: '136.55' },
      { week: '2024-03-04', orders: 1, total_sales: '-20.00' },
    ]);
    const series = await shopifyql(
      state,
      'FROM sales SHOW orders AS placed TIMESERIES day SINCE 2024-02-28 UNTIL 2024-03-02 ORDER BY placed DESC, day LIMIT 3',
    );
    expect(series.tableData?.columns).toEqual([
      { name: 'day', dataType: 'DAY_TIMESTAMP', displayName: 'Day' },
      { name: 'placed', dataType: 'INTEGER', displayName: 'placed' },
    ]);
    expect(series.tableData?.rows).toEqual([
      { day: '2024-03-01', placed: 2 },
      { day: '2024-03-02', placed: 1 },
      { day: '2024-02-28', placed: 0 },
    ]);
    const total = await shopifyql(state, 'FROM sales SHOW net_sales SINCE 2024-03-01 UNTIL 2024-03-31');
    // 97.00 + 27.00 − 9.00 + 12.00 (#1007) − 27.00 (#1003 returned)
    expect(total.tableData?.rows).toEqual([{ net_sales: '100.00' }]);
  });

  it('answers sessions derived from orders, the same on every call', async () => {
    const state = salesShop();
    const query =
      'FROM sessions SHOW sessions, conversion_rate, sessions_that_completed_checkout GROUP BY day SINCE 2024-03-01 UNTIL 2024-03-04';
    const first = await shopifyql(state, query);
    const second = await shopifyql(state, query);
    expect(second).toEqual(first);
    const rows = first.tableData?.rows as {
      day: string;
      sessions: number;
      conversion_rate: number;
      sessions_that_completed_checkout: number;
    }[];
    // Converted sessions are the day's orders, cancelled ones included, test ones not.
    expect(rows.map((row) => [row.day, row.sessions_that_completed_checkout])).toEqual([
      ['2024-03-01', 2],
      ['2024-03-02', 2],
      ['2024-03-03', 1],
      ['2024-03-04', 0],
    ]);
    for (const row of rows) {
      expect(row.conversion_rate).toEqual(
        Math.round((row.sessions_that_completed_checkout / row.sessions) * 10000) / 10000,
      );
      if (row.sessions_that_completed_checkout > 0) {
        expect(row.conversion_rate).toBeGreaterThanOrEqual(0.014);
        expect(row.conversion_rate).toBeLessThanOrEqual(0.036);
      } else {
        expect(row.sessions).toBeGreaterThan(0);
      }
    }
    expect(first.tableData?.columns.map((column) => column.dataType)).toEqual([
      'DAY_TIMESTAMP',
      'INTEGER',
      'PERCENT',
      'INTEGER',
    ]);
  });

  it('resolves relative dates against today in the shop’s time zone', async () => {
    const response = await shopifyql(salesShop(), 'FROM sales SHOW orders TIMESERIES day SINCE -3d UNTIL today');
    const todayInNewYork = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());
    const days = response.tableData?.rows.map((row) => row.day);
    expect(days).toHaveLength(4);
    expect(days?.at(-1)).toEqual(todayInNewYork);
    expect(response.tableData?.rows.map((row) => row.orders)).toEqual([0, 0, 0, 0]);
  });

  it('answers parseErrors and no table for a query it cannot read', async () => {
    const state = salesShop();
    const unknownColumn = await shopifyql(state, 'FROM sales SHOW total_sales, nope GROUP BY day SINCE -7d');
    expect(unknownColumn.tableData).toBeNull();
    expect(unknownColumn.parseErrors).toEqual([
      "Column 'nope' does not exist in table 'sales'. Available: orders, gross_sales, discounts, returns, net_sales, shipping_charges, taxes, total_sales, average_order_value.",
    ]);
    expect((await shopifyql(state, 'SHOW total_sales')).parseErrors).toEqual([
      'A ShopifyQL query needs FROM and SHOW.',
    ]);
    expect(
      (await shopifyql(state, 'FROM sales SHOW total_sales WHERE billing_country = "Canada"')).parseErrors[0],
    ).toContain('does not support WHERE');
    expect((await shopifyql(state, 'FROM visits SHOW total_sales')).parseErrors).toEqual([
      "Table 'visits' does not exist. The devstore answers FROM sales, sessions.",
    ]);
    expect((await shopifyql(state, 'FROM sales SHOW orders SINCE 2024-03-05 UNTIL 2024-03-01')).parseErrors).toEqual([
      'The UNTIL date 2024-03-01 is before the SINCE date 2024-03-05.',
    ]);
  });

  it('refuses with ACCESS_DENIED on a shop without ShopifyQL', async () => {
    const result = await gql(
      salesShop({ shopifyqlAvailable: false }),
      '{ shopifyqlQuery(query: "FROM sales SHOW total_sales") { parseErrors } }',
    );
    expect(result.data).toEqual({ shopifyqlQuery: null });
    expect(result.errors?.map((error) => [error.message.split('.')[0], error.extensions.code, error.path])).toEqual([
      ['Access denied for shopifyqlQuery field', 'ACCESS_DENIED', ['shopifyqlQuery']],
    ]);
    expect(result.errors?.[0]?.message).toContain('Required access: `read_reports` access scope.');
  });
});

describe('refund money across a seeded shop', () => {
  it('never reports negative shipping or tax, and the current totals add up', async () => {
    const { seedShop, DEFAULT_SHOPS } = await import('./seed');
    const state = await seedShop({
      ...(DEFAULT_SHOPS[0] as (typeof DEFAULT_SHOPS)[number]),
      seed: 11,
      products: 30,
      customers: 300,
      orders: 3000,
      images: false,
      now: new Date('2026-06-01T12:00:00Z'),
    });
    const amount = (bag: { shopMoney: { amount: string } }) => Math.round(Number(bag.shopMoney.amount) * 100);
    const result = await gql(
      state,
      `{ orders(first: 250, query: "financial_status:refunded OR financial_status:partially_refunded") { nodes {
        currentSubtotalPriceSet { shopMoney { amount } } currentShippingPriceSet { shopMoney { amount } }
        currentTotalTaxSet { shopMoney { amount } } currentTotalPriceSet { shopMoney { amount } }
        totalTaxSet { shopMoney { amount } } totalRefundedSet { shopMoney { amount } } totalPriceSet { shopMoney { amount } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const orders = result.data?.orders.nodes as Record<string, { shopMoney: { amount: string } }>[];
    expect(orders.length).toBeGreaterThan(20);
    for (const order of orders) {
      const [subtotal, shipping, tax, total] = [
        'currentSubtotalPriceSet',
        'currentShippingPriceSet',
        'currentTotalTaxSet',
        'currentTotalPriceSet',
      ].map((key) => amount(order[key] as never)) as [number, number, number, number];
      expect(shipping).toBeGreaterThanOrEqual(0);
      expect(tax).toBeGreaterThanOrEqual(0);
      expect(tax).toBeLessThanOrEqual(amount(order.totalTaxSet as never));
      expect(subtotal + shipping + tax).toBe(total);
      expect(total).toBe(amount(order.totalPriceSet as never) - amount(order.totalRefundedSet as never));
    }
  });
});
