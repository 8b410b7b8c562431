/**
 * Inventory as the Admin API's objects: InventoryItem (unit cost), its
 * InventoryLevel per Location with Shopify's named quantities, and Location,
 * with their connections. The devstore holds `available` per level; on_hand
 * equals it and the other quantities are zero.
 */
import { GraphQLError } from 'graphql';
import { connection, type ConnectionArgs } from '../engine/connection';
import { gid } from '../engine/ids';
import type * as R from '../state/types';
import type { DevstoreContext } from './context';
import { metafieldFields } from './catalog-metafields';
import { count, levelsOf, numericId, variantConnection, type Search } from './catalog-nodes';
import { moneyV2 } from './money';

type Args = Record<string, unknown>;

/** The quantity names Shopify knows; the devstore holds `available` and derives the rest. */
const QUANTITY_NAMES = [
  'available',
  'committed',
  'damaged',
  'incoming',
  'on_hand',
  'quality_control',
  'reserved',
  'safety_stock',
];

function quantities(level: R.InventoryLevelRecord, names: string[]) {
  const unknown = names.filter((name) => !QUANTITY_NAMES.includes(name));
  if (unknown.length > 0) {
    throw new GraphQLError(
      `The quantity names ${unknown.join(', ')} are not valid. Valid names: ${QUANTITY_NAMES.join(', ')}`,
      {
        extensions: { code: 'BAD_REQUEST' },
      },
    );
  }
  return names.map((name) => ({
    __typename: 'InventoryQuantity',
    id: `${gid('InventoryQuantity', level.id)}?name=${name}`,
    name,
    quantity: name === 'available' || name === 'on_hand' ? level.available : 0,
    updatedAt: level.updatedAt,
  }));
}

export function inventoryLevelNode(level: R.InventoryLevelRecord, context: DevstoreContext) {
  const { state } = context;
  const item = state.inventoryItems.get(level.inventoryItemId);
  const location = state.locations.get(level.locationId);
  return {
    __typename: 'InventoryLevel',
    id: gid('InventoryLevel', `${level.id}?inventory_item_id=${level.inventoryItemId}`),
    isActive: location?.isActive ?? false,
    location: () => (location ? locationNode(location, context) : null),
    item: () => (item ? inventoryItemNode(item, context) : null),
    quantities: (args: Args) => quantities(level, args.names as string[]),
    createdAt: item?.createdAt ?? level.updatedAt,
    updatedAt: level.updatedAt,
  };
}

function levelConnection(levels: R.InventoryLevelRecord[], args: Args, context: DevstoreContext) {
  const { state } = context;
  const visible = args.includeInactive
    ? levels
    : levels.filter((level) => state.locations.get(level.locationId)?.isActive);
  return connection(visible, args as ConnectionArgs, {
    id: (level) => gid('InventoryLevel', level.id),
    node: (level) => inventoryLevelNode(level, context),
    searchFields: {
      location_id: (level: R.InventoryLevelRecord) => level.locationId,
      inventory_item_id: (level: R.InventoryLevelRecord) => level.inventoryItemId,
      updated_at: (level: R.InventoryLevelRecord) => level.updatedAt,
    },
  });
}

export function inventoryItemNode(item: R.InventoryItemRecord, context: DevstoreContext) {
  const { state } = context;
  const levels = () => levelsOf(item.id, state);
  return {
    __typename: 'InventoryItem',
    id: gid('InventoryItem', item.id),
    legacyResourceId: String(item.id),
    sku: item.sku,
    tracked: item.tracked,
    unitCost: item.unitCost === null ? null : moneyV2(item.unitCost, state.shop.currencyCode),
    requiresShipping: true,
    duplicateSkuCount: () =>
      [...state.inventoryItems.values()].filter((other) => other.id !== item.id && other.sku === item.sku).length,
    locationsCount: () => count(levels().length),
    variants: (args: Args) => {
      const variant = state.variants.get(item.variantId);
      return variantConnection(variant ? [variant] : [], args, context);
    },
    inventoryLevels: (args: Args) => levelConnection(levels(), args, context),
    inventoryLevel: (args: Args) => {
      const level = levels().find((candidate) => candidate.locationId === numericId(args.locationId));
      return level ? inventoryLevelNode(level, context) : null;
    },
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

export function inventoryItemConnection(items: R.InventoryItemRecord[], args: Args, context: DevstoreContext) {
  return connection(items, args as ConnectionArgs, {
    id: (item) => gid('InventoryItem', item.id),
    node: (item) => inventoryItemNode(item, context),
    searchFields: {
      id: (item: R.InventoryItemRecord) => item.id,
      sku: (item: R.InventoryItemRecord) => item.sku,
      created_at: (item: R.InventoryItemRecord) => item.createdAt,
      updated_at: (item: R.InventoryItemRecord) => item.updatedAt,
    },
    searchText: (item) => item.sku,
  });
}

export function locationNode(location: R.LocationRecord, context: DevstoreContext) {
  const { state } = context;
  const levels = () => [...state.inventoryLevels.values()].filter((level) => level.locationId === location.id);
  return {
    __typename: 'Location',
    id: gid('Location', location.id),
    legacyResourceId: String(location.id),
    name: location.name,
    isActive: location.isActive,
    activatable: !location.isActive,
    deactivatable: location.isActive,
    isFulfillmentService: false,
    fulfillsOnlineOrders: location.isActive,
    shipsInventory: location.isActive,
    hasActiveInventory: () => levels().length > 0,
    address: { city: location.address.city, countryCode: location.address.countryCode },
    inventoryLevels: (args: Args) => levelConnection(levels(), { ...args, includeInactive: true }, context),
    inventoryLevel: (args: Args) => {
      const level = levels().find((candidate) => candidate.inventoryItemId === numericId(args.inventoryItemId));
      return level ? inventoryLevelNode(level, context) : null;
    },
    ...metafieldFields(gid('Location', location.id), context),
  };
}

export const LOCATION_SEARCH: Search<R.LocationRecord> = {
  searchFields: {
    id: (location: R.LocationRecord) => location.id,
    name: (location: R.LocationRecord) => location.name,
    active: (location: R.LocationRecord) => location.isActive,
    city: (location: R.LocationRecord) => location.address.city,
    country: (location: R.LocationRecord) => location.address.countryCode,
  },
  searchText: (location) => location.name,
};

export function locationConnection(locations: R.LocationRecord[], args: Args, context: DevstoreContext) {
  const visible = args.includeInactive ? locations : locations.filter((location) => location.isActive);
  return connection(visible, args as ConnectionArgs, {
    id: (location) => gid('Location', location.id),
    node: (location) => locationNode(location, context),
    sortKeys: { NAME: (location) => location.name.toLowerCase(), RELEVANCE: (location) => location.id },
    ...LOCATION_SEARCH,
  });
}
