/**
 * Catch-up of customers: those updated since the last run, 200 a page by
 * updatedAt (200 × 4 points stays under Shopify's 1,000-point query limit).
 * Fields as in the customers bulk query.
 */
import { changedSince, connectionAt, newestOf, rootPages, type CatchUpReader } from './catchup-pages';

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
  async *pages(gateway, since) {
    const read = async (after: string | null) =>
      connectionAt(
        await gateway.request(CUSTOMERS_SINCE, { query: changedSince(since), after }),
        ['customers'],
        'customers',
      );
    for await (const page of rootPages(read)) {
      const records = page.nodes.map((node) => ({ node, children: [] }));
      yield { records, newest: newestOf(records) };
    }
  },
};
