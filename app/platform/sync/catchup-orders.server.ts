/**
 * Catch-up of orders: those updated since the last run, 6 a page by
 * updatedAt, each with its first 10 line items, 5 discount applications and
 * every refund with its first 10 lines inline, the rest read after (an
 * order asks for about 150 points; 6 stay under Shopify's 1,000-point query
 * limit). Fields as in the orders bulk query, plus the refund lines a bulk
 * query cannot hold.
 */
import { z } from 'zod';
import type { AdminGateway } from '../shopify/admin-gateway.server';
import { changedPages, connectionAt, connectionSchema, restOf, type CatchUpReader } from './catchup-pages';
import type { BulkRecord } from './from-bulk';
import { allRefundLineNodes } from './refund-lines.server';

const ORDERS_SINCE = `#graphql
  query SyncOrdersSince($query: String!, $after: String) {
    orders(first: 6, after: $after, query: $query, sortKey: UPDATED_AT) {
      nodes {
        id
        name
        email
        phone
        createdAt
        processedAt
        updatedAt
        cancelledAt
        closedAt
        currencyCode
        presentmentCurrencyCode
        customer {
          id
        }
        subtotalPriceSet {
          shopMoney {
            amount
          }
        }
        totalDiscountsSet {
          shopMoney {
            amount
          }
        }
        totalShippingPriceSet {
          shopMoney {
            amount
          }
        }
        totalTaxSet {
          shopMoney {
            amount
          }
        }
        totalPriceSet {
          shopMoney {
            amount
          }
          presentmentMoney {
            amount
          }
        }
        totalRefundedSet {
          shopMoney {
            amount
          }
        }
        displayFinancialStatus
        displayFulfillmentStatus
        sourceName
        discountCodes
        tags
        test
        refunds {
          id
          createdAt
          note
          totalRefundedSet {
            shopMoney {
              amount
            }
          }
          refundLineItems(first: 10) {
            nodes {
              lineItem {
                id
              }
              quantity
              subtotalSet {
                shopMoney {
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
        customerJourneySummary {
          daysToConversion
          firstVisit {
            occurredAt
            source
            landingPage
            referrerUrl
            utmParameters {
              source
              medium
              campaign
              content
              term
            }
          }
          lastVisit {
            occurredAt
            source
            landingPage
            referrerUrl
            utmParameters {
              source
              medium
              campaign
              content
              term
            }
          }
        }
        lineItems(first: 10) {
          nodes {
            __typename
            id
            title
            variantTitle
            sku
            quantity
            product {
              id
            }
            variant {
              id
            }
            originalUnitPriceSet {
              shopMoney {
                amount
              }
            }
            totalDiscountSet {
              shopMoney {
                amount
              }
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
        discountApplications(first: 5) {
          nodes {
            __typename
            index
            allocationMethod
            targetType
            value {
              __typename
              ... on MoneyV2 {
                amount
                currencyCode
              }
              ... on PricingPercentageValue {
                percentage
              }
            }
            ... on DiscountCodeApplication {
              code
            }
            ... on AutomaticDiscountApplication {
              title
            }
            ... on ManualDiscountApplication {
              title
            }
            ... on ScriptDiscountApplication {
              title
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

const ORDER_LINE_ITEMS_PAGE = `#graphql
  query SyncOrderLineItemsPage($id: ID!, $after: String) {
    order(id: $id) {
      lineItems(first: 100, after: $after) {
        nodes {
          __typename
          id
          title
          variantTitle
          sku
          quantity
          product {
            id
          }
          variant {
            id
          }
          originalUnitPriceSet {
            shopMoney {
              amount
            }
          }
          totalDiscountSet {
            shopMoney {
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

const ORDER_DISCOUNTS_PAGE = `#graphql
  query SyncOrderDiscountsPage($id: ID!, $after: String) {
    order(id: $id) {
      discountApplications(first: 100, after: $after) {
        nodes {
          __typename
          index
          allocationMethod
          targetType
          value {
            __typename
            ... on MoneyV2 {
              amount
              currencyCode
            }
            ... on PricingPercentageValue {
              percentage
            }
          }
          ... on DiscountCodeApplication {
            code
          }
          ... on AutomaticDiscountApplication {
            title
          }
          ... on ManualDiscountApplication {
            title
          }
          ... on ScriptDiscountApplication {
            title
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

const refundsSchema = z.array(z.object({ id: z.string(), refundLineItems: connectionSchema }).passthrough());

/** Refunds whose inline lines were cut at the first page get the rest of them. */
async function completeRefunds(gateway: AdminGateway, refunds: unknown): Promise<unknown[]> {
  const complete: unknown[] = [];
  for (const refund of refundsSchema.parse(refunds)) {
    const lines = refund.refundLineItems;
    if (!lines.pageInfo.hasNextPage) {
      complete.push(refund);
      continue;
    }
    const nodes = await allRefundLineNodes(gateway, refund.id, lines);
    complete.push({ ...refund, refundLineItems: { nodes, pageInfo: { hasNextPage: false, endCursor: null } } });
  }
  return complete;
}

async function orderRecord(gateway: AdminGateway, node: Record<string, unknown>): Promise<BulkRecord> {
  const { lineItems, discountApplications, refunds, ...order } = node;
  const id = String(order.id);
  const nested = (document: string, key: string) => async (after: string) =>
    connectionAt(await gateway.request(document, { id, after }), ['order', key], `order ${key}`);
  const lines = await restOf(
    connectionAt({ lineItems }, ['lineItems'], 'order line items'),
    nested(ORDER_LINE_ITEMS_PAGE, 'lineItems'),
  );
  const discounts = await restOf(
    connectionAt({ discountApplications }, ['discountApplications'], 'order discount applications'),
    nested(ORDER_DISCOUNTS_PAGE, 'discountApplications'),
  );
  return { node: { ...order, refunds: await completeRefunds(gateway, refunds) }, children: [...lines, ...discounts] };
}

export const ordersCatchUp: CatchUpReader = {
  ordered: true,
  pages: (gateway, since) => changedPages(gateway, since, ORDERS_SINCE, 'orders', (node) => orderRecord(gateway, node)),
};
