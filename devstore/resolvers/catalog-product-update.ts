/**
 * productUpdate (fields, collections to join or leave, media appended from
 * originalSource URLs) and tagsAdd. Every check runs before any write, so a
 * request with a userError changes nothing.
 */
import { gid, parseGid } from '../engine/ids';
import type { RootField } from './context';
import { createMediaImage, isSourceUrl } from './catalog-media';
import type { UserError } from './catalog-metafields';
import { productNode } from './catalog-nodes';
import {
  applyProductFields,
  findProduct,
  normalizeTags,
  PRODUCT_FIELDS,
  unsupportedFields,
  userError,
  validateProductFields,
  type ProductFieldsInput,
  type ProductIdentifier,
} from './catalog-product-input';

interface ProductUpdateInput extends ProductFieldsInput {
  id?: string | null;
  collectionsToJoin?: string[] | null;
  collectionsToLeave?: string[] | null;
}

interface CreateMediaInput {
  alt?: string | null;
  mediaContentType: string;
  originalSource: string;
}

const UPDATE_FIELDS = [...PRODUCT_FIELDS, 'id', 'collectionsToJoin', 'collectionsToLeave'];

function mediaErrors(media: CreateMediaInput[]): UserError[] {
  return media.flatMap((entry, index) => {
    if (entry.mediaContentType !== 'IMAGE') {
      return [userError(['media', String(index), 'mediaContentType'], 'The devstore supports only IMAGE media')];
    }
    if (!isSourceUrl(entry.originalSource))
      return [userError(['media', String(index), 'originalSource'], 'Image URL is invalid')];
    return [];
  });
}

function collectionErrors(input: ProductUpdateInput, collections: Map<number, unknown>): UserError[] {
  return (['collectionsToJoin', 'collectionsToLeave'] as const).flatMap((field) =>
    (input[field] ?? [])
      .filter((id) => !collections.has(Number(parseGid(id)?.id)))
      .map((id) => userError([field], `Collection ${id} does not exist`)),
  );
}

export const productUpdate: RootField = async (args, context) => {
  const { state } = context;
  const input = (args.product ?? {}) as ProductUpdateInput;
  const media = (args.media ?? []) as CreateMediaInput[];
  const fail = (userErrors: UserError[]) => ({ product: null, userErrors });
  if (args.input)
    return fail([userError(['input'], 'The devstore does not emulate the deprecated input argument; use product')]);
  const { product, error } = findProduct({ id: input.id, ...(args.identifier as ProductIdentifier | null) }, state);
  if (error) return fail([error]);
  const errors = [
    ...unsupportedFields(input, UPDATE_FIELDS, 'ProductUpdateInput', []),
    ...validateProductFields(input, product, [], context),
    ...collectionErrors(input, state.collections),
    ...mediaErrors(media),
  ];
  if (errors.length > 0) return fail(errors);

  applyProductFields(product, input, context);
  for (const id of input.collectionsToJoin ?? []) {
    const collection = state.collections.get(Number(parseGid(id)?.id));
    if (collection && !collection.productIds.includes(product.id)) collection.productIds.push(product.id);
  }
  for (const id of input.collectionsToLeave ?? []) {
    const collection = state.collections.get(Number(parseGid(id)?.id));
    if (collection) collection.productIds = collection.productIds.filter((productId) => productId !== product.id);
  }
  for (const entry of media) {
    const record = await createMediaImage(entry.originalSource, entry.alt, product.id, context);
    product.mediaIds.push(record.id);
  }
  context.devstore.publish({ topic: 'products/update', shop: state.shop.domain, productId: product.id });
  return { product: productNode(product, context), userErrors: [] };
};

/** Tags can be added to products and customers; orders keep no tags in the devstore. */
export const tagsAdd: RootField = (args, context) => {
  const { state } = context;
  const id = String(args.id);
  const parsed = parseGid(id);
  const fail = (userErrors: UserError[]) => ({ node: null, userErrors });
  const tags = normalizeTags(args.tags as string[]);
  if (tags.length === 0) return fail([userError(['tags'], "Tags can't be blank")]);
  if (tags.some((tag) => tag.length > 255))
    return fail([userError(['tags'], 'Tags are too long (maximum is 255 characters each)')]);
  const record =
    parsed?.type === 'Product'
      ? state.products.get(Number(parsed.id))
      : parsed?.type === 'Customer'
        ? state.customers.get(Number(parsed.id))
        : undefined;
  if (!record) {
    const exists = parsed?.type === 'Order' && state.orders.has(Number(parsed.id));
    return fail([
      userError(['id'], exists ? 'The devstore supports tagsAdd on products and customers' : 'Resource does not exist'),
    ]);
  }
  record.tags = normalizeTags([...record.tags, ...tags]);
  record.updatedAt = state.now();
  context.devstore.publish(
    parsed?.type === 'Product'
      ? { topic: 'products/update', shop: state.shop.domain, productId: record.id }
      : { topic: 'customers/update', shop: state.shop.domain, customerId: record.id },
  );
  const nodeId = gid(parsed?.type ?? '', record.id);
  return { node: async () => (await import('./index')).loadNode(nodeId, context), userErrors: [] };
};
