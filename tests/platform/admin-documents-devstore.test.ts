/**
 * Every Admin GraphQL document in app/ runs against the devstore (Shopify's
 * schema, executed over seeded data) and returns data without errors. A
 * document that needs variables gets them from VARIABLES; one without an
 * entry there fails the test, so no document goes unexercised.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startDevstore } from '../../devstore/index';
import { appDocuments } from './app-documents';

/** Variables for documents that require them, by operation name. */
const VARIABLES: Record<string, Record<string, unknown>> = {
  // app/platform/sync: the catch-up reads everything changed since 2020; lookups of unknown ids answer null.
  SyncBulkRun: { query: '{ customers { edges { node { id } } } }' },
  SyncBulkOperation: { id: 'gid://shopify/BulkOperation/1' },
  SyncRefundLines: { ids: ['gid://shopify/Refund/1'] },
  SyncRefundLinesPage: { id: 'gid://shopify/Refund/1' },
  SyncProductsSince: { query: "updated_at:>='2020-01-01T00:00:00Z'" },
  SyncProductVariantsPage: { id: 'gid://shopify/Product/1' },
  SyncCustomersSince: { query: "updated_at:>='2020-01-01T00:00:00Z'" },
  SyncOrdersSince: { query: "updated_at:>='2020-01-01T00:00:00Z'" },
  SyncOrderLineItemsPage: { id: 'gid://shopify/Order/1' },
  SyncOrderDiscountsPage: { id: 'gid://shopify/Order/1' },
  SyncLocations: {},
  SyncLocationLevelsSince: { id: 'gid://shopify/Location/1', query: "updated_at:>='2020-01-01T00:00:00Z'" },
  // app/modules/studio: unknown ids answer null or userErrors; an empty files list is a valid productSet.
  StudioProductMedia: { id: 'gid://shopify/Product/1' },
  StudioMediaPage: { first: 2 },
  StudioStagedUpload: { input: [{ filename: 'a.jpg', mimeType: 'image/jpeg', resource: 'IMAGE', httpMethod: 'POST' }] },
  StudioFileCreate: { files: [{ originalSource: 'https://example.com/a.jpg', contentType: 'IMAGE' }] },
  StudioFileByName: { query: 'filename:"studio-none.jpg"' },
  StudioFileStatus: { id: 'gid://shopify/MediaImage/1' },
  StudioProductFilesSet: { identifier: { id: 'gid://shopify/Product/999999' }, input: { files: [] } },
  StudioBatchNodes: { ids: ['gid://shopify/Product/1', 'gid://shopify/MediaImage/1'] },
  // app/modules/inbox: the customer beside a ticket (an unknown id answers null), an order by its number.
  InboxCustomer: { id: 'gid://shopify/Customer/1' },
  InboxOrdersSearch: { query: 'name:"#1001"' },
  // app/modules/content: unknown ids answer null or userErrors; a page of articles.
  ContentArticles: { first: 5 },
  ContentArticle: { id: 'gid://shopify/Article/1' },
  ContentArticleCreate: { article: { title: 'Draft', author: { name: 'Sam' } } },
  ContentArticleUpdate: { id: 'gid://shopify/Article/1', article: { title: 'Draft' } },
  ContentProduct: { id: 'gid://shopify/Product/1' },
  ContentProductMoreMedia: { id: 'gid://shopify/Product/1' },
  ContentProductSeoUpdate: { product: { id: 'gid://shopify/Product/999999', seo: { title: 'SEO' } } },
  ContentImageAltUpdate: { files: [{ id: 'gid://shopify/MediaImage/999999', alt: 'Alt' }] },
  // app/modules/insights: sessions of September and August (the shop answers ShopifyQL).
  InsightsSessions: {
    query:
      'FROM sessions SHOW sessions, sessions_that_completed_checkout TIMESERIES day SINCE 2026-08-02 UNTIL 2026-09-30',
  },
};

const devstore = await startDevstore({
  seed: 3,
  products: 20,
  customers: 50,
  orders: 200,
  images: false,
  now: new Date('2026-10-01T12:00:00Z'),
  app: { apiKey: 'testApiKey', apiSecret: 'testApiSecretKey', scopes: (process.env.SCOPES as string).split(',') },
});
const shop = devstore.shops[0] as string;
const token = devstore.grantToken(shop);
afterAll(() => devstore.close());

describe('Admin GraphQL documents against the devstore', () => {
  it.each(appDocuments().map((document) => [document.name, document]))(
    '%s runs and returns data',
    async (name, document) => {
      const needsVariables = /^\s*(query|mutation)\s+\w+\s*\(/.test(document.body);
      if (needsVariables) expect(VARIABLES, `add variables for ${name} to VARIABLES`).toHaveProperty(name);
      const response = await fetch(devstore.graphqlUrl(shop), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Shopify-Access-Token': token },
        body: JSON.stringify({ query: document.body, variables: VARIABLES[name] ?? {} }),
      });
      const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
      expect(body.errors).toBeUndefined();
      expect(Object.keys(body.data ?? {}).length).toBeGreaterThan(0);
    },
  );
});
