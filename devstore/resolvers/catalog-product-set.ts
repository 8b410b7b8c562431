/**
 * productSet: creates the product (no identifier) or sets the given fields of
 * an existing one. `files` is the ordered list of the product's media: an
 * entry with an id keeps that media (its alt and source updated when given),
 * an entry with only an originalSource becomes a new MediaImage, and media no
 * longer listed is detached (it stays in Files). With `synchronous: false` the
 * answer is a ProductSetOperation that productOperation reports as COMPLETE.
 */
import { gid, parseGid } from '../engine/ids';
import type { ShopState } from '../state/shop-state';
import type { ProductRecord } from '../state/types';
import type { DevstoreContext, RootField } from './context';
import { createMediaImage, imageFromSource, isSourceUrl } from './catalog-media';
import type { UserError } from './catalog-metafields';
import { productNode } from './catalog-nodes';
import {
  applyProductFields,
  findProduct,
  PRODUCT_FIELDS,
  uniqueHandle,
  unsupportedFields,
  userError,
  validateProductFields,
  type ProductFieldsInput,
  type ProductIdentifier,
} from './catalog-product-input';
import {
  applyVariants,
  planOptions,
  planVariants,
  type OptionSetInput,
  type VariantPlan,
  type VariantSetInput,
} from './catalog-variant-set';

interface FileSetInput {
  id?: string | null;
  originalSource?: string | null;
  alt?: string | null;
  contentType?: string | null;
  [field: string]: unknown;
}

interface ProductSetInput extends ProductFieldsInput {
  id?: string | null;
  collections?: string[] | null;
  files?: FileSetInput[] | null;
  productOptions?: OptionSetInput[] | null;
  variants?: VariantSetInput[] | null;
}

const SET_FIELDS = [...PRODUCT_FIELDS, 'id', 'collections', 'files', 'productOptions', 'variants'];

function fileErrors(files: FileSetInput[], state: ShopState): UserError[] {
  return files.flatMap((file, index) => {
    const path = ['input', 'files', String(index)];
    const errors = unsupportedFields(file, ['id', 'originalSource', 'alt', 'contentType'], 'FileSetInput', path);
    if (file.contentType && file.contentType !== 'IMAGE')
      errors.push(userError([...path, 'contentType'], 'The devstore supports only IMAGE files'));
    if (!file.id && !file.originalSource)
      errors.push(userError(path, 'A file needs an id or an originalSource', 'MISSING_FIELD_REQUIRED'));
    if (file.id && !state.media.has(Number(parseGid(file.id)?.id)))
      errors.push(userError([...path, 'id'], 'File does not exist', 'NOT_FOUND'));
    if (file.originalSource && !isSourceUrl(file.originalSource))
      errors.push(userError([...path, 'originalSource'], 'Image URL is invalid'));
    return errors;
  });
}

function collectionErrors(ids: string[], state: ShopState): UserError[] {
  return ids
    .filter((id) => !state.collections.has(Number(parseGid(id)?.id)))
    .map((id) => userError(['input', 'collections'], `Collection ${id} does not exist`, 'NOT_FOUND'));
}

/** The variants part of the plan: nothing when the input leaves variants alone. */
function variantPlan(input: ProductSetInput, product: ProductRecord | null, state: ShopState) {
  const { options, errors } = planOptions(product, input.productOptions);
  if (!input.variants) {
    if (input.productOptions)
      errors.push(
        userError(['input', 'variants'], 'Variants must be given with productOptions', 'VARIANTS_INPUT_MISSING'),
      );
    return { options, plans: null, errors };
  }
  if (!product && !input.productOptions) {
    errors.push(
      userError(
        ['input', 'productOptions'],
        'productOptions must be given with variants',
        'PRODUCT_OPTIONS_INPUT_MISSING',
      ),
    );
    return { options, plans: null, errors };
  }
  const variants = planVariants(input.variants, options, product, state);
  return { options, plans: variants.plans, errors: [...errors, ...variants.errors] };
}

function createProduct(input: ProductSetInput, context: DevstoreContext): ProductRecord {
  const { state } = context;
  const now = state.now();
  const id = state.nextId();
  const product: ProductRecord = {
    id,
    title: String(input.title).trim(),
    handle: uniqueHandle(String(input.title), state, null),
    descriptionHtml: '',
    vendor: state.shop.name,
    productType: '',
    status: 'ACTIVE',
    tags: [],
    seo: { title: null, description: null },
    options: [],
    mediaIds: [],
    variantIds: [],
    createdAt: now,
    updatedAt: now,
    publishedAt: null,
  };
  state.products.set(id, product);
  return product;
}

