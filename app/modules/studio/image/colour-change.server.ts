import { z } from 'zod';

import {
  hueAngle,
  hueDistance,
  hueToRgb,
  labToLinear,
  linearToByte,
  linearToLab,
  rgbHue,
  SRGB_TO_LINEAR,
  type Lab,
} from './colour-space';
import { type Mask, type RawImage } from './raw';

/**
 * Colour change settings ("make the red shirt blue"). Hues are the colour
 * wheel's (HSV/HSL, as a CSS `hsl()` slider shows them: red 0, green 120,
 * blue 240). The pixels within `range` degrees of `fromHue` (a soft edge of a
 * few degrees either side) move to `toHue`, keeping their CIE lightness, so
 * shading and texture stay. Pixels whose CIE chroma is under `minSaturation`
 * (0–100) are left alone, so whites, greys and blacks never change.
 * `saturation` (-100–100) scales the chroma of the moved pixels.
 */
export const ColourChangeParams = z.object({
  fromHue: z.number().min(0).max(360),
  range: z.number().min(1).max(180).default(30),
  toHue: z.number().min(0).max(360),
  saturation: z.number().min(-100).max(100).default(0),
  minSaturation: z.number().min(0).max(100).default(12),
});
export type ColourChangeParams = z.infer<typeof ColourChangeParams>;

function smoothstep(edge0: number, edge1: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - edge0) / (edge1 - edge0)));
  return t * t * (3 - 2 * t);
}

type Selection = (r: number, g: number, b: number, lab: Lab) => number;

/**
 * How much a colour is selected, 0–1: by its hue's distance from `fromHue`
 * (full inside the range, easing to nothing over a soft edge either side of
 * it) and by its chroma (nothing at or under `minSaturation`, full 8 above).
 */
function selection(params: ColourChangeParams): Selection {
  const soft = Math.max(3, params.range * 0.2);
  const inner = params.range - soft;
  const outer = params.range + soft;
  const minChroma = params.minSaturation;
  return (r, g, b, lab) => {
    const chroma = Math.hypot(lab[1], lab[2]);
    if (chroma <= minChroma) return 0;
    const distance = hueDistance(rgbHue(r, g, b), params.fromHue);
    if (distance >= outer) return 0;
    return (1 - smoothstep(inner, outer, distance)) * smoothstep(minChroma, minChroma + 8, chroma);
  };
}

/** LCh hue of the fully saturated colour at an HSV hue. */
function lchHueOf(hue: number): number {
  const [r, g, b] = hueToRgb(hue);
  const lab: Lab = [0, 0, 0];
  linearToLab(SRGB_TO_LINEAR[r]!, SRGB_TO_LINEAR[g]!, SRGB_TO_LINEAR[b]!, lab);
  return hueAngle(lab[1], lab[2]);
}

function inGamut(rgb: Float64Array): boolean {
  const slack = 1e-4;
  return (
    rgb[0]! >= -slack &&
    rgb[0]! <= 1 + slack &&
    rgb[1]! >= -slack &&
    rgb[1]! <= 1 + slack &&
    rgb[2]! >= -slack &&
    rgb[2]! <= 1 + slack
  );
}

/**
 * Linear RGB of the colour at lightness l, chroma c, hue h (radians), with the
 * chroma reduced as little as needed to fit the sRGB gamut, so lightness and
 * hue are kept.
 */
function fitToGamut(l: number, c: number, h: number, out: Float64Array): void {
  const cos = Math.cos(h);
  const sin = Math.sin(h);
  labToLinear(l, c * cos, c * sin, out);
  if (inGamut(out)) return;
  let low = 0;
  let high = c;
  for (let step = 0; step < 12; step++) {
    const mid = (low + high) / 2;
    labToLinear(l, mid * cos, mid * sin, out);
    if (inGamut(out)) low = mid;
    else high = mid;
  }
  labToLinear(l, low * cos, low * sin, out);
}

/**
 * Per-colour results, memoised by 24-bit RGB in a direct-mapped table: a
 * photo has far fewer distinct colours than pixels, and a collision just
 * computes again.
 */
class ColourCache {
  private readonly keys = new Int32Array(1 << 18).fill(-1);
  private readonly values = new Int32Array(1 << 18);

  get(rgb: number, compute: () => number): number {
    const slot = (Math.imul(rgb, 0x9e3779b1) >>> 14) & ((1 << 18) - 1);
    if (this.keys[slot] === rgb) return this.values[slot]!;
    const value = compute();
    this.keys[slot] = rgb;
    this.values[slot] = value;
    return value;
  }
}

function labOf(r: number, g: number, b: number, out: Lab): void {
  linearToLab(SRGB_TO_LINEAR[r]!, SRGB_TO_LINEAR[g]!, SRGB_TO_LINEAR[b]!, out);
}

/** The selection as a mask (255 = fully selected): the editor's mask preview. */
export function colourMask(img: RawImage, params: ColourChangeParams): Mask {
  const selected = selection(params);
  const cache = new ColourCache();
  const lab: Lab = [0, 0, 0];
  const pixels = img.width * img.height;
  const data = new Uint8Array(pixels);
  const { channels } = img;
  const source = img.data;
  for (let p = 0, i = 0; p < pixels; p++, i += channels) {
    const r = source[i]!;
    const g = source[i + 1]!;
    const b = source[i + 2]!;
    data[p] = cache.get((r << 16) | (g << 8) | b, () => {
      labOf(r, g, b, lab);
      return Math.round(selected(r, g, b, lab) * 255);
    });
  }
  return { data, width: img.width, height: img.height };
}

/**
 * Moves the selected hues to `toHue`: each selected pixel's LCh hue turns by
 * the angle between the two hues (so the variation inside the range is kept),
 * its lightness stays, its chroma is scaled by `saturation` and then reduced
 * only as far as the sRGB gamut needs. Partly selected pixels (the soft edge
 * of the range) are blended in linear light. Alpha is untouched.
 */
export function changeColour(img: RawImage, params: ColourChangeParams): RawImage {
  const selected = selection(params);
  const turn = ((lchHueOf(params.toHue) - lchHueOf(params.fromHue)) * Math.PI) / 180;
  const chromaScale = 1 + params.saturation / 100;
  const cache = new ColourCache();
  const lab: Lab = [0, 0, 0];
  const moved = new Float64Array(3);
  const out = Buffer.from(img.data);
  const { channels } = img;
  const pixels = img.width * img.height;

  const change = (r: number, g: number, b: number): number => {
    labOf(r, g, b, lab);
    const weight = selected(r, g, b, lab);
    if (weight === 0) return (r << 16) | (g << 8) | b;
    const chroma = Math.hypot(lab[1], lab[2]) * chromaScale;
    fitToGamut(lab[0], chroma, Math.atan2(lab[2], lab[1]) + turn, moved);
    const mix = (channel: number, value: number) =>
      linearToByte(SRGB_TO_LINEAR[value]! + weight * (moved[channel]! - SRGB_TO_LINEAR[value]!));
    return (mix(0, r) << 16) | (mix(1, g) << 8) | mix(2, b);
  };

  for (let p = 0, i = 0; p < pixels; p++, i += channels) {
    const r = out[i]!;
    const g = out[i + 1]!;
    const b = out[i + 2]!;
    const rgb = (r << 16) | (g << 8) | b;
    const next = cache.get(rgb, () => change(r, g, b));
    if (next === rgb) continue;
    out[i] = next >>> 16;
    out[i + 1] = (next >>> 8) & 255;
    out[i + 2] = next & 255;
  }
  return { data: out, width: img.width, height: img.height, channels };
}
