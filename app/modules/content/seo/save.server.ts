/**
 * Saving products' search listings and image alt texts to Shopify, one
 * product at a time so that one refusal never stops the others:
 *
 * - the search listing with productUpdate (`seo { title description }`; an
 *   empty text clears the field, and Shopify falls back to the product's
 *   title and description);
 * - alt texts with fileUpdate (productUpdateMedia is deprecated in 2026-10
 *   in its favour), all of a product's images in one call.
 *
 * Shopify's userErrors become the product's problems, field by field. What
 * was saved is recorded in the activity log (one entry per product, keyed by
 * the save's id, so a job that runs again records nothing twice), and the
 * product is read again so the editor shows what Shopify now holds.
 */
import type { PrismaClient } from '@prisma/client';
import { recordActivity, type ActivityInput } from '~/modules/activity/record.server';
import type { AdminGateway } from '~/platform/shopify/admin-gateway.server';
import { AdminGraphqlError } from '~/platform/shopify/errors';
import { refreshProduct, productGid } from './catalogue.server';
import type { FieldProblem, ProductChange } from './changes';

const PRODUCT_SEO_UPDATE = `#graphql
  mutation ContentProductSeoUpdate($product: ProductUpdateInput!) {
    productUpdate(product: $product) {
      product {
        id
      }
      userErrors {
        field
        message
      }
    }
  }
`;

const IMAGE_ALT_UPDATE = `#graphql
  mutation ContentImageAltUpdate($files: [FileUpdateInput!]!) {
    fileUpdate(files: $files) {
      files {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export interface SaveContext {
  db: PrismaClient;
  gateway: AdminGateway;
  shop: string;
  actor: ActivityInput['actor'];
  /** Names this save in activity source keys (a batch's id, or one made for an inline save). */
  saveId: string;
}

export interface ProductOutcome {
  productId: string;
  title: string | null;
  state: 'saved' | 'failed';
  problems: FieldProblem[];
}

type UserErrorLike = { field?: readonly string[] | null; message: string };

/** productUpdate's error fields name the input: ["seo", "title"], ["id"]… */
function seoField(error: UserErrorLike): string {
  const path = error.field ?? [];
  if (path.includes('seo') && path.includes('title')) return 'seoTitle';
  if (path.includes('seo') && path.includes('description')) return 'seoDescription';
  return 'product';
}

/** fileUpdate's error fields name the file's place in the input: ["files", "2", "alt"]. */
function altField(error: UserErrorLike, alts: { id: string }[]): string {
  const [, index] = error.field ?? [];
  const image = index === undefined ? undefined : alts[Number(index)];
  return image ? `alt:${image.id}` : 'product';
}

function shopifyProblem(productId: string, field: string, message: string): FieldProblem {
  return { productId, field, code: 'shopify', message };
}

/** What was saved, as the activity log's operation: the sentence says which. */
function operationOf(seoSaved: boolean, altsSaved: number): string {
  if (seoSaved && altsSaved > 0) return 'seo_alt_text';
  return seoSaved ? 'seo' : 'alt_text';
}

function summaryOf(title: string | null, seoSaved: boolean, altsSaved: number): string {
  const name = title ? `“${title}”` : 'a product';
  const parts = [
    seoSaved ? 'search listing' : null,
    altsSaved > 0 ? `alt text of ${altsSaved} image${altsSaved === 1 ? '' : 's'}` : null,
  ];
  const what = parts.filter(Boolean).join(' and ');
  return `${what.charAt(0).toUpperCase()}${what.slice(1)} of ${name} updated in Steward`;
}

export async function saveProductChange(context: SaveContext, change: ProductChange): Promise<ProductOutcome> {
  const { db, gateway, shop } = context;
  const productId = change.productId;
  const problems: FieldProblem[] = [];
  let seoSaved = false;
  let altsSaved = 0;

  if (change.seoTitle !== undefined || change.seoDescription !== undefined) {
    const seo = {
      ...(change.seoTitle !== undefined ? { title: change.seoTitle } : {}),
      ...(change.seoDescription !== undefined ? { description: change.seoDescription } : {}),
    };
    const data = await gateway.request(PRODUCT_SEO_UPDATE, { product: { id: productGid(productId), seo } });
    const payload = data.productUpdate;
    if (!payload) throw new AdminGraphqlError('ContentProductSeoUpdate', [{ message: 'mutation returned no payload' }]);
    for (const error of payload.userErrors) problems.push(shopifyProblem(productId, seoField(error), error.message));
    seoSaved = payload.userErrors.length === 0;
  }

  const alts = change.alts ?? [];
  if (alts.length > 0) {
    const data = await gateway.request(IMAGE_ALT_UPDATE, {
      files: alts.map((image) => ({ id: image.id, alt: image.alt })),
    });
    const payload = data.fileUpdate;
    if (!payload) throw new AdminGraphqlError('ContentImageAltUpdate', [{ message: 'mutation returned no payload' }]);
    for (const error of payload.userErrors) {
      problems.push(shopifyProblem(productId, altField(error, alts), error.message));
    }
    if (payload.userErrors.length === 0) altsSaved = alts.length;
  }

  const row = await refreshProduct(db, gateway, shop, BigInt(productId));
  const title = row?.title ?? null;
  if (seoSaved || altsSaved > 0) {
    await recordActivity(db, {
      shop,
      occurredAt: new Date(),
      actor: context.actor,
      verb: 'updated',
      resource: { type: 'product', id: productId, title },
      summary: summaryOf(title, seoSaved, altsSaved),
      // The sentence names what changed; without a title it falls back to the plain "updated" one.
      details: title ? { operation: operationOf(seoSaved, altsSaved) } : null,
      link: `/products/${productId}`,
      source: 'steward',
      sourceKey: `content:${context.saveId}:${productId}`,
    });
  }
  return { productId, title, state: problems.length === 0 ? 'saved' : 'failed', problems };
}

/** Saves each change, a few products at a time, and answers with every product's outcome in order. */
export async function saveProductChanges(
  context: SaveContext,
  changes: ProductChange[],
  concurrency = 4,
): Promise<ProductOutcome[]> {
  const outcomes: ProductOutcome[] = new Array(changes.length);
  let next = 0;
  const worker = async () => {
    while (next < changes.length) {
      const index = next++;
      outcomes[index] = await saveProductChange(context, changes[index] as ProductChange);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, changes.length) }, worker));
  return outcomes;
}
