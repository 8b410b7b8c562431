/**
 * Saving an image to Shopify without ever losing one, and rolling back.
 *
 * A save (an edit, or a rollback to an earlier version) of the image in a
 * product slot:
 *   1. reads the product's media; the image must still be there;
 *   2. produces the new bytes (renders the recipe on the current image, or
 *      reads the restored version's bytes), which Shopify must be able to take;
 *   3. the first time Steward saves to the slot, keeps the original's bytes
 *      as version 0 (versions.server.ts), and keeps the new bytes;
 *   4. writes the version row `pending`, under the save's request key;
 *   5. uploads (stagedUploadsCreate → POST → fileCreate, named after the
 *      row) and records the file id, waits until Shopify has processed it;
 *   6. sets the product's media with productSet: the new file in the old
 *      one's place, with its alt text, every other media unchanged; the old
 *      media leaves the product and stays in Shopify's Files;
 *   7. numbers the version, marks it saved, and records an activity entry.
 *
 * Run again with the same request key (a batch item after a crash, a retried
 * job), a save resumes its row rather than saving twice: a saved row is
 * answered as is; a pending one finds the file it created (by the row's id
 * in the filename) or uploads it, and skips the productSet if its file is
 * already on the product. A pending row whose file shows on the product is
 * also completed when the next save or rollback of the slot finds it there.
 */
import { randomUUID } from 'node:crypto';
import type { StudioVersion } from '@prisma/client';
import prisma from '~/db.server';
import { recordActivity, type ActivityInput } from '~/modules/activity/record.server';
import type { AdminGateway } from '~/platform/shopify/admin-gateway.server';
import { StudioError } from './errors';
import { ImageInputError, inspectImage, LIMITS } from './image/decode.server';
import { renderRecipe } from './image/pipeline.server';
import { parseRecipe, RecipeError, type Recipe } from './image/recipe';
import {
  createImageFile,
  downloadImage,
  findFileByName,
  readProductMedia,
  setProductFiles,
  shopifyRefusal,
  waitUntilReady,
  type ProductMedia,
  type ProductWithMedia,
  type WaitOptions,
} from './shopify-media.server';
import {
  completeVersion,
  keepOriginal,
  readBlob,
  storeBlob,
  versionShowing,
  type VersionSource,
} from './versions.server';

/** Who saves, in which shop, through which gateway: what routes (withAdmin) and jobs have. */
export interface StudioContext {
  gateway: AdminGateway;
  shop: string;
  actor: ActivityInput['actor'];
  /** How the file's processing is polled (tests shorten it). */
  wait?: WaitOptions;
}

export interface SaveResult {
  version: StudioVersion;
  /** The Shopify media now in the slot. */
  mediaId: string;
}

interface Rendition {
  data: Buffer;
  mime: string;
  width: number;
  height: number;
}

interface SlotSave {
  productId: string;
  /** The media in the slot when the save was asked for. */
  mediaId: string;
  source: Exclude<VersionSource, 'original'>;
  requestKey: string;
  recipe?: Recipe;
  restoredVersion?: number;
  produce: (current: () => Promise<Buffer>) => Promise<Rendition>;
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/avif': 'avif',
  'image/tiff': 'tif',
};

/** The file's name in Shopify: the version row's own, so a resumed save finds it. */
export function fileNameOf(version: Pick<StudioVersion, 'id' | 'mime'>): string {
  return `studio-${version.id}.${EXTENSIONS[version.mime] ?? 'jpg'}`;
}

/** The numeric id in a gid ("gid://shopify/Product/123" → "123"). */
const numericId = (gid: string) => gid.split('/').pop() ?? gid;

function asStudioError(error: unknown): unknown {
  if (error instanceof ImageInputError) return new StudioError('image', error.message);
  if (error instanceof RecipeError) return new StudioError('invalid', error.message);
  return error;
}

async function requireProduct(gateway: AdminGateway, productId: string): Promise<ProductWithMedia> {
  const product = await readProductMedia(gateway, productId);
  if (!product) throw new StudioError('not-found', 'This product does not exist in the shop');
  return product;
}