const DEFAULT_VARIANT: VariantPlan = {
  input: { optionValues: [] },
  existing: null,
  selectedOptions: [{ name: 'Title', value: 'Default Title' }],
};

async function setFiles(product: ProductRecord, files: FileSetInput[], context: DevstoreContext): Promise<void> {
  const { state } = context;
  const mediaIds: number[] = [];
  for (const file of files) {
    const existing = file.id ? state.media.get(Number(parseGid(file.id)?.id)) : undefined;
    if (existing) {
      if (file.originalSource) Object.assign(existing, await imageFromSource(file.originalSource, context));
      if (file.alt != null) existing.alt = file.alt;
      existing.productId = product.id;
      existing.updatedAt = state.now();
      mediaIds.push(existing.id);
    } else {
      mediaIds.push((await createMediaImage(String(file.originalSource), file.alt, product.id, context)).id);
    }
  }
  for (const id of product.mediaIds) {
    const media = state.media.get(id);
    if (media && !mediaIds.includes(id) && media.productId === product.id) media.productId = null;
  }
  product.mediaIds = mediaIds;
}

function setCollections(product: ProductRecord, ids: string[], state: ShopState): void {
  const wanted = new Set(ids.map((id) => Number(parseGid(id)?.id)));
  for (const collection of state.collections.values()) {
    const member = collection.productIds.includes(product.id);
    if (wanted.has(collection.id) && !member) collection.productIds.push(product.id);
    if (!wanted.has(collection.id) && member)
      collection.productIds = collection.productIds.filter((id) => id !== product.id);
  }
}

/** Finished asynchronous productSet operations, per shop. */
const operations = new WeakMap<ShopState, Map<number, number>>();

export function productSetOperationNode(id: number, context: DevstoreContext, status = 'COMPLETE') {
  const productId = operations.get(context.state)?.get(id);
  if (productId === undefined) return null;
  return {
    __typename: 'ProductSetOperation',
    id: gid('ProductSetOperation', id),
    status,
    product: () => {
      const product = context.state.products.get(productId);
      return product ? productNode(product, context) : null;
    },
    userErrors: [],
  };
}

function recordOperation(product: ProductRecord, state: ShopState): number {
  const id = state.nextId();
  const shopOperations = operations.get(state) ?? new Map<number, number>();
  operations.set(state, shopOperations.set(id, product.id));
  return id;
}

export const productSet: RootField = async (args, context) => {
  const { state } = context;
  const input = args.input as ProductSetInput;
  const fail = (userErrors: UserError[]) => ({ product: null, productSetOperation: null, userErrors });
  const identifier = (args.identifier ?? (input.id ? { id: input.id } : null)) as ProductIdentifier | null;
  const found = identifier ? findProduct(identifier, state) : null;
  if (found?.error) return fail([found.error]);
  const existing = found?.product ?? null;
  const variants = variantPlan(input, existing, state);
  const errors = [
    ...unsupportedFields(input, SET_FIELDS, 'ProductSetInput', ['input']),
    ...validateProductFields(input, existing, ['input'], context),
    ...collectionErrors(input.collections ?? [], state),
    ...fileErrors(input.files ?? [], state),
    ...variants.errors,
  ];
  if (errors.length > 0) return fail(errors);

  const product = existing ?? createProduct(input, context);
  applyProductFields(product, input, context);
  if (variants.plans) applyVariants(product, variants.options, variants.plans, state);
  else if (!existing) applyVariants(product, variants.options, [DEFAULT_VARIANT], state);
  if (input.collections) setCollections(product, input.collections, state);
  if (input.files) await setFiles(product, input.files, context);
  context.devstore.publish({
    topic: existing ? 'products/update' : 'products/create',
    shop: state.shop.domain,
    productId: product.id,
  });
  if (args.synchronous === false) {
    return {
      product: null,
      productSetOperation: productSetOperationNode(recordOperation(product, state), context, 'CREATED'),
      userErrors: [],
    };
  }
  return { product: productNode(product, context), productSetOperation: null, userErrors: [] };
};
