import { sharpFromRaw } from './decode.server';
import { type RawImage } from './raw';
import { type OutputFormat, type Recipe } from './recipe';

/** The last step of every render: compress to the web format the recipe asks for. */

const MIME_TYPES = { webp: 'image/webp', jpeg: 'image/jpeg', png: 'image/png' } as const;

export interface EncodedImage {
  data: Buffer;
  format: OutputFormat;
  width: number;
  height: number;
  mime: (typeof MIME_TYPES)[OutputFormat];
}

/** Whether any pixel is less than fully opaque. */
export function hasTransparency(image: RawImage): boolean {
  if (image.channels === 3) return false;
  for (let i = 3; i < image.data.length; i += 4) if (image.data[i]! < 255) return true;
  return false;
}

/**
 * JPEG unless told otherwise, PNG when the image has transparency and no
 * format was chosen. JPEG has no alpha, so a transparent image asked for as
 * JPEG goes onto white. PNG is lossless (quality applies to JPEG and WebP).
 */
export async function encode(image: RawImage, output: Recipe['output']): Promise<EncodedImage> {
  const transparent = hasTransparency(image);
  const format = output.format ?? (transparent ? 'png' : 'jpeg');
  let pipeline = sharpFromRaw(image);
  if (image.channels === 4 && (!transparent || format === 'jpeg'))
    pipeline = pipeline.flatten({ background: '#ffffff' });
  if (format === 'jpeg') pipeline = pipeline.jpeg({ quality: output.quality, progressive: true });
  else if (format === 'webp') pipeline = pipeline.webp({ quality: output.quality });
  else pipeline = pipeline.png({ compressionLevel: 9, adaptiveFiltering: true });
  const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
  return { data, format, width: info.width, height: info.height, mime: MIME_TYPES[format] };
}
