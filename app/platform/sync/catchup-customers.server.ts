/**
 * Catch-up of customers: those updated since the last run, 200 a page by
 * updatedAt (200 × 4 points stays under Shopify's 1,000-point query limit).
 * Fields as in the customers bulk query.
 */
import { changedPages, type CatchUpReader } from './catchup-pages';

const CUSTOMERS_SINCE = `#graphql
  query SyncCustomersSince($query: String!, $after: String) {
    customers(first: 200, after: $after, query: $query, sortKey: UPDATED_AT) {
      nodes {
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
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export const customersCatchUp: CatchUpReader = {
  ordered: true,
  pages: (gateway, since) =>
    changedPages(gateway, since, CUSTOMERS_SINCE, 'customers', (node) => ({ node, children: [] })),
};
