/**
 * The queries a full sync hands to bulkOperationRunQuery, one per resource.
 * Shopify runs them itself and writes every node of every connection as a
 * JSONL line; a nested connection's nodes follow their parent carrying
 * `__parentId`, and name their type (`__typename`) so the reader can tell
 * them apart. Shopify's limits for bulk queries shape them: at most 5
 * connections, nested at most 2 deep, and no connection inside a list field
 * (so an order's refunds come without their lines, which refund-lines.server.ts
 * reads afterwards).
 *
 * They are plain strings, not `#graphql` documents: Shopify accepts them only
 * inside a bulk operation (connections without `first`), so they are never
 * sent as requests. bulk-queries.test.ts validates them against the 2026-10
 * schema like every other document, and checks that the paged catch-up
 * documents select exactly the same fields.
 */
import type { SyncResource } from './resources';

const PRODUCTS = `{
  products {
    edges {
      node {
        id
        title
        handle
        status
        vendor
        productType
        tags
        createdAt
        updatedAt
        variants {
          edges {
            node {
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
          }
        }
      }
    }
  }
}`;

const CUSTOMERS = `{
  customers {
    edges {
      node {
        id
        firstName
        lastName
        defaultEmailAddress {
          emailAddress
        }
        defaultPhoneNumber {
          phoneNumber
        }
        state
        tags
        numberOfOrders
        amountSpent {
          amount
        }
        createdAt
        updatedAt
      }
    }
  }
}`;

const ORDERS = `{
  orders {
    edges {
      node {
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
        lineItems {
          edges {
            node {
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
          }
        }
        discountApplications {
          edges {
            node {
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
          }
        }
      }
    }
  }
}`;

const INVENTORY = `{
  locations {
    edges {
      node {
        id
        inventoryLevels {
          edges {
            node {
              __typename
              id
              item {
                id
              }
              quantities(names: ["available"]) {
                name
                quantity
              }
              updatedAt
            }
          }
        }
      }
    }
  }
}`;

export const BULK_QUERIES: Record<SyncResource, string> = {
  products: PRODUCTS,
  customers: CUSTOMERS,
  orders: ORDERS,
  inventory: INVENTORY,
};
