import sharp, { type Metadata, type Sharp, type SharpOptions } from 'sharp';

import { type RawImage } from './raw';

/**
 * The door every image comes through: uploads and files downloaded from
 * Shopify are checked by their content (magic bytes, then sharp's reading of
 * the header, then a full decode), never by their name or claimed type, and
 * against size and pixel limits before any pixel is decoded.
 */

export const LIMITS = {
  /** Bytes of the encoded file. */
  maxBytes: 25 * 1024 * 1024,
  /** Width × height, checked from the header before decoding (sharp's limitInputPixels too). */
  maxPixels: 50_000_000,
} as const;

type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'avif' | 'tiff';

type ImageInputErrorCode = 'unsupported' | 'corrupt' | 'too-large' | 'too-many-pixels';

export class ImageInputError extends Error {
  readonly code: ImageInputErrorCode;

  constructor(code: ImageInputErrorCode, message: string) {
    super(message);
    this.name = 'ImageInputError';
    this.code = code;
  }
}

interface ImageInfo {
  format: ImageFormat;
  /** As displayed, after the EXIF orientation. */
  width: number;
  height: number;
  hasAlpha: boolean;
  bytes: number;
}

// libvips keeps recently used operations and their pixels for reuse; Studio
// renders are one-offs, so the cache would only hold memory between jobs.
sharp.cache(false);

const SHARP_OPTIONS: SharpOptions = {
  limitInputPixels: LIMITS.maxPixels,
  // 'error' also covers truncated data; 'warning' would refuse real camera
  // files whose only fault is a harmless libjpeg warning.
  failOn: 'error',
  autoOrient: true,
};

const ISO_BRANDS_AVIF = new Set(['avif', 'avis']);

function startsWith(bytes: Buffer, signature: number[], offset = 0): boolean {
  return bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);
}

function ascii(bytes: Buffer, start: number, end: number): string {
  return bytes.subarray(start, end).toString('latin1');
}

/** The format the first bytes announce, or null for anything we don't take (SVG, PDF, HEIC, text…). */
export function sniffFormat(bytes: Buffer): ImageFormat | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (ascii(bytes, 4, 8) === 'ftyp') {
    const boxSize = bytes.readUInt32BE(0);
    const end = Math.min(bytes.length, boxSize);
    // The major brand, then the compatible brands, four bytes each.
    for (let at = 8; at + 4 <= end; at += at === 8 ? 8 : 4) {
      if (ISO_BRANDS_AVIF.has(ascii(bytes, at, at + 4))) return 'avif';
    }
  }
  return null;
}

const SHARP_FORMAT: Record<ImageFormat, string> = {
  jpeg: 'jpeg',
  png: 'png',
  webp: 'webp',
  gif: 'gif',
  avif: 'heif',
  tiff: 'tiff',
};

const megapixels = (pixels: number) => `${(pixels / 1_000_000).toFixed(1)} megapixels`;

/** What the header says, refusing what is too big or not an image we support; decodes no pixel. */
export async function readImageHeader(bytes: Buffer): Promise<ImageInfo> {
  if (bytes.length === 0) throw new ImageInputError('corrupt', 'The file is empty.');
  if (bytes.length > LIMITS.maxBytes)
    throw new ImageInputError(
      'too-large',
      `The file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; images up to ${LIMITS.maxBytes / 1024 / 1024} MB are accepted.`,
    );
  const format = sniffFormat(bytes);
  if (!format)
    throw new ImageInputError(
      'unsupported',
      'This file is not an image Studio can edit. Use a JPEG, PNG, WebP, GIF, AVIF or TIFF image.',
    );
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { ...SHARP_OPTIONS, limitInputPixels: false }).metadata();
  } catch {
    throw new ImageInputError('corrupt', `The file starts like a ${format.toUpperCase()} image but cannot be read.`);
  }
  if (metadata.format !== SHARP_FORMAT[format])
    throw new ImageInputError('corrupt', `The file starts like a ${format.toUpperCase()} image but is not one.`);
  if (!metadata.width || !metadata.height) throw new ImageInputError('corrupt', 'The image has no width or height.');
  const pixels = metadata.width * metadata.height;
  if (pixels > LIMITS.maxPixels)
    throw new ImageInputError(
      'too-many-pixels',
      `The image is ${metadata.width}×${metadata.height} (${megapixels(pixels)}); images up to ${megapixels(LIMITS.maxPixels)} are accepted.`,
    );
  return {
    format,
    width: metadata.autoOrient.width,
    height: metadata.autoOrient.height,
    hasAlpha: metadata.hasAlpha,
    bytes: bytes.length,
  };
}

/**
 * What an image is, checked by its content: limits and header first, then a
 * decode of every pixel (at a small size, which still reads the whole file),
 * so truncated and damaged files are refused here rather than halfway
 * through an edit. Throws ImageInputError.
 */
export async function inspectImage(bytes: Buffer): Promise<ImageInfo> {
  const info = await readImageHeader(bytes);
  try {
    await sharp(bytes, SHARP_OPTIONS).resize(64, 64, { fit: 'inside' }).raw().toBuffer();
  } catch {
    throw new ImageInputError('corrupt', `The ${info.format.toUpperCase()} image is damaged or incomplete.`);
  }
  return info;
}

/**
 * Decodes to 8-bit sRGB pixels (RGB, or RGBA when the image has alpha), upright
 * per EXIF. With `longEdge`, the image is shrunk to fit it while decoding
 * (JPEG decodes straight at the smaller size), which is what makes previews fast.
 */
export async function decodeImage(bytes: Buffer, options: { longEdge?: number } = {}): Promise<RawImage> {
  await readImageHeader(bytes);
  let pipeline = sharp(bytes, SHARP_OPTIONS);
  if (options.longEdge)
    pipeline = pipeline.resize(options.longEdge, options.longEdge, { fit: 'inside', withoutEnlargement: true });
  try {
    return await rawFromSharp(pipeline);
  } catch {
    throw new ImageInputError('corrupt', 'The image is damaged or incomplete.');
  }
}

/** Runs a sharp pipeline to 8-bit sRGB raw pixels. */
export async function rawFromSharp(pipeline: Sharp): Promise<RawImage> {
  const { data, info } = await pipeline
    .toColourspace('srgb')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3 && info.channels !== 4) throw new Error(`Unexpected channel count ${info.channels}`);
  return { data, width: info.width, height: info.height, channels: info.channels };
}

/** Opens raw pixels in sharp, for the operations sharp does best. */
export function sharpFromRaw(image: RawImage): Sharp {
  return sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: image.channels },
    limitInputPixels: LIMITS.maxPixels,
  });
}