/** The bytes of the image in the slot: Steward's copy when it saved it, otherwise Shopify's. */
export async function currentBytesOf(
  shop: string,
  media: ProductMedia,
  showing: StudioVersion | null,
): Promise<Buffer> {
  if (showing) return readBlob(shop, showing.sha256);
  if (!media.url) throw new StudioError('not-found', 'Shopify has not finished processing this image');
  return downloadImage(media.url, LIMITS.maxBytes);
}

async function recordSave(ctx: StudioContext, version: StudioVersion, productTitle: string): Promise<void> {
  const what =
    version.source === 'rollback'
      ? `restored to version ${version.restoredVersion}`
      : `edited in Studio (version ${version.version})`;
  await recordActivity(prisma, {
    shop: ctx.shop,
    occurredAt: version.savedAt ?? new Date(),
    actor: ctx.actor,
    verb: 'updated',
    resource: { type: 'product', id: numericId(version.productId), title: productTitle },
    summary: `Image ${(version.position ?? 0) + 1} of “${productTitle}” ${what}`,
    details: {
      studio: version.source,
      version: version.version,
      ...(version.restoredVersion === null ? {} : { restoredVersion: version.restoredVersion }),
    },
    link: `/products/${numericId(version.productId)}`,
    source: 'steward',
    sourceKey: `studio:version:${version.id}`,
  });
}

/**
 * Steps 5–7 for a pending row: upload (unless done), attach (unless done),
 * complete. A resumed row may have created its file before its id was
 * written down: the file is looked for by its name first.
 */
async function finishPending(ctx: StudioContext, pending: StudioVersion, resumed: boolean): Promise<SaveResult> {
  const { gateway, shop } = ctx;
  let fileId = pending.shopifyMediaId;
  if (!fileId) {
    const filename = fileNameOf(pending);
    fileId =
      (resumed ? await findFileByName(gateway, filename) : null) ??
      (await createImageFile(gateway, {
        bytes: await readBlob(shop, pending.sha256),
        filename,
        mimeType: pending.mime,
        alt: pending.alt,
      }));
    await prisma.studioVersion.updateMany({ where: { shop, id: pending.id }, data: { shopifyMediaId: fileId } });
  }
  await waitUntilReady(gateway, fileId, ctx.wait);

  const product = await requireProduct(gateway, pending.productId);
  let position = product.media.findIndex((media) => media.id === fileId);
  if (position === -1) {
    position = product.media.findIndex((media) => media.id === pending.replacesMediaId);
    if (position === -1) {
      await prisma.studioVersion.deleteMany({ where: { shop, id: pending.id, state: 'pending' } });
      throw new StudioError(
        'conflict',
        'The image was removed or replaced on the product while it was being saved; nothing was changed',
      );
    }
    const replaced = product.media[position] as ProductMedia;
    const files = product.media.map((media) =>
      media.id === replaced.id ? { id: fileId as string, alt: replaced.alt ?? '' } : { id: media.id },
    );
    await setProductFiles(gateway, pending.productId, files);
  }
  const version = await completeVersion({ ...pending, shopifyMediaId: fileId }, position);
  await recordSave(ctx, version, product.title);
  return { version, mediaId: fileId };
}

