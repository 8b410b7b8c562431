/**
 * Catch-up of inventory: for each active location, the levels updated since
 * the last run, 250 a page (250 × 3 points stays under Shopify's 1,000-point
 * query limit). Levels come in id order, not by updatedAt, so an interrupted
 * run reads again from its start. Fields as in the inventory bulk query.
 */
import { z } from 'zod';
import { changedSince, connectionAt, newestUpdatedAt, rootPages, type CatchUpReader } from './catchup-pages';

const LOCATIONS = `#graphql
  query SyncLocations($after: String) {
    locations(first: 100, after: $after) {
      nodes {
        id
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

const LOCATION_LEVELS_SINCE = `#graphql
  query SyncLocationLevelsSince($id: ID!, $query: String!, $after: String) {
    location(id: $id) {
      inventoryLevels(first: 250, after: $after, query: $query) {
        nodes {
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
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`;

export const inventoryCatchUp: CatchUpReader = {
  ordered: false,
  async *pages(gateway, since) {
    const locations = rootPages(async (after) =>
      connectionAt(await gateway.request(LOCATIONS, { after }), ['locations'], 'locations'),
    );
    for await (const page of locations) {
      for (const location of page.nodes) {
        const id = z.string().parse(location.id);
        const levels = rootPages(async (after) =>
          connectionAt(
            await gateway.request(LOCATION_LEVELS_SINCE, { id, query: changedSince(since), after }),
            ['location', 'inventoryLevels'],
            'inventory levels',
          ),
        );
        for await (const levelPage of levels) {
          if (levelPage.nodes.length === 0) continue;
          yield { records: [{ node: { id }, children: levelPage.nodes }], newest: newestUpdatedAt(levelPage.nodes) };
        }
      }
    }
  },
};
