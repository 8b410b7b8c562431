import { linearToByte, SRGB_TO_LINEAR } from './colour-space';
import { rawFromSharp, sharpFromRaw } from './decode.server';
import { type RawImage } from './raw';
import { type OperationOf } from './recipe';

/** Exposure, contrast and saturation; sharpen; denoise. */

/** ±100 exposure is ±2 stops of light. */
const STOPS_PER_EXPOSURE = 2 / 100;
/** ±100 contrast doubles or halves the distance from mid-grey. */
const CONTRAST_DOUBLINGS = 1 / 100;

const CLAMP = Uint8Array.from({ length: 1280 }, (_, i) => Math.min(255, Math.max(0, i - 512)));

const toByte = (value: number) => (value <= 0 ? 0 : value >= 255 ? 255 : Math.round(value));

/**
 * The tone curve of an adjustment: exposure multiplies the light (in linear
 * light, like opening the aperture), then contrast spreads the values away
 * from mid-grey.
 */
export function toneCurve(exposure: number, contrast: number): Uint8Array {
  const gain = 2 ** (exposure * STOPS_PER_EXPOSURE);
  const spread = 2 ** (contrast * CONTRAST_DOUBLINGS);
  return Uint8Array.from({ length: 256 }, (_, value) => {
    const exposed = exposure === 0 ? value : linearToByte(SRGB_TO_LINEAR[value]! * gain);
    return toByte(127.5 + (exposed - 127.5) * spread);
  });
}

/**
 * Exposure and contrast through one 256-entry curve, then saturation by
 * moving each pixel towards (below 0) or away from (above 0) its own grey,
 * so greys stay grey and −100 is black and white.
 */
export function adjust(image: RawImage, operation: OperationOf<'adjust'>): RawImage {
  const { exposure, contrast, saturation } = operation;
  if (exposure === 0 && contrast === 0 && saturation === 0) return image;
  const curve = toneCurve(exposure, contrast);
  const { data, channels } = image;
  const out = Buffer.allocUnsafe(data.length);
  if (saturation === 0) {
    for (let i = 0; i < data.length; i += channels) {
      out[i] = curve[data[i]!]!;
      out[i + 1] = curve[data[i + 1]!]!;
      out[i + 2] = curve[data[i + 2]!]!;
      if (channels === 4) out[i + 3] = data[i + 3]!;
    }
    return { ...image, data: out };
  }
  // Integer maths in 1/256ths (Rec. 709 luma weights 54, 183, 19); CLAMP turns −512…767 into 0…255.
  const chroma = Math.round((1 + saturation / 100) * 256);
  for (let i = 0; i < data.length; i += channels) {
    const r = curve[data[i]!]!;
    const g = curve[data[i + 1]!]!;
    const b = curve[data[i + 2]!]!;
    const grey = (54 * r + 183 * g + 19 * b + 128) >> 8;
    out[i] = CLAMP[512 + grey + (((r - grey) * chroma + 128) >> 8)]!;
    out[i + 1] = CLAMP[512 + grey + (((g - grey) * chroma + 128) >> 8)]!;
    out[i + 2] = CLAMP[512 + grey + (((b - grey) * chroma + 128) >> 8)]!;
    if (channels === 4) out[i + 3] = data[i + 3]!;
  }
  return { ...image, data: out };
}

/** Detail (luma minus its blur) under this is grain: sharpened a quarter as much, so backdrops stay smooth. */
const GRAIN = 2;
/** The most a pixel is brightened or darkened, so strong edges get no glowing halo. */
const MAX_BOOST = 48;

/**
 * Unsharp masking on lightness: the detail each pixel has over a Gaussian
 * blur of its neighbourhood (in luma, so colours don't fringe) is added again,
 * `amount` times 2.5 at 100. `scale` is the preview's size over the full
 * image's, so the preview shows the same radius.
 */
export async function sharpen(image: RawImage, amount: number, scale = 1): Promise<RawImage> {
  if (amount === 0) return image;
  const strength = amount / 100;
  const sigma = Math.max(0.5, (0.8 + 1.2 * strength) * scale);
  const blurred = await rawFromSharp(sharpFromRaw(image).blur(sigma));
  const gain = 2.5 * strength;
  // boost[detail + 255]: what a pixel with that much luma detail gains, in 8-bit levels.
  const boost = Int16Array.from({ length: 511 }, (_, i) => {
    const detail = i - 255;
    const raw = gain * detail * (Math.abs(detail) <= GRAIN ? 0.25 : 1);
    return Math.round(Math.max(-MAX_BOOST, Math.min(MAX_BOOST, raw)));
  });
  const { data, channels } = image;
  const soft = blurred.data;
  const out = Buffer.allocUnsafe(data.length);
  for (let i = 0; i < data.length; i += channels) {
    const r = data[i]!;
    const g = data[i + 1]!;
    const b = data[i + 2]!;
    const detail = (54 * (r - soft[i]!) + 183 * (g - soft[i + 1]!) + 19 * (b - soft[i + 2]!) + 128) >> 8;
    const lift = boost[detail + 255]!;
    out[i] = CLAMP[512 + r + lift]!;
    out[i + 1] = CLAMP[512 + g + lift]!;
    out[i + 2] = CLAMP[512 + b + lift]!;
    if (channels === 4) out[i + 3] = data[i + 3]!;
  }
  return { ...image, data: out };
}

/**
 * Edge-preserving smoothing: each value moves towards a Gaussian blur of its
 * neighbourhood, fully where it differs from the blur as little as noise
 * does and not at all where it differs as much as an edge does (a cheap cousin
 * of the bilateral filter, one blur plus one pass). `amount` widens both the
 * blur and what counts as noise.
 */
export async function denoise(image: RawImage, amount: number, scale = 1): Promise<RawImage> {
  if (amount === 0) return image;
  const strength = amount / 100;
  const sigma = Math.max(0.3, (0.6 + 1.6 * strength) * scale);
  const noise = 6 + 22 * strength;
  const blurred = await rawFromSharp(sharpFromRaw(image).blur(sigma));
  // How much of the blur each difference takes, from 1 (noise) falling smoothly to 0 (edges).
  const weight = Float32Array.from({ length: 256 }, (_, difference) => Math.exp(-((difference / noise) ** 2)));
  const { data, channels } = image;
  const smooth = blurred.data;
  const out = Buffer.allocUnsafe(data.length);
  for (let i = 0; i < data.length; i++) {
    if (channels === 4 && i % 4 === 3) {
      out[i] = data[i]!;
      continue;
    }
    const value = data[i]!;
    const difference = smooth[i]! - value;
    out[i] = Math.round(value + difference * weight[difference < 0 ? -difference : difference]!);
  }
  return { ...image, data: out };
}
