/**
 * Metafields on any owner: the Metafield node, the `metafield`/`metafields`
 * fields every HasMetafields object carries, Shopify's validation of a
 * metafield input, and metafieldsSet (atomic, upsert by owner, namespace, key).
 */
import { createHash } from 'node:crypto';
import { connection, type ConnectionArgs } from '../engine/connection';
import { gid, parseGid } from '../engine/ids';
import type { ShopState } from '../state/shop-state';
import type { MetafieldRecord } from '../state/types';
import type { DevstoreContext, RootField } from './context';

type Args = Record<string, unknown>;

export interface UserError {
  field: string[] | null;
  message: string;
  code: string | null;
}

export interface MetafieldValueInput {
  id?: string | null;
  namespace?: string | null;
  key?: string | null;
  type?: string | null;
  value?: string | null;
  compareDigest?: string | null;
}

export const MAX_METAFIELDS_PER_CALL = 25;

/** gid type of an owner → its MetafieldOwnerType and whether a record exists. */
const OWNERS: Record<string, { ownerType: string; exists: (state: ShopState, id: number) => boolean }> = {
  Product: { ownerType: 'PRODUCT', exists: (s, id) => s.products.has(id) },
  ProductVariant: { ownerType: 'PRODUCTVARIANT', exists: (s, id) => s.variants.has(id) },
  Collection: { ownerType: 'COLLECTION', exists: (s, id) => s.collections.has(id) },
  Customer: { ownerType: 'CUSTOMER', exists: (s, id) => s.customers.has(id) },
  Order: { ownerType: 'ORDER', exists: (s, id) => s.orders.has(id) },
  Location: { ownerType: 'LOCATION', exists: (s, id) => s.locations.has(id) },
  Page: { ownerType: 'PAGE', exists: (s, id) => s.pages.has(id) },
  Blog: { ownerType: 'BLOG', exists: (s, id) => s.blogs.has(id) },
  Article: { ownerType: 'ARTICLE', exists: (s, id) => s.articles.has(id) },
  DiscountCodeNode: { ownerType: 'DISCOUNT', exists: (s, id) => s.discounts.has(id) },
  Shop: { ownerType: 'SHOP', exists: (s, id) => s.shop.id === id },
};

const BASE_TYPES = new Set([
  'single_line_text_field',
  'multi_line_text_field',
  'rich_text_field',
  'number_integer',
  'number_decimal',
  'boolean',
  'json',
  'date',
  'date_time',
  'url',
  'color',
  'weight',
  'volume',
  'dimension',
  'rating',
  'money',
  'link',
  'id',
  'language',
  'product_reference',
  'variant_reference',
  'collection_reference',
  'page_reference',
  'file_reference',
  'metaobject_reference',
  'mixed_reference',
  'customer_reference',
  'company_reference',
  'article_reference',
  'order_reference',
  'product_taxonomy_value_reference',
]);
const NOT_LISTABLE = new Set(['boolean', 'json', 'money', 'rich_text_field', 'multi_line_text_field']);

export function isMetafieldType(type: string): boolean {
  if (!type.startsWith('list.')) return BASE_TYPES.has(type);
  const base = type.slice('list.'.length);
  return BASE_TYPES.has(base) && !NOT_LISTABLE.has(base);
}

/** Types whose value is a JSON document. */
const JSON_TYPES = new Set(['json', 'weight', 'volume', 'dimension', 'rating', 'money', 'link', 'rich_text_field']);

const parsesAsJson = (value: string) => {
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
};

/** Whether `value` is well formed for `type` (the checks Shopify makes on the string). */
function validValue(type: string, value: string): boolean {
  if (type.startsWith('list.')) return parsesAsJson(value) && Array.isArray(JSON.parse(value));
  if (type.endsWith('_reference')) return parseGid(value) !== null;
  switch (type) {
    case 'number_integer':
      return /^-?\d+$/.test(value);
    case 'number_decimal':
      return /^-?\d+(\.\d+)?$/.test(value);
    case 'boolean':
      return value === 'true' || value === 'false';
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
    case 'date_time':
      return /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value));
    case 'color':
      return /^#[0-9a-fA-F]{6}$/.test(value);
    case 'url':
      return URL.canParse(value) && /^(https?|mailto|sms|tel):$/.test(new URL(value).protocol);
    default:
      return !JSON_TYPES.has(type) || parsesAsJson(value);
  }
}

