import { rawFromSharp, sharpFromRaw } from './decode.server';
import { type RawImage } from './raw';
import { type CropAspect, type OperationOf } from './recipe';

/** Crop, rotate, straighten and resize. */

interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

const ASPECTS: Record<Exclude<CropAspect, 'free'>, [number, number]> = {
  '1:1': [1, 1],
  '4:5': [4, 5],
  '16:9': [16, 9],
};

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * The crop in pixels. Free: the fractions rounded to whole pixels. A preset:
 * the largest rectangle of exactly that aspect (a whole multiple of it, so
 * 1080×1350 for 4:5, never 1081×1350) inside the chosen region, centred in it.
 */
export function cropRect(width: number, height: number, crop: OperationOf<'crop'>): Rect {
  const left = clamp(Math.round(crop.x * width), 0, width - 1);
  const top = clamp(Math.round(crop.y * height), 0, height - 1);
  const regionWidth = clamp(Math.round((crop.x + crop.width) * width) - left, 1, width - left);
  const regionHeight = clamp(Math.round((crop.y + crop.height) * height) - top, 1, height - top);
  if (crop.aspect === 'free') return { left, top, width: regionWidth, height: regionHeight };

  const [a, b] = ASPECTS[crop.aspect];
  // An image narrower than the aspect's own numbers (under 16 px for 16:9) gets one step of it, clipped.
  const step = Math.max(1, Math.floor(Math.min(regionWidth / a, regionHeight / b)));
  const cropWidth = Math.min(a * step, width);
  const cropHeight = Math.min(b * step, height);
  return {
    left: clamp(left + Math.floor((regionWidth - cropWidth) / 2), 0, width - cropWidth),
    top: clamp(top + Math.floor((regionHeight - cropHeight) / 2), 0, height - cropHeight),
    width: cropWidth,
    height: cropHeight,
  };
}

/** Copies a rectangle out of the pixels, row by row. */
function extract(image: RawImage, rect: Rect): RawImage {
  const { channels } = image;
  const rowBytes = rect.width * channels;
  const data = Buffer.allocUnsafe(rowBytes * rect.height);
  for (let y = 0; y < rect.height; y++) {
    const from = ((rect.top + y) * image.width + rect.left) * channels;
    image.data.copy(data, y * rowBytes, from, from + rowBytes);
  }
  return { data, width: rect.width, height: rect.height, channels };
}

export function crop(image: RawImage, operation: OperationOf<'crop'>): RawImage {
  return extract(image, cropRect(image.width, image.height, operation));
}

export async function rotate(image: RawImage, degrees: 90 | 180 | 270): Promise<RawImage> {
  return rawFromSharp(sharpFromRaw(image).rotate(degrees));
}

/**
 * The largest axis-aligned rectangle inside a width × height rectangle turned
 * by `degrees`: the two corners of its long side touch the turned edges (or,
 * for a turn steep enough, it is limited by the short side alone).
 */
export function inscribedSize(width: number, height: number, degrees: number): { width: number; height: number } {
  const angle = (Math.abs(degrees) * Math.PI) / 180;
  const sin = Math.sin(angle);
  const cos = Math.cos(angle);
  if (sin < 1e-9) return { width, height };
  const long = Math.max(width, height);
  const short = Math.min(width, height);
  const widthIsLong = width >= height;
  if (short <= 2 * sin * cos * long || Math.abs(sin - cos) < 1e-9) {
    const half = short / 2;
    return widthIsLong ? { width: half / sin, height: half / cos } : { width: half / cos, height: half / sin };
  }
  const cos2 = cos * cos - sin * sin;
  return { width: (width * cos - height * sin) / cos2, height: (height * cos - width * sin) / cos2 };
}

/**
 * Levels a tilted horizon: turns the image by a small angle (positive is
 * clockwise), then keeps the largest upright rectangle with no corner of
 * the empty canvas in it. The rectangle stays two pixels clear of the turned
 * edges, where interpolation blends in the canvas.
 */
export async function straighten(image: RawImage, degrees: number): Promise<RawImage> {
  if (degrees === 0) return image;
  const turned = await rawFromSharp(sharpFromRaw(image).rotate(degrees, { background: '#000000' }));
  const inner = inscribedSize(image.width, image.height, degrees);
  const margin = 2;
  const width = Math.max(1, Math.floor(inner.width) - 2 * margin);
  const height = Math.max(1, Math.floor(inner.height) - 2 * margin);
  return extract(turned, {
    left: Math.round((turned.width - width) / 2),
    top: Math.round((turned.height - height) / 2),
    width,
    height,
  });
}

/** Fits the image inside maxWidth × maxHeight, never enlarging. */
export async function resize(image: RawImage, bounds: { maxWidth?: number; maxHeight?: number }): Promise<RawImage> {
  const width = bounds.maxWidth ?? null;
  const height = bounds.maxHeight ?? null;
  if ((width === null || image.width <= width) && (height === null || image.height <= height)) return image;
  return rawFromSharp(sharpFromRaw(image).resize(width, height, { fit: 'inside', withoutEnlargement: true }));
}