async function saveToSlot(ctx: StudioContext, save: SlotSave): Promise<SaveResult> {
  const { gateway, shop } = ctx;
  if (gateway.shop !== shop) throw new Error(`The gateway is for ${gateway.shop}, not ${shop}`);

  const earlier = await prisma.studioVersion.findFirst({ where: { shop, requestKey: save.requestKey } });
  if (earlier?.state === 'saved' && earlier.shopifyMediaId) {
    const product = await readProductMedia(gateway, earlier.productId);
    await recordSave(ctx, earlier, product?.title ?? '');
    return { version: earlier, mediaId: earlier.shopifyMediaId };
  }
  if (earlier) return finishPending(ctx, earlier, true);

  const product = await requireProduct(gateway, save.productId);
  const media = product.media.find((entry) => entry.id === save.mediaId);
  if (!media) throw new StudioError('conflict', 'This image is no longer on the product; reload and try again');
  if (!media.isImage) throw new StudioError('invalid', 'Only images can be edited');

  let showing = await versionShowing(shop, save.productId, media.id);
  if (showing?.state === 'pending') showing = await completeVersion(showing, media.position);
  let currentBytes: Promise<Buffer> | undefined;
  const current = () => (currentBytes ??= currentBytesOf(shop, media, showing));
  const rendition = await save.produce(current).catch((error) => Promise.reject(asStudioError(error)));
  // The original is kept once the edit is known to be savable.
  if (!showing) {
    const bytes = await current();
    const info = await inspectImage(bytes).catch((error) => Promise.reject(asStudioError(error)));
    await keepOriginal({
      shop,
      productId: save.productId,
      mediaId: media.id,
      bytes,
      mime: `image/${info.format}`,
      width: info.width,
      height: info.height,
      alt: media.alt,
      position: media.position,
      createdBy: ctx.actor,
    });
  }

  const sha256 = await storeBlob(shop, rendition.data);
  const pending = await prisma.studioVersion.create({
    data: {
      shop,
      productId: save.productId,
      mediaKey: showing?.mediaKey ?? media.id,
      state: 'pending',
      source: save.source,
      replacesMediaId: media.id,
      requestKey: save.requestKey,
      sha256,
      mime: rendition.mime,
      width: rendition.width,
      height: rendition.height,
      byteSize: rendition.data.length,
      alt: media.alt,
      position: media.position,
      recipe: save.recipe ?? undefined,
      restoredVersion: save.restoredVersion ?? null,
      createdById: ctx.actor.id ?? null,
      createdByName: ctx.actor.name ?? null,
    },
  });
  return finishPending(ctx, pending, false);
}

export interface SaveEditInput {
  productId: string;
  mediaId: string;
  recipe: unknown;
  /** Makes the save idempotent: the same key saves once (a batch item's id, a form's nonce). */
  requestKey?: string;
}

/** Renders the recipe at full size on the slot's current image and saves it in its place. */
export async function saveEdit(ctx: StudioContext, input: SaveEditInput): Promise<SaveResult> {
  let recipe: Recipe;
  try {
    recipe = parseRecipe(input.recipe);
  } catch (error) {
    throw asStudioError(error);
  }
  return saveToSlot(ctx, {
    productId: input.productId,
    mediaId: input.mediaId,
    source: 'edit',
    requestKey: input.requestKey ?? `edit:${randomUUID()}`,
    recipe,
    produce: async (current) => {
      const rendered = await renderRecipe(await current(), recipe);
      const refusal = shopifyRefusal({ bytes: rendered.data.length, width: rendered.width, height: rendered.height });
      if (refusal) throw new StudioError('image', refusal);
      return { data: rendered.data, mime: rendered.mime, width: rendered.width, height: rendered.height };
    },
  });
}

export interface RollbackInput {
  productId: string;
  versionId: string;
  requestKey?: string;
}

/**
 * Puts an earlier version's bytes (version 0, the original, included) back
 * in the slot, as a new version. Rolling back to what the slot already
 * shows changes nothing and answers the current version.
 */
export async function rollback(ctx: StudioContext, input: RollbackInput): Promise<SaveResult> {
  const { gateway, shop } = ctx;
  const target = await prisma.studioVersion.findFirst({
    where: { shop, productId: input.productId, id: input.versionId, state: 'saved' },
  });
  if (!target) throw new StudioError('not-found', 'This version does not exist for this product');

  const product = await requireProduct(gateway, input.productId);
  const slotMedia = await prisma.studioVersion.findMany({
    where: {
      shop,
      productId: input.productId,
      mediaKey: target.mediaKey,
      shopifyMediaId: { in: product.media.map((media) => media.id) },
    },
    orderBy: { createdAt: 'desc' },
    take: 1,
  });
  const showing = slotMedia[0];
  if (!showing?.shopifyMediaId)
    throw new StudioError('conflict', 'The image Steward saved is no longer on the product; nothing was changed');
  if (showing.sha256 === target.sha256 && showing.state === 'saved') {
    return { version: showing, mediaId: showing.shopifyMediaId };
  }
  return saveToSlot(ctx, {
    productId: input.productId,
    mediaId: showing.shopifyMediaId,
    source: 'rollback',
    requestKey: input.requestKey ?? `rollback:${randomUUID()}`,
    restoredVersion: target.version ?? undefined,
    produce: async () => ({
      data: await readBlob(shop, target.sha256),
      mime: target.mime,
      width: target.width,
      height: target.height,
    }),
  });
}