function jsonValue(record: MetafieldRecord): unknown {
  if (record.type === 'number_integer') return Number(record.value);
  if (record.type === 'boolean') return record.value === 'true';
  const isJson = record.type.startsWith('list.') || JSON_TYPES.has(record.type);
  return isJson && parsesAsJson(record.value) ? JSON.parse(record.value) : record.value;
}

const digest = (record: MetafieldRecord) =>
  createHash('sha256').update(`${record.id}:${record.updatedAt}:${record.value}`).digest('hex');

/** `$app` and `$app:x` name the calling app's reserved namespaces; no namespace means `$app`. */
export function resolveNamespace(namespace: string | null | undefined, { devstore }: DevstoreContext): string {
  const app = `app--${devstore.app.apiKey}`;
  if (!namespace || namespace === '$app') return app;
  return namespace.startsWith('$app:') ? `${app}--${namespace.slice('$app:'.length)}` : namespace;
}

export function metafieldNode(record: MetafieldRecord, context: DevstoreContext) {
  const owner = parseGid(record.ownerId);
  return {
    __typename: 'Metafield',
    id: gid('Metafield', record.id),
    legacyResourceId: String(record.id),
    namespace: record.namespace,
    key: record.key,
    type: record.type,
    value: record.value,
    jsonValue: () => jsonValue(record),
    compareDigest: digest(record),
    sizeInBytes: Buffer.byteLength(record.value),
    ownerType: OWNERS[owner?.type ?? '']?.ownerType ?? 'SHOP',
    owner: async () => (await import('./index')).loadNode(record.ownerId, context),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

function ownerMetafields(ownerId: string, state: ShopState): MetafieldRecord[] {
  return [...state.metafields.values()].filter((record) => record.ownerId === ownerId);
}

function findMetafield(ownerId: string, namespace: string, key: string, state: ShopState) {
  return ownerMetafields(ownerId, state).find((record) => record.namespace === namespace && record.key === key);
}

/** `metafield(namespace, key)` and `metafields(namespace, keys, …)` for an owner. */
export function metafieldFields(ownerId: string, context: DevstoreContext) {
  return {
    metafield: (args: Args) => {
      const key = String(args.key);
      const dot = key.indexOf('.');
      const [namespace, name] =
        args.namespace == null && dot > 0
          ? [key.slice(0, dot), key.slice(dot + 1)]
          : [resolveNamespace(args.namespace as string | null, context), key];
      const record = findMetafield(ownerId, namespace, name, context.state);
      return record ? metafieldNode(record, context) : null;
    },
    metafields: (args: Args) => {
      const namespace = args.namespace == null ? null : resolveNamespace(String(args.namespace), context);
      const keys = (args.keys as string[] | null | undefined) ?? null;
      const records = ownerMetafields(ownerId, context.state).filter(
        (record) =>
          (namespace === null || record.namespace === namespace) &&
          (keys === null || keys.includes(`${record.namespace}.${record.key}`)),
      );
      return connection(records, args as ConnectionArgs, {
        id: (record) => gid('Metafield', record.id),
        node: (record) => metafieldNode(record, context),
      });
    },
  };
}

/** Whether metafields can be set on `ownerId`: an error when the devstore has no such owner. */
export function ownerError(ownerId: string, state: ShopState): UserError | null {
  const parsed = parseGid(ownerId);
  const owner = parsed ? OWNERS[parsed.type] : undefined;
  if (!parsed || !owner)
    return { field: ['ownerId'], message: `The devstore does not support metafields on ${ownerId}`, code: 'INVALID' };
  return owner.exists(state, Number(parsed.id))
    ? null
    : { field: ['ownerId'], message: 'Owner does not exist.', code: 'INVALID' };
}

/** The record an input updates: by id, else by owner, namespace and key. */
function existingFor(ownerId: string, input: MetafieldValueInput, context: DevstoreContext) {
  if (input.id) return context.state.metafields.get(Number(parseGid(input.id)?.id));
  if (!input.key) return undefined;
  return findMetafield(ownerId, resolveNamespace(input.namespace, context), input.key, context.state);
}

/** Shopify's checks on one metafield input (not its owner); fields are relative to the input. */
export function validateMetafield(ownerId: string, input: MetafieldValueInput, context: DevstoreContext): UserError[] {
  if (input.id && context.state.metafields.get(Number(parseGid(input.id)?.id))?.ownerId !== ownerId) {
    return [{ field: ['id'], message: 'Metafield does not exist', code: 'INVALID' }];
  }
  const existing = existingFor(ownerId, input, context);
  const errors: UserError[] = [];
  if (!existing && !input.key?.trim()) errors.push({ field: ['key'], message: "Key can't be blank", code: 'BLANK' });
  if (input.key && input.key.length > 64)
    errors.push({ field: ['key'], message: 'Key is too long (maximum is 64 characters)', code: 'TOO_LONG' });
  if (input.namespace && input.namespace.length > 255) {
    errors.push({
      field: ['namespace'],
      message: 'Namespace is too long (maximum is 255 characters)',
      code: 'TOO_LONG',
    });
  }
  const type = input.type ?? existing?.type ?? null;
  if (!type) errors.push({ field: ['type'], message: "Type can't be blank", code: 'BLANK' });
  else if (!isMetafieldType(type))
    errors.push({ field: ['type'], message: `Type '${type}' is not a valid metafield type`, code: 'INVALID_TYPE' });
  else if (existing && existing.type !== type) {
    errors.push({
      field: ['type'],
      message: `Type must be ${existing.type}, the type of the existing metafield`,
      code: 'INVALID_TYPE',
    });
  }
  if (input.value == null || input.value === '')
    errors.push({ field: ['value'], message: "Value can't be blank", code: 'BLANK' });
  else if (type && isMetafieldType(type) && !validValue(type, input.value)) {
    errors.push({ field: ['value'], message: `Value is invalid for type ${type}`, code: 'INVALID_VALUE' });
  }
  if (input.compareDigest != null && (!existing || digest(existing) !== input.compareDigest)) {
    errors.push({
      field: ['compareDigest'],
      message: 'The resource has been updated since it was loaded. Try again with an updated `compareDigest` value.',
      code: 'STALE_OBJECT',
    });
  }
  return errors;
}

/** Creates or updates a validated metafield input. */
export function upsertMetafield(
  ownerId: string,
  input: MetafieldValueInput,
  context: DevstoreContext,
): MetafieldRecord {
  const { state } = context;
  const now = state.now();
  const existing = existingFor(ownerId, input, context);
  if (existing) {
    existing.value = String(input.value);
    existing.type = input.type ?? existing.type;
    existing.updatedAt = now;
    return existing;
  }
  const record: MetafieldRecord = {
    id: state.nextId(),
    ownerId,
    namespace: resolveNamespace(input.namespace, context),
    key: String(input.key),
    type: String(input.type),
    value: String(input.value),
    createdAt: now,
    updatedAt: now,
  };
  state.metafields.set(record.id, record);
  return record;
}

interface MetafieldsSetInput extends MetafieldValueInput {
  ownerId: string;
}

export const metafieldsSet: RootField = (args, context) => {
  const inputs = args.metafields as MetafieldsSetInput[];
  if (inputs.length > MAX_METAFIELDS_PER_CALL) {
    return {
      metafields: null,
      userErrors: [
        {
          field: ['metafields'],
          message: `Exceeded the maximum metafields input limit of ${MAX_METAFIELDS_PER_CALL}.`,
          code: 'LESS_THAN_OR_EQUAL_TO',
          elementIndex: null,
        },
      ],
    };
  }
  const userErrors = inputs.flatMap((input, index) => {
    const owner = ownerError(input.ownerId, context.state);
    return (owner ? [owner] : validateMetafield(input.ownerId, { ...input, id: null }, context)).map((error) => ({
      ...error,
      field: ['metafields', String(index), ...(error.field ?? [])],
      elementIndex: index,
    }));
  });
  if (userErrors.length > 0) return { metafields: null, userErrors };
  const saved = inputs.map((input) => upsertMetafield(input.ownerId, { ...input, id: null }, context));
  for (const ownerId of new Set(inputs.map((input) => input.ownerId))) {
    const owner = parseGid(ownerId);
    if (owner?.type === 'Product')
      context.devstore.publish({
        topic: 'products/update',
        shop: context.state.shop.domain,
        productId: Number(owner.id),
      });
  }
  return { metafields: saved.map((record) => metafieldNode(record, context)), userErrors: [] };
};

export const metafieldNodeLoader = (id: number, context: DevstoreContext) => {
  const record = context.state.metafields.get(id);
  return record ? metafieldNode(record, context) : null;
};
