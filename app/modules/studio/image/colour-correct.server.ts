import { linearToByte, SRGB_TO_LINEAR } from './colour-space';
import { type RawImage } from './raw';

/**
 * Automatic colour correction on raw pixels: white balance (the light's
 * colour estimated from the image's near-neutral pixels, then divided out in
 * linear light) and levels (each channel's 1st–99th percentiles stretched to
 * the full range).
 */

/** At most this many pixels are sampled to estimate the light. */
const SAMPLES = 120_000;
/** Values at or above this are clipped: their ratios say nothing about the light. */
const CLIPPED = 254;
/** Pixels darker than this are mostly noise. */
const DARK = 20;
/** Saturation (max − min) / max in linear light under which a pixel counts as "should be grey", loosest first. */
const NEUTRAL_STEPS = [0.5, 0.35, 0.25, 0.15, 0.15, 0.15];
/** Fewer neutral samples than this share (or 50), and the image holds no trustworthy reference. */
const MIN_NEUTRAL_SHARE = 0.01;
/** A correction never more than doubles or halves a channel. */
const MAX_GAIN = 2;

const LUMA = [0.2126, 0.7152, 0.0722] as const;

type Gains = [r: number, g: number, b: number];

/**
 * The gains that make the light neutral, keeping its brightness. Starts from
 * the pixels that are nearly grey even under the cast, and repeats with a
 * stricter notion of grey on the corrected colours, so a big coloured object
 * (a red shirt) does not count as the light's colour. An image with no
 * near-neutral pixels is left alone ([1, 1, 1]).
 */
export function estimateWhiteBalance(image: RawImage): Gains {
  const { data, channels, width, height } = image;
  const step = Math.max(1, Math.floor((width * height) / SAMPLES));
  const samples = new Float32Array(Math.ceil((width * height) / step) * 3);
  let length = 0;
  for (let p = 0; p < width * height; p += step) {
    const i = p * channels;
    if (channels === 4 && data[i + 3]! < 128) continue;
    const r = data[i]!;
    const g = data[i + 1]!;
    const b = data[i + 2]!;
    const max = Math.max(r, g, b);
    if (max >= CLIPPED || max < DARK) continue;
    samples[length++] = SRGB_TO_LINEAR[r]!;
    samples[length++] = SRGB_TO_LINEAR[g]!;
    samples[length++] = SRGB_TO_LINEAR[b]!;
  }
  const minCount = Math.max(50, (length / 3) * MIN_NEUTRAL_SHARE);
  let gainR = 1;
  let gainG = 1;
  let gainB = 1;
  for (const threshold of NEUTRAL_STEPS) {
    let sumR = 0;
    let sumG = 0;
    let sumB = 0;
    let count = 0;
    for (let s = 0; s < length; s += 3) {
      const r = samples[s]!;
      const g = samples[s + 1]!;
      const b = samples[s + 2]!;
      const cr = r * gainR;
      const cg = g * gainG;
      const cb = b * gainB;
      const max = cr > cg ? (cr > cb ? cr : cb) : cg > cb ? cg : cb;
      const min = cr < cg ? (cr < cb ? cr : cb) : cg < cb ? cg : cb;
      if (max - min >= threshold * max) continue;
      sumR += r;
      sumG += g;
      sumB += b;
      count++;
    }
    if (count < minCount) break;
    const brightness = (LUMA[0] * sumR + LUMA[1] * sumG + LUMA[2] * sumB) / count;
    const gain = (sum: number) => Math.min(MAX_GAIN, Math.max(1 / MAX_GAIN, (brightness * count) / sum));
    gainR = gain(sumR);
    gainG = gain(sumG);
    gainB = gain(sumB);
  }
  const gains: Gains = [gainR, gainG, gainB];
  return gains;
}

type Tables = [red: Uint8Array, green: Uint8Array, blue: Uint8Array];

const IDENTITY = Uint8Array.from({ length: 256 }, (_, value) => value);

/** One 256-entry table per channel multiplying its linear light by its gain. */
function gainTables(gains: Gains): Tables {
  return gains.map((gain) =>
    Math.abs(gain - 1) < 0.005
      ? IDENTITY
      : Uint8Array.from({ length: 256 }, (_, value) => linearToByte(SRGB_TO_LINEAR[value]! * gain)),
  ) as Tables;
}

/** Multiplies each channel's linear light by its gain. */
export function applyGains(image: RawImage, gains: Gains): RawImage {
  return mapChannels(image, gainTables(gains));
}

