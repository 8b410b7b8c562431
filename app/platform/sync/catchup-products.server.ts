/**
 * Catch-up of products: those updated since the last run, 25 a page by
 * updatedAt, each with its first 10 variants inline and the rest read after
 * (a page of 25 products × 10 variants stays under Shopify's 1,000-point
 * query limit). Fields as in the products bulk query.
 */
import type { AdminGateway } from '../shopify/admin-gateway.server';
import { changedPages, connectionAt, restOf, type CatchUpReader } from './catchup-pages';
import type { BulkRecord } from './from-bulk';

const PRODUCTS_SINCE = `#graphql
  query SyncProductsSince($query: String!, $after: String) {
    products(first: 25, after: $after, query: $query, sortKey: UPDATED_AT) {
      nodes {
        id
        title
        handle
        status
        vendor
        productType
        tags
        createdAt
        updatedAt
        variants(first: 10) {
          nodes {
            __typename
            id
            title
            sku
            price
            compareAtPrice
            inventoryQuantity
            updatedAt
            inventoryItem {
              id
              unitCost {
                amount
              }
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

const PRODUCT_VARIANTS_PAGE = `#graphql
  query SyncProductVariantsPage($id: ID!, $after: String) {
    product(id: $id) {
      variants(first: 100, after: $after) {
        nodes {
          __typename
          id
          title
          sku
          price
          compareAtPrice
          inventoryQuantity
          updatedAt
          inventoryItem {
            id
            unitCost {
              amount
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`;

async function productRecord(gateway: AdminGateway, node: Record<string, unknown>): Promise<BulkRecord> {
  const { variants, ...product } = node;
  const first = connectionAt({ variants }, ['variants'], 'product variants');
  const children = await restOf(first, async (after) =>
    connectionAt(
      await gateway.request(PRODUCT_VARIANTS_PAGE, { id: String(product.id), after }),
      ['product', 'variants'],
      'product variants',
    ),
  );
  return { node: product, children };
}

export const productsCatchUp: CatchUpReader = {
  ordered: true,
  pages: (gateway, since) =>
    changedPages(gateway, since, PRODUCTS_SINCE, 'products', (node) => productRecord(gateway, node)),
};
