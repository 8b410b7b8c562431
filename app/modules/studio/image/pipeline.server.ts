import sharp from 'sharp';

import { backgroundMask, removeBackground } from './background.server';
import { autoColour } from './colour-correct.server';
import { changeColour, colourMask } from './colour-change.server';
import { decodeImage, readImageHeader } from './decode.server';
import { encode, type EncodedImage } from './ops-encode.server';
import { crop, resize, rotate, straighten } from './ops-geometry.server';
import { adjust, denoise, sharpen } from './ops-tone.server';
import { type RawImage } from './raw';
import { type Operation, type Recipe, RecipeError } from './recipe';

/**
 * Renders a recipe: decode once, run the operations in order on raw pixels
 * (each either a sharp pass or our own loop), encode once.
 *
 * A preview decodes straight at the preview size, so every operation then
 * works on a fraction of the pixels; operations measured in pixels (sharpen
 * and denoise radii, background feather, resize bounds) are scaled with it,
 * so the preview looks like the full render, only smaller.
 *
 * Memory: one decoded image plus the one being made from it (4 bytes a pixel
 * each with alpha), whatever the number of operations; sharp keeps no cache
 * (see decode.server.ts). Work stops between operations when `signal` aborts.
 */

/** Masks are previewed at this size when the caller names none. */
export const MASK_PREVIEW_LONG_EDGE = 1024;

interface RenderOptions {
  /** Render smaller, for the editor: the image fits a square of this edge. */
  previewLongEdge?: number;
  signal?: AbortSignal;
}

interface Working {
  image: RawImage;
  /** Pixels of the working image per pixel of the full image. */
  scale: number;
}

async function load(input: Buffer, previewLongEdge: number | undefined): Promise<Working> {
  const header = await readImageHeader(input);
  const image = await decodeImage(input, previewLongEdge ? { longEdge: previewLongEdge } : {});
  return { image, scale: image.width / header.width };
}

function paramsOf<T extends Operation>({ op: _op, ...params }: T): Omit<T, 'op'> {
  return params;
}

function scaled(pixels: number | undefined, scale: number): number | undefined {
  return pixels === undefined ? undefined : Math.max(1, Math.round(pixels * scale));
}

async function apply(image: RawImage, operation: Operation, scale: number): Promise<RawImage> {
  switch (operation.op) {
    case 'crop':
      return crop(image, operation);
    case 'rotate':
      return rotate(image, operation.degrees);
    case 'straighten':
      return straighten(image, operation.degrees);
    case 'adjust':
      return adjust(image, operation);
    case 'sharpen':
      return sharpen(image, operation.amount, scale);
    case 'denoise':
      return denoise(image, operation.amount, scale);
    case 'autoColour':
      return autoColour(image, operation);
    case 'colourChange':
      return changeColour(image, paramsOf(operation));
    case 'removeBackground':
      return removeBackground(image, { ...paramsOf(operation), feather: operation.feather * scale });
    case 'resize':
      return resize(image, {
        maxWidth: scaled(operation.maxWidth, scale),
        maxHeight: scaled(operation.maxHeight, scale),
      });
  }
}

async function applyAll(working: Working, operations: Operation[], signal?: AbortSignal): Promise<RawImage> {
  let image = working.image;
  for (const operation of operations) {
    signal?.throwIfAborted();
    image = await apply(image, operation, working.scale);
  }
  signal?.throwIfAborted();
  return image;
}

/** The recipe applied to an encoded image: at full size, or at preview size when asked. Throws ImageInputError for bad input. */
export async function renderRecipe(input: Buffer, recipe: Recipe, options: RenderOptions = {}): Promise<EncodedImage> {
  options.signal?.throwIfAborted();
  const working = await load(input, options.previewLongEdge);
  const image = await applyAll(working, recipe.operations, options.signal);
  return encode(image, recipe.output);
}

/**
 * What one colour change or background removal of the recipe selects, as a
 * grey PNG (white = changed / kept as subject), computed on the image as the
 * operations before it leave it.
 */
export async function renderMaskPreview(
  input: Buffer,
  recipe: Recipe,
  operationIndex: number,
  options: { previewLongEdge?: number } = {},
): Promise<{ data: Buffer; mime: 'image/png' }> {
  const operation = recipe.operations[operationIndex];
  if (!operation || (operation.op !== 'colourChange' && operation.op !== 'removeBackground'))
    throw new RecipeError([
      {
        path: `operations[${operationIndex}]`,
        message: operation
          ? `A ${operation.op} operation has no mask; only colourChange and removeBackground do`
          : `The recipe has no operation ${operationIndex}`,
      },
    ]);
  const working = await load(input, options.previewLongEdge ?? MASK_PREVIEW_LONG_EDGE);
  const image = await applyAll(working, recipe.operations.slice(0, operationIndex));
  const mask =
    operation.op === 'colourChange'
      ? colourMask(image, paramsOf(operation))
      : backgroundMask(image, { ...paramsOf(operation), feather: operation.feather * working.scale });
  const data = await sharp(Buffer.from(mask.data.buffer, mask.data.byteOffset, mask.data.byteLength), {
    raw: { width: mask.width, height: mask.height, channels: 1 },
  })
    .toColourspace('b-w')
    .png({ compressionLevel: 6 })
    .toBuffer();
  return { data, mime: 'image/png' };
}
