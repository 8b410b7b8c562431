import { describe, expect, it } from 'vitest';
import type { ShopState } from './state/shop-state';
import type { OrderRecord } from './state/types';
import { emptyShop, gql, orderRecord } from './test-support';

const DAY = 86_400_000;
const fromNow = (days: number) => new Date(Date.now() + days * DAY).toISOString();

function order(id: number, codes: string[]): OrderRecord {
  return orderRecord(id, { createdAt: fromNow(-1), discountCodes: codes, fulfillmentStatus: 'FULFILLED' });
}

function marketingShop(): ShopState {
  const state = emptyShop();
  const base = { usageLimit: null, appliesOncePerCustomer: false, createdAt: fromNow(-30), updatedAt: fromNow(-30) };
  state.discounts.set(1, {
    id: 1,
    title: 'Welcome',
    codes: ['WELCOME10'],
    kind: 'percentage',
    value: '0.1',
    startsAt: fromNow(-20),
    endsAt: null,
    ...base,
    appliesOncePerCustomer: true,
  });
  state.discounts.set(2, {
    id: 2,
    title: 'Summer',
    codes: ['SUMMER5', 'SUN5'],
    kind: 'amount',
    value: '5.00',
    startsAt: fromNow(-100),
    endsAt: fromNow(-10),
    ...base,
    usageLimit: 100,
  });
  state.discounts.set(3, {
    id: 3,
    title: 'Black Friday',
    codes: ['BF25'],
    kind: 'percentage',
    value: '0.25',
    startsAt: fromNow(10),
    endsAt: fromNow(14),
    ...base,
    updatedAt: fromNow(-1),
  });
  state.orders.set(100, order(100, ['WELCOME10']));
  state.orders.set(101, order(101, ['welcome10']));
  state.orders.set(102, order(102, ['SUN5']));
  const activity = {
    status: 'ACTIVE',
    remoteUrl: 'https://ads.example/1',
    budget: null,
    adSpend: null,
    startedAt: null,
    endedAt: null,
  };
  state.marketingActivities.set(10, {
    id: 10,
    remoteId: 'ad-1',
    title: 'Spring search',
    tactic: 'AD',
    marketingChannelType: 'SEARCH',
    utm: { source: 'google', medium: 'cpc', campaign: 'spring' },
    ...activity,
    budget: { amount: '500.00', currencyCode: 'USD', budgetType: 'DAILY' },
    adSpend: '120.50',
    createdAt: fromNow(-9),
    updatedAt: fromNow(-9),
  });
  state.marketingActivities.set(11, {
    id: 11,
    remoteId: 'mail-1',
    title: 'Newsletter May',
    tactic: 'NEWSLETTER',
    marketingChannelType: 'EMAIL',
    utm: { source: 'email', medium: 'newsletter', campaign: 'may' },
    ...activity,
    createdAt: fromNow(-8),
    updatedAt: fromNow(-2),
  });
  state.marketingActivities.set(12, {
    id: 12,
    remoteId: 'post-1',
    title: 'Instagram post',
    tactic: 'POST',
    marketingChannelType: 'SOCIAL',
    utm: { source: 'instagram', medium: 'social', campaign: 'insta' },
    ...activity,
    createdAt: fromNow(-7),
    updatedAt: fromNow(-7),
  });
  return state;
}

const discountFields = `id codeDiscount { __typename ... on DiscountCodeBasic { title status startsAt endsAt usageLimit appliesOncePerCustomer asyncUsageCount summary
  codesCount { count } codes(first: 5) { nodes { code asyncUsageCount } }
  customerGets { value { __typename ... on DiscountPercentage { percentage } ... on DiscountAmount { amount { amount currencyCode } appliesOnEachItem } } items { __typename ... on AllDiscountItems { allItems } } } } }`;

