/**
 * The editor's live preview: the image at preview size, as it is (the
 * "before"), with a recipe applied (the "after"), or as the mask of one of
 * the recipe's operations (what a colour change selects). The editor asks
 * for one after every pause in its changes, so the image's bytes are kept
 * for a few minutes per process: one Admin API read when the editor opens,
 * none while the merchant drags a slider. A media id's bytes do not change
 * (a save puts a new media in the slot), so the cache cannot show a stale
 * image for long; the time limit covers files replaced outside Steward.
 */
import { z } from 'zod';
import type { AdminGateway } from '~/platform/shopify/admin-gateway.server';
import { mediaImageGid, productGid } from './components/browser-url';
import { StudioError } from './errors';
import { decodeImage, ImageInputError, sharpFromRaw } from './image/decode.server';
import { renderMaskPreview, renderRecipe } from './image/pipeline.server';
import { parseRecipe, RecipeError, type Recipe } from './image/recipe';
import { loadMediaForEdit } from './media.server';

/** The preview's longest edge: sharp enough for the editor's pane on a high-density screen. */
export const PREVIEW_EDGE = 1024;
const KEEP_MS = 5 * 60_000;
const CACHE_BYTES = 96 * 1024 * 1024;

const numeric = z.string().regex(/^\d{1,20}$/, 'Expected a numeric id');

export const PreviewQuerySchema = z.object({
  productId: numeric,
  mediaId: numeric,
  recipe: z.string().max(20_000, 'The recipe is too long').optional(),
  mask: z.coerce.number().int().min(0).max(29).optional(),
});

export interface PreviewImage {
  data: Buffer;
  mime: string;
  width: number;
  height: number;
}

const sources = new Map<string, { bytes: Buffer; until: number }>();
let sourceBytes = 0;

const sourceKey = (shop: string, productId: string, mediaId: string) => `${shop} ${productId} ${mediaId}`;

/** Keeps an image's bytes for its previews (the editor's loader has just read them). */
export function rememberPreviewSource(shop: string, productId: string, mediaId: string, bytes: Buffer): void {
  const key = sourceKey(shop, productId, mediaId);
  const old = sources.get(key);
  if (old) {
    sources.delete(key);
    sourceBytes -= old.bytes.length;
  }
  sources.set(key, { bytes, until: Date.now() + KEEP_MS });
  sourceBytes += bytes.length;
  for (const [oldest, entry] of sources) {
    if (sourceBytes <= CACHE_BYTES) break;
    sources.delete(oldest);
    sourceBytes -= entry.bytes.length;
  }
}

async function sourceOf(gateway: AdminGateway, shop: string, productId: string, mediaId: string): Promise<Buffer> {
  const hit = sources.get(sourceKey(shop, productId, mediaId));
  if (hit && hit.until > Date.now()) return hit.bytes;
  const { bytes } = await loadMediaForEdit(gateway, shop, productId, mediaId);
  rememberPreviewSource(shop, productId, mediaId, bytes);
  return bytes;
}

function recipeFrom(text: string): Recipe {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new StudioError('invalid', 'The recipe is not JSON');
  }
  return parseRecipe(json);
}

/** The preview an editor's request asks for (URL search parameters), or a StudioError saying why not. */
export async function renderPreview(
  gateway: AdminGateway,
  shop: string,
  params: URLSearchParams,
  signal?: AbortSignal,
): Promise<PreviewImage> {
  const query = PreviewQuerySchema.safeParse(Object.fromEntries(params));
  if (!query.success) {
    throw new StudioError(
      'invalid',
      query.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
    );
  }
  const { productId, mediaId, recipe: recipeText, mask } = query.data;
  try {
    const recipe = recipeText === undefined ? null : recipeFrom(recipeText);
    if (mask !== undefined && (!recipe || mask >= recipe.operations.length)) {
      throw new StudioError('invalid', 'The mask names no operation of the recipe');
    }
    const bytes = await sourceOf(gateway, shop, productGid(productId), mediaImageGid(mediaId));
    if (recipe && mask !== undefined) {
      const rendered = await renderMaskPreview(bytes, recipe, mask, { previewLongEdge: PREVIEW_EDGE });
      return { data: rendered.data, mime: rendered.mime, ...pngSize(rendered.data) };
    }
    if (recipe) {
      const rendered = await renderRecipe(bytes, recipe, { previewLongEdge: PREVIEW_EDGE, signal });
      return { data: rendered.data, mime: rendered.mime, width: rendered.width, height: rendered.height };
    }
    const original = await decodeImage(bytes, { longEdge: PREVIEW_EDGE });
    const encoder = sharpFromRaw(original);
    const data = await (original.channels === 4 ? encoder.png() : encoder.jpeg({ quality: 88 })).toBuffer();
    return {
      data,
      mime: original.channels === 4 ? 'image/png' : 'image/jpeg',
      width: original.width,
      height: original.height,
    };
  } catch (error) {
    if (error instanceof RecipeError) throw new StudioError('invalid', error.message);
    if (error instanceof ImageInputError) throw new StudioError('image', error.message);
    throw error;
  }
}

/** The size of a PNG, from its header (IHDR: width and height at bytes 16 and 20). */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
