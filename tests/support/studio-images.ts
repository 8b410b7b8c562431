import sharp from 'sharp';

import { type RawImage } from '~/modules/studio/image/raw';

/**
 * Small synthetic images with known pixels, for the Studio image tests: every
 * expected number in those tests follows from how the picture was drawn here.
 */

type Pixel = readonly number[];

/** An image whose pixel (x, y) is `paint(x, y)`: [r, g, b] or [r, g, b, a]. */
export function drawImage(
  width: number,
  height: number,
  channels: 3 | 4,
  paint: (x: number, y: number) => Pixel,
): RawImage {
  const data = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const pixel = paint(x, y);
      const at = (y * width + x) * channels;
      for (let c = 0; c < channels; c++) data[at + c] = pixel[c] ?? 255;
    }
  }
  return { data, width, height, channels };
}

export function solidImage(width: number, height: number, colour: Pixel): RawImage {
  return drawImage(width, height, colour.length === 4 ? 4 : 3, () => colour);
}

export function pixelAt(image: RawImage, x: number, y: number): number[] {
  const at = (y * image.width + x) * image.channels;
  return [...image.data.subarray(at, at + image.channels)];
}

/** Every pixel of a rectangle, as [r, g, b(, a)] arrays. */
export function pixelsIn(image: RawImage, left: number, top: number, width: number, height: number): number[][] {
  const pixels: number[][] = [];
  for (let y = top; y < top + height; y++) for (let x = left; x < left + width; x++) pixels.push(pixelAt(image, x, y));
  return pixels;
}

/** Mean of each channel over a rectangle. */
export function meanIn(image: RawImage, left: number, top: number, width: number, height: number): number[] {
  const pixels = pixelsIn(image, left, top, width, height);
  return Array.from({ length: image.channels }, (_, c) => pixels.reduce((sum, p) => sum + p[c]!, 0) / pixels.length);
}

/** A deterministic pseudo-random sequence (mulberry32), so noisy test images are the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function encodeImage(
  image: RawImage,
  format: 'jpeg' | 'png' | 'webp' | 'gif' | 'avif' | 'tiff',
): Promise<Buffer> {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } })
    .toFormat(format, format === 'jpeg' ? { quality: 95 } : {})
    .toBuffer();
}

export async function decodeRaw(bytes: Buffer): Promise<RawImage> {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels as 3 | 4 };
}

/** The smallest and largest value of any colour channel (alpha left out). */
export function extremes(image: RawImage): { min: number; max: number } {
  let min = 255;
  let max = 0;
  for (let i = 0; i < image.data.length; i++) {
    if (image.channels === 4 && i % 4 === 3) continue;
    min = Math.min(min, image.data[i]!);
    max = Math.max(max, image.data[i]!);
  }
  return { min, max };
}
