/**
 * The catalog: products, variants, inventory, locations, media images,
 * collections and metafields — their query roots, node lookups, and the
 * productUpdate, productSet, metafieldsSet and tagsAdd mutations.
 */
import { parseGid } from '../engine/ids';
import { searchPredicate } from '../engine/search-query';
import type { DevstoreContext, NodeLoader, ResolverModule } from './context';
import { mediaImageNode } from './catalog-media';
import { metafieldNodeLoader, metafieldsSet } from './catalog-metafields';
import {
  inventoryItemConnection,
  inventoryItemNode,
  inventoryLevelNode,
  locationConnection,
  locationNode,
  LOCATION_SEARCH,
} from './catalog-inventory';
import {
  COLLECTION_SEARCH,
  collectionConnection,
  collectionNode,
  count,
  productConnection,
  productNode,
  productSearch,
  variantConnection,
  variantNode,
  variantSearch,
  type Search,
} from './catalog-nodes';
import { productSet, productSetOperationNode } from './catalog-product-set';
import { productUpdate, tagsAdd } from './catalog-product-update';

type Args = Record<string, unknown>;

/** A loader over one table: the record with that id as its node, or null. */
function loader<T>(
  table: (context: DevstoreContext) => Map<number, T>,
  node: (record: T, context: DevstoreContext) => unknown,
): NodeLoader {
  return (id, context) => {
    const record = table(context).get(id);
    return record === undefined ? null : node(record, context);
  };
}

const nodes = {
  Product: loader((c) => c.state.products, productNode),
  ProductVariant: loader((c) => c.state.variants, variantNode),
  InventoryItem: loader((c) => c.state.inventoryItems, inventoryItemNode),
  InventoryLevel: loader((c) => c.state.inventoryLevels, inventoryLevelNode),
  Location: loader((c) => c.state.locations, locationNode),
  MediaImage: loader((c) => c.state.media, mediaImageNode),
  Collection: loader((c) => c.state.collections, collectionNode),
  Metafield: metafieldNodeLoader,
  ProductSetOperation: productSetOperationNode,
} satisfies Record<string, NodeLoader>;

/** A root `type(id:)` field: the node when the gid is of that type. */
function byId(type: keyof typeof nodes, field = 'id') {
  return (args: Args, context: DevstoreContext) => {
    const parsed = parseGid(String(args[field] ?? ''));
    return parsed?.type === type ? nodes[type](Number(parsed.id), context) : null;
  };
}

function byIdentifier<T extends { id: number; handle: string }>(
  table: (c: DevstoreContext) => Map<number, T>,
  type: 'Product' | 'Collection',
) {
  return (args: Args, context: DevstoreContext) => {
    const identifier = args.identifier as { id?: string | null; handle?: string | null; customId?: unknown };
    if (identifier.id) return byId(type)(identifier, context);
    if (!identifier.handle) return null;
    const record = [...table(context).values()].find((candidate) => candidate.handle === identifier.handle);
    return record ? nodes[type](record.id, context) : null;
  };
}

const DEFAULT_COUNT_LIMIT = 10000;

/** A `…Count(query, limit)` root: how many records match, capped at `limit` (10,000 by default). */
function counter<T>(
  records: (context: DevstoreContext) => Iterable<T>,
  search: (context: DevstoreContext) => Search<T>,
) {
  return (args: Args, context: DevstoreContext) => {
    const { searchFields, searchText } = search(context);
    const matches = searchPredicate(args.query as string | null, searchFields, searchText);
    const limit = args.limit === undefined ? DEFAULT_COUNT_LIMIT : (args.limit as number | null);
    return count([...records(context)].filter(matches).length, limit);
  };
}

export const catalog: ResolverModule = {
  query: {
    product: byId('Product'),
    productByIdentifier: byIdentifier((c) => c.state.products, 'Product'),
    products: (args, context) => productConnection([...context.state.products.values()], args, context),
    productsCount: counter(
      (c) => c.state.products.values(),
      (c) => productSearch(c.state),
    ),
    productVariant: byId('ProductVariant'),
    productVariants: (args, context) => variantConnection([...context.state.variants.values()], args, context),
    productVariantsCount: counter(
      (c) => c.state.variants.values(),
      (c) => variantSearch(c.state),
    ),
    collection: byId('Collection'),
    collectionByIdentifier: byIdentifier((c) => c.state.collections, 'Collection'),
    collections: (args, context) => collectionConnection([...context.state.collections.values()], args, context),
    collectionsCount: counter(
      (c) => c.state.collections.values(),
      () => COLLECTION_SEARCH,
    ),
    location: (args, context) => {
      if (args.id == null) {
        const primary = [...context.state.locations.values()].find((location) => location.isActive);
        return primary ? locationNode(primary, context) : null;
      }
      return byId('Location')(args, context);
    },
    locations: (args, context) => locationConnection([...context.state.locations.values()], args, context),
    locationsCount: counter(
      (c) => [...c.state.locations.values()].filter((l) => l.isActive),
      () => LOCATION_SEARCH,
    ),
    inventoryItem: byId('InventoryItem'),
    inventoryItems: (args, context) =>
      inventoryItemConnection([...context.state.inventoryItems.values()], args, context),
    inventoryLevel: byId('InventoryLevel'),
    productOperation: (args, context) => {
      const parsed = parseGid(String(args.id));
      return parsed?.type === 'ProductSetOperation' ? productSetOperationNode(Number(parsed.id), context) : null;
    },
  },
  mutation: { productUpdate, productSet, metafieldsSet, tagsAdd },
  nodes,
};