describe('devstore code discounts', () => {
  it('answers a discount with its status, codes, value and usage from orders', async () => {
    const state = marketingShop();
    const result = await gql(
      state,
      `{ codeDiscountNode(id: "gid://shopify/DiscountCodeNode/2") { ${discountFields} } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.codeDiscountNode).toEqual({
      id: 'gid://shopify/DiscountCodeNode/2',
      codeDiscount: {
        __typename: 'DiscountCodeBasic',
        title: 'Summer',
        status: 'EXPIRED',
        startsAt: state.discounts.get(2)?.startsAt,
        endsAt: state.discounts.get(2)?.endsAt,
        usageLimit: 100,
        appliesOncePerCustomer: false,
        asyncUsageCount: 1,
        summary: '$5.00 off entire order • Limit of 100 uses',
        codesCount: { count: 2 },
        codes: {
          nodes: [
            { code: 'SUMMER5', asyncUsageCount: 0 },
            { code: 'SUN5', asyncUsageCount: 1 },
          ],
        },
        customerGets: {
          value: {
            __typename: 'DiscountAmount',
            amount: { amount: '5.00', currencyCode: 'USD' },
            appliesOnEachItem: false,
          },
          items: { __typename: 'AllDiscountItems', allItems: true },
        },
      },
    });
  });

  it('finds a discount by code, case-insensitively, and by node id', async () => {
    const state = marketingShop();
    const result = await gql(
      state,
      `{ codeDiscountNodeByCode(code: "welcome10") { id codeDiscount { ... on DiscountCodeBasic { status summary customerGets { value { ... on DiscountPercentage { percentage } } } } } }
         node(id: "gid://shopify/DiscountCodeNode/3") { ... on DiscountCodeNode { codeDiscount { ... on DiscountCodeBasic { title status } } } }
         discountNode(id: "gid://shopify/DiscountNode/1") { id discount { ... on DiscountCodeBasic { title asyncUsageCount } } } }`,
    );
    expect(result.data).toEqual({
      codeDiscountNodeByCode: {
        id: 'gid://shopify/DiscountCodeNode/1',
        codeDiscount: {
          status: 'ACTIVE',
          summary: '10% off entire order • One use per customer',
          customerGets: { value: { percentage: 0.1 } },
        },
      },
      node: { codeDiscount: { title: 'Black Friday', status: 'SCHEDULED' } },
      discountNode: { id: 'gid://shopify/DiscountNode/1', discount: { title: 'Welcome', asyncUsageCount: 2 } },
    });
  });

  it('pages through every discount once, and filters by status, title and dates', async () => {
    const state = marketingShop();
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof gql>> = await gql(
        state,
        `query($after: String) { codeDiscountNodes(first: 2, after: $after, sortKey: TITLE) { nodes { id } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      seen.push(...(page.data?.codeDiscountNodes.nodes ?? []).map((node: { id: string }) => node.id));
      after = page.data?.codeDiscountNodes.pageInfo.hasNextPage ? page.data.codeDiscountNodes.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual([
      'gid://shopify/DiscountCodeNode/3',
      'gid://shopify/DiscountCodeNode/2',
      'gid://shopify/DiscountCodeNode/1',
    ]);
    const titles = async (query: string, root = 'codeDiscountNodes') => {
      const field = root === 'codeDiscountNodes' ? 'codeDiscount' : 'discount';
      const result = await gql(
        state,
        `query($q: String) { ${root}(first: 10, query: $q) { nodes { ${field} { ... on DiscountCodeBasic { title } } } } }`,
        { q: query },
      );
      expect(result.errors).toBeUndefined();
      return result.data?.[root].nodes.map((node: Record<string, { title: string }>) => node[field]?.title);
    };
    expect(await titles('status:active')).toEqual(['Welcome']);
    expect(await titles('status:scheduled OR status:expired')).toEqual(['Summer', 'Black Friday']);
    expect(await titles('title:Summer')).toEqual(['Summer']);
    expect(await titles(`starts_at:>'${fromNow(-50)}'`)).toEqual(['Welcome', 'Black Friday']);
    expect(await titles(`updated_at:>'${fromNow(-5)}'`)).toEqual(['Black Friday']);
    expect(await titles('code:SUN5', 'discountNodes')).toEqual(['Summer']);
    const counted = await gql(state, `{ discountNodesCount(query: "status:active") { count precision } }`);
    expect(counted.data?.discountNodesCount).toEqual({ count: 1, precision: 'EXACT' });
  });
});

describe('devstore discountCodeBasicCreate', () => {
  const create = `mutation($input: DiscountCodeBasicInput!) { discountCodeBasicCreate(basicCodeDiscount: $input) {
    codeDiscountNode { ${discountFields} } userErrors { field message code } } }`;
  const valid = {
    title: '15% off',
    code: 'SAVE15',
    startsAt: fromNow(-1),
    endsAt: fromNow(30),
    usageLimit: 50,
    appliesOncePerCustomer: true,
    customerGets: { value: { percentage: 0.15 }, items: { all: true } },
  };

  it('creates a percentage discount that later queries find', async () => {
    const state = marketingShop();
    const result = await gql(state, create, { input: valid });
    expect(result.errors).toBeUndefined();
    expect(result.data?.discountCodeBasicCreate.userErrors).toEqual([]);
    const node = result.data?.discountCodeBasicCreate.codeDiscountNode;
    expect(node.codeDiscount).toMatchObject({
      title: '15% off',
      status: 'ACTIVE',
      usageLimit: 50,
      appliesOncePerCustomer: true,
      asyncUsageCount: 0,
      codes: { nodes: [{ code: 'SAVE15', asyncUsageCount: 0 }] },
      customerGets: { value: { __typename: 'DiscountPercentage', percentage: 0.15 } },
    });
    const found = await gql(state, `{ codeDiscountNodeByCode(code: "SAVE15") { id } }`);
    expect(found.data?.codeDiscountNodeByCode).toEqual({ id: node.id });
  });

  it('creates an amount discount', async () => {
    const state = marketingShop();
    const input = {
      ...valid,
      code: 'TENOFF',
      title: 'Ten off',
      customerGets: { value: { discountAmount: { amount: '10', appliesOnEachItem: false } }, items: { all: true } },
    };
    const result = await gql(state, create, { input });
    expect(result.data?.discountCodeBasicCreate.codeDiscountNode.codeDiscount.customerGets.value).toEqual({
      __typename: 'DiscountAmount',
      amount: { amount: '10.00', currencyCode: 'USD' },
      appliesOnEachItem: false,
    });
  });

  it('answers userErrors for a taken code, a blank title, a percentage out of range and an end before the start', async () => {
    const state = marketingShop();
    const errors = async (input: Record<string, unknown>) => {
      const result = await gql(state, create, { input });
      expect(result.data?.discountCodeBasicCreate.codeDiscountNode).toBeNull();
      return result.data?.discountCodeBasicCreate.userErrors;
    };
    expect(await errors({ ...valid, code: 'sun5' })).toEqual([
      {
        field: ['basicCodeDiscount', 'code'],
        message: 'Code must be unique. Please try a different code.',
        code: 'TAKEN',
      },
    ]);
    expect(await errors({ ...valid, title: ' ' })).toEqual([
      { field: ['basicCodeDiscount', 'title'], message: "Title can't be blank", code: 'BLANK' },
    ]);
    expect(await errors({ ...valid, customerGets: { value: { percentage: 1.5 }, items: { all: true } } })).toEqual([
      {
        field: ['basicCodeDiscount', 'customerGets', 'value', 'percentage'],
        message: 'Value must be between 0.0 and 1.0',
        code: 'VALUE_OUTSIDE_RANGE',
      },
    ]);
    expect(await errors({ ...valid, endsAt: fromNow(-2) })).toEqual([
      {
        field: ['basicCodeDiscount', 'endsAt'],
        message: 'Ends at needs to be after starts_at',
        code: 'END_DATE_BEFORE_START_DATE',
      },
    ]);
    expect(state.discounts.size).toBe(3);
  });

  it('fails loudly for options the devstore does not hold', async () => {
    const result = await gql(marketingShop(), create, {
      input: { ...valid, minimumRequirement: { subtotal: { greaterThanOrEqualToSubtotal: '50' } } },
    });
    expect(result.errors?.[0]?.message).toContain('DiscountCodeBasicInput.minimumRequirement');
  });
});

describe('devstore marketing activities', () => {
  const fields = `id title status statusLabel tactic marketingChannelType sourceAndMedium isExternal urlParameterValue
    utmParameters { source medium campaign } budget { budgetType total { amount currencyCode } } adSpend { amount currencyCode } createdAt app { apiKey }`;

  it('answers an activity with its UTM parameters, budget and spend', async () => {
    const state = marketingShop();
    const result = await gql(state, `{ marketingActivity(id: "gid://shopify/MarketingActivity/10") { ${fields} } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.marketingActivity).toEqual({
      id: 'gid://shopify/MarketingActivity/10',
      title: 'Spring search',
      status: 'ACTIVE',
      statusLabel: 'Active',
      tactic: 'AD',
      marketingChannelType: 'SEARCH',
      sourceAndMedium: 'Google ad',
      isExternal: true,
      urlParameterValue: null,
      utmParameters: { source: 'google', medium: 'cpc', campaign: 'spring' },
      budget: { budgetType: 'DAILY', total: { amount: '500.00', currencyCode: 'USD' } },
      adSpend: { amount: '120.50', currencyCode: 'USD' },
      createdAt: state.marketingActivities.get(10)?.createdAt,
      app: { apiKey: 'testApiKey' },
    });
  });

  it('pages through every activity once, newest last by default, and filters', async () => {
    const state = marketingShop();
    const first = await gql(
      state,
      `{ marketingActivities(first: 2) { nodes { id } pageInfo { hasNextPage endCursor } } }`,
    );
    const second = await gql(
      state,
      `query($after: String) { marketingActivities(first: 2, after: $after) { nodes { id } pageInfo { hasNextPage } } }`,
      {
        after: first.data?.marketingActivities.pageInfo.endCursor,
      },
    );
    expect([
      ...(first.data?.marketingActivities.nodes ?? []),
      ...(second.data?.marketingActivities.nodes ?? []),
    ]).toEqual([
      { id: 'gid://shopify/MarketingActivity/10' },
      { id: 'gid://shopify/MarketingActivity/11' },
      { id: 'gid://shopify/MarketingActivity/12' },
    ]);
    expect(second.data?.marketingActivities.pageInfo.hasNextPage).toBe(false);
    const titles = async (args: string) =>
      (
        await gql(state, `{ marketingActivities(first: 10, ${args}) { nodes { title } } }`)
      ).data?.marketingActivities.nodes.map((node: { title: string }) => node.title);
    expect(await titles('query: "tactic:NEWSLETTER"')).toEqual(['Newsletter May']);
    expect(await titles(`query: "updated_at:>'${fromNow(-3)}'"`)).toEqual(['Newsletter May']);
    expect(await titles(`query: "created_at:>='${fromNow(-8.5)}'", sortKey: TITLE`)).toEqual([
      'Instagram post',
      'Newsletter May',
    ]);
    expect(await titles('remoteIds: ["post-1", "ad-1"]')).toEqual(['Spring search', 'Instagram post']);
    expect(await titles('utm: { source: "email", medium: "newsletter", campaign: "may" }')).toEqual(['Newsletter May']);
  });

  const upsert = `mutation($input: MarketingActivityUpsertExternalInput!) { marketingActivityUpsertExternal(input: $input) {
    marketingActivity { ${fields} updatedAt } userErrors { field message code } } }`;
  const input = {
    title: 'Autumn retargeting',
    remoteId: 'ad-2',
    remoteUrl: 'https://ads.example/2',
    status: 'ACTIVE',
    tactic: 'RETARGETING',
    marketingChannelType: 'SOCIAL',
    utm: { source: 'facebook', medium: 'paid_social', campaign: 'autumn' },
    budget: { budgetType: 'LIFETIME', total: { amount: '300', currencyCode: 'USD' } },
    adSpend: { amount: '12.5', currencyCode: 'USD' },
  };

  it('creates an activity, then updates the same one by remoteId', async () => {
    const state = marketingShop();
    const created = await gql(state, upsert, { input });
    expect(created.errors).toBeUndefined();
    expect(created.data?.marketingActivityUpsertExternal.userErrors).toEqual([]);
    const activity = created.data?.marketingActivityUpsertExternal.marketingActivity;
    expect(activity).toMatchObject({
      title: 'Autumn retargeting',
      sourceAndMedium: 'Facebook retargeting',
      utmParameters: { source: 'facebook', medium: 'paid_social', campaign: 'autumn' },
      budget: { budgetType: 'LIFETIME', total: { amount: '300.00', currencyCode: 'USD' } },
      adSpend: { amount: '12.50', currencyCode: 'USD' },
    });
    const updated = await gql(state, upsert, {
      input: { ...input, status: 'PAUSED', adSpend: { amount: '40', currencyCode: 'USD' }, budget: undefined },
    });
    const again = updated.data?.marketingActivityUpsertExternal.marketingActivity;
    expect(again).toMatchObject({
      id: activity.id,
      status: 'PAUSED',
      statusLabel: 'Paused',
      adSpend: { amount: '40.00' },
      budget: { total: { amount: '300.00' } },
    });
    expect(again.updatedAt > activity.updatedAt).toBe(true);
    expect(state.marketingActivities.size).toBe(4);
  });

  it('answers userErrors for missing UTM, changed UTM, a taken campaign and mismatched currencies', async () => {
    const state = marketingShop();
    const errors = async (changes: Record<string, unknown>) => {
      const result = await gql(state, upsert, { input: { ...input, ...changes } });
      expect(result.data?.marketingActivityUpsertExternal.marketingActivity).toBeNull();
      return result.data?.marketingActivityUpsertExternal.userErrors;
    };
    expect(await errors({ utm: null })).toEqual([
      {
        field: ['input'],
        message: 'Non-hierarchical marketing activities must have UTM parameters or a URL parameter value.',
        code: 'NON_HIERARCHIAL_REQUIRES_UTM_URL_PARAMETER',
      },
    ]);
    expect(await errors({ remoteId: 'ad-1' })).toEqual([
      { field: ['input', 'utm'], message: 'UTM parameters cannot be modified', code: 'IMMUTABLE_UTM_PARAMETERS' },
    ]);
    expect(await errors({ utm: { source: 'x', medium: 'y', campaign: 'may' } })).toEqual([
      {
        field: ['input', 'utm', 'campaign'],
        message: 'A marketing activity with this UTM campaign already exists',
        code: 'MARKETING_ACTIVITY_WITH_UTM_CAMPAIGN_ALREADY_EXISTS',
      },
    ]);
    expect(await errors({ adSpend: { amount: '1', currencyCode: 'EUR' } })).toEqual([
      {
        field: ['input', 'adSpend'],
        message: 'Currency code is not matching between budget and ad spend',
        code: 'CURRENCY_CODE_MISMATCH_INPUT',
      },
    ]);
    expect(await errors({ title: '' })).toEqual([
      { field: ['input', 'title'], message: "Title can't be blank", code: 'INVALID' },
    ]);
    expect(state.marketingActivities.size).toBe(3);
  });
});
