/**
 * The product fields productUpdate and productSet share: finding the product
 * an identifier names, Shopify's checks on title, handle, status, tags and
 * metafields, and writing them to the record. Input fields the devstore does
 * not emulate are refused with a userError naming them, never ignored.
 */
import { gid, parseGid } from '../engine/ids';
import type { ShopState } from '../state/shop-state';
import type { ProductRecord } from '../state/types';
import type { DevstoreContext } from './context';
import { upsertMetafield, validateMetafield, type MetafieldValueInput, type UserError } from './catalog-metafields';

export interface ProductFieldsInput {
  title?: string | null;
  handle?: string | null;
  descriptionHtml?: string | null;
  vendor?: string | null;
  productType?: string | null;
  status?: string | null;
  tags?: string[] | null;
  seo?: { title?: string | null; description?: string | null } | null;
  metafields?: MetafieldValueInput[] | null;
  [field: string]: unknown;
}

export interface ProductIdentifier {
  id?: string | null;
  handle?: string | null;
  customId?: unknown;
}

export const PRODUCT_FIELDS = [
  'title',
  'handle',
  'descriptionHtml',
  'vendor',
  'productType',
  'status',
  'tags',
  'seo',
  'metafields',
  'redirectNewHandle',
];

const STATUSES = ['ACTIVE', 'DRAFT', 'ARCHIVED'];
const MAX_TITLE = 255;

export const userError = (field: string[], message: string, code = 'INVALID_INPUT'): UserError => ({
  field,
  message,
  code,
});

/** Shopify's handle form: lower case words joined by dashes. */
export function toHandle(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function handleTaken(handle: string, state: ShopState, exceptId: number | null): boolean {
  for (const product of state.products.values()) if (product.handle === handle && product.id !== exceptId) return true;
  return false;
}

/** A free handle from a title, suffixed -1, -2… as Shopify does. */
export function uniqueHandle(title: string, state: ShopState, exceptId: number | null): string {
  const base = toHandle(title) || 'product';
  let handle = base;
  for (let n = 1; handleTaken(handle, state, exceptId); n += 1) handle = `${base}-${n}`;
  return handle;
}

/** Tags as Shopify stores them: comma-separated entries split, trimmed, de-duplicated. */
export function normalizeTags(tags: string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const tag of tags.flatMap((entry) => entry.split(',')).map((entry) => entry.trim())) {
    if (tag && !seen.has(tag.toLowerCase())) {
      seen.add(tag.toLowerCase());
      result.push(tag);
    }
  }
  return result;
}

export type Found = { product: ProductRecord; error?: never } | { product?: never; error: UserError };

/** The product an identifier names, or the userError Shopify answers. */
export function findProduct(identifier: ProductIdentifier | null | undefined, state: ShopState): Found {
  const missing = (field: string) => ({
    error: userError([field], 'Product does not exist', 'PRODUCT_DOES_NOT_EXIST'),
  });
  if (identifier?.customId)
    return { error: userError(['identifier', 'customId'], 'The devstore does not emulate customId identifiers') };
  if (identifier?.id) {
    const parsed = parseGid(identifier.id);
    const product = parsed?.type === 'Product' ? state.products.get(Number(parsed.id)) : undefined;
    return product ? { product } : missing('id');
  }
  if (identifier?.handle) {
    const product = [...state.products.values()].find((candidate) => candidate.handle === identifier.handle);
    return product ? { product } : missing('handle');
  }
  return missing('id');
}

/** Input fields whose schema default graphql-js fills in: at that value they ask for nothing. */
const SCHEMA_DEFAULTS: Record<string, unknown> = {
  deleteConflictingConstrainedMetafields: false,
  duplicateResolutionMode: 'APPEND_UUID',
};

export function unsupportedFields(
  input: Record<string, unknown>,
  supported: string[],
  typeName: string,
  path: string[],
): UserError[] {
  return Object.keys(input)
    .filter(
      (field) => input[field] !== undefined && !supported.includes(field) && SCHEMA_DEFAULTS[field] !== input[field],
    )
    .map((field) => userError([...path, field], `The devstore does not emulate ${typeName}.${field}`));
}

function titleErrors(input: ProductFieldsInput, creating: boolean, path: string[]): UserError[] {
  if (input.title === undefined && !creating) return [];
  if (!input.title?.trim()) return [userError([...path, 'title'], "Title can't be blank")];
  if (input.title.length > MAX_TITLE)
    return [userError([...path, 'title'], `Title is too long (maximum is ${MAX_TITLE} characters)`)];
  return [];
}

/** Checks the shared fields; `product` is null when the product is being created. */
export function validateProductFields(
  input: ProductFieldsInput,
  product: ProductRecord | null,
  path: string[],
  context: DevstoreContext,
): UserError[] {
  const errors = titleErrors(input, product === null, path);
  const handle = input.handle ? toHandle(input.handle) : '';
  if (handle && handleTaken(handle, context.state, product?.id ?? null)) {
    errors.push(
      userError(
        [...path, 'handle'],
        `Handle '${handle}' already in use. Please provide a new handle.`,
        'HANDLE_NOT_UNIQUE',
      ),
    );
  }
  if (input.status != null && !STATUSES.includes(input.status)) {
    errors.push(userError([...path, 'status'], `The devstore does not emulate the ${input.status} status`));
  }
  if (input.tags?.some((tag) => tag.length > 255))
    errors.push(userError([...path, 'tags'], 'Tags are too long (maximum is 255 characters each)'));
  const ownerId = gid('Product', product?.id ?? 0);
  (input.metafields ?? []).forEach((metafield, index) => {
    for (const error of validateMetafield(ownerId, metafield, context)) {
      errors.push(
        userError([...path, 'metafields', String(index), ...(error.field ?? [])], error.message, 'INVALID_METAFIELD'),
      );
    }
  });
  return errors;
}

/** Writes validated shared fields to the product and marks it updated. */
export function applyProductFields(product: ProductRecord, input: ProductFieldsInput, context: DevstoreContext): void {
  const { state } = context;
  if (input.title != null) product.title = input.title.trim();
  if (input.handle != null) product.handle = toHandle(input.handle) || uniqueHandle(product.title, state, product.id);
  if (input.descriptionHtml != null) product.descriptionHtml = input.descriptionHtml;
  if (input.vendor != null) product.vendor = input.vendor;
  if (input.productType != null) product.productType = input.productType;
  if (input.status != null) product.status = input.status as ProductRecord['status'];
  if (input.tags != null) product.tags = normalizeTags(input.tags);
  if (input.seo) {
    if (input.seo.title !== undefined) product.seo.title = input.seo.title || null;
    if (input.seo.description !== undefined) product.seo.description = input.seo.description || null;
  }
  for (const metafield of input.metafields ?? []) upsertMetafield(gid('Product', product.id), metafield, context);
  product.updatedAt = state.now();
}