/** Share of (opaque) pixels clipped to black and to white by levels. */
export const LEVELS_CLIP = 0.01;
/** A channel spanning fewer values than this is flat by nature; stretching it would only show noise. */
const MIN_SPAN = 24;

/** Each channel's histogram over the opaque pixels, as the tables `before` would leave it. */
function histogramsOf(image: RawImage, before: Tables): [Uint32Array, Uint32Array, Uint32Array] {
  const { data, channels } = image;
  const red = new Uint32Array(256);
  const green = new Uint32Array(256);
  const blue = new Uint32Array(256);
  for (let i = 0; i < data.length; i += channels) {
    if (channels === 4 && data[i + 3]! < 128) continue;
    red[data[i]!]!++;
    green[data[i + 1]!]!++;
    blue[data[i + 2]!]!++;
  }
  // A table maps whole values, so the histogram after it follows from the one before.
  return [red, green, blue].map((histogram, channel) => {
    const table = before[channel]!;
    if (table === IDENTITY) return histogram;
    const after = new Uint32Array(256);
    for (let value = 0; value < 256; value++) after[table[value]!]! += histogram[value]!;
    return after;
  }) as [Uint32Array, Uint32Array, Uint32Array];
}

/**
 * How far levels may move the black and the white point. A product shot
 * whose darkest large area is the product itself (a flat-coloured mug on a
 * light backdrop) has its 1st percentile on the product's own colour;
 * stretching from there would crush the product to black.
 */
export const MAX_BLACK_POINT = 96;
export const MIN_WHITE_POINT = 160;

/** The values at the 1st and 99th percentiles of a histogram. */
function percentileRange(histogram: Uint32Array): [low: number, high: number] {
  const clip = histogram.reduce((sum, count) => sum + count, 0) * LEVELS_CLIP;
  let low = 0;
  for (let seen = histogram[0]!; seen <= clip && low < 255;) seen += histogram[++low]!;
  let high = 255;
  for (let seen = histogram[255]!; seen <= clip && high > 0;) seen += histogram[--high]!;
  return [low, high];
}

/**
 * The tables `before`, followed by a levels stretch. On its own (`linked`
 * false) each channel's 1st percentile goes to 0 and its 99th to 255, which
 * also takes out a cast. After white balance (`linked` true) the three
 * channels share one black point (the lowest) and one white point (the
 * highest): stretching them apart would tint the balanced neutrals again
 * wherever one channel of the highlights is clipped.
 */
function levelsTables(image: RawImage, before: Tables, linked: boolean): Tables {
  const ranges = histogramsOf(image, before).map(percentileRange);
  const shared: [number, number] = [
    Math.min(...ranges.map(([low]) => low)),
    Math.max(...ranges.map(([, high]) => high)),
  ];
  return ranges.map((range, channel) => {
    const [measuredLow, measuredHigh] = linked ? shared : range;
    const table = before[channel]!;
    if (measuredHigh - measuredLow < MIN_SPAN || (measuredLow === 0 && measuredHigh === 255)) return table;
    const low = Math.min(measuredLow, MAX_BLACK_POINT);
    const high = Math.max(measuredHigh, MIN_WHITE_POINT);
    return table.map((value) => Math.min(255, Math.max(0, Math.round(((value - low) * 255) / (high - low)))));
  }) as Tables;
}

/**
 * White balance, then levels on the balanced values (linked, see
 * levelsTables), as one table per channel: two histogram-sized computations
 * and a single pass over the pixels.
 */
export function autoColour(image: RawImage, options: { whiteBalance: boolean; levels: boolean }): RawImage {
  const balance = options.whiteBalance
    ? gainTables(estimateWhiteBalance(image))
    : ([IDENTITY, IDENTITY, IDENTITY] as Tables);
  return mapChannels(image, options.levels ? levelsTables(image, balance, options.whiteBalance) : balance);
}

function mapChannels(image: RawImage, tables: Tables): RawImage {
  if (tables.every((table) => table === IDENTITY)) return image;
  const [red, green, blue] = tables;
  const { data, channels } = image;
  const out = Buffer.allocUnsafe(data.length);
  for (let i = 0; i < data.length; i += channels) {
    out[i] = red[data[i]!]!;
    out[i + 1] = green[data[i + 1]!]!;
    out[i + 2] = blue[data[i + 2]!]!;
    if (channels === 4) out[i + 3] = data[i + 3]!;
  }
  return { ...image, data: out };
}
