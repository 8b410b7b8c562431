/**
 * Colour spaces for the Studio's pixel work: 8-bit sRGB ⇄ linear light ⇄
 * CIE XYZ (D65) ⇄ CIELAB ⇄ LCh, HSV hue, and colour differences (CIE76 and
 * CIEDE2000).
 *
 * Per-pixel functions write into caller-owned arrays and allocate nothing, so
 * a 4-megapixel image converts in one pass: decoding sRGB is a 256-entry
 * table, encoding linear light a 16,384-entry one. Pure maths, no sharp: the
 * browser may import it too.
 */

export type Lab = [l: number, a: number, b: number];

/** The D65 reference white in XYZ (Y = 1). */
const WHITE_X = 0.95047;
const WHITE_Y = 1;
const WHITE_Z = 1.08883;
const EPSILON = 216 / 24389;
const KAPPA = 24389 / 27;

function decodeSrgb(v: number): number {
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
}

function encodeSrgb(v: number): number {
  return v <= 0.0031308 ? v * 12.92 : 1.055 * v ** (1 / 2.4) - 0.055;
}

/** Linear light (0–1) of each 8-bit sRGB value. */
export const SRGB_TO_LINEAR = Float32Array.from({ length: 256 }, (_, i) => decodeSrgb(i / 255));

const ENCODE_STEPS = 16383;
const LINEAR_TO_BYTE = Uint8Array.from({ length: ENCODE_STEPS + 1 }, (_, i) =>
  Math.round(encodeSrgb(i / ENCODE_STEPS) * 255),
);

/** Linear light (clamped to 0–1) to the nearest 8-bit sRGB value. */
export function linearToByte(v: number): number {
  if (!(v > 0)) return 0;
  if (v >= 1) return 255;
  return LINEAR_TO_BYTE[Math.round(v * ENCODE_STEPS)]!;
}

function labF(t: number): number {
  return t > EPSILON ? Math.cbrt(t) : (KAPPA * t + 16) / 116;
}

function labFInverse(f: number): number {
  const cube = f * f * f;
  return cube > EPSILON ? cube : (116 * f - 16) / KAPPA;
}

/** CIELAB of linear-light RGB (0–1), written at out[offset..offset+2]. */
export function linearToLab(r: number, g: number, b: number, out: Lab | Float32Array, offset = 0): void {
  const fx = labF((0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / WHITE_X);
  const fy = labF((0.2126729 * r + 0.7151522 * g + 0.072175 * b) / WHITE_Y);
  const fz = labF((0.0193339 * r + 0.119192 * g + 0.9503041 * b) / WHITE_Z);
  out[offset] = 116 * fy - 16;
  out[offset + 1] = 500 * (fx - fy);
  out[offset + 2] = 200 * (fy - fz);
}

/** CIELAB of an 8-bit sRGB colour, written at out[offset..offset+2]. */
export function rgbToLab(r: number, g: number, b: number, out: Lab | Float32Array, offset = 0): void {
  linearToLab(SRGB_TO_LINEAR[r]!, SRGB_TO_LINEAR[g]!, SRGB_TO_LINEAR[b]!, out, offset);
}

/**
 * Linear-light RGB of a CIELAB colour, NOT clamped (a value outside 0–1 means
 * the colour is outside the sRGB gamut), written at out[0..2].
 */
export function labToLinear(l: number, a: number, b: number, out: Float64Array | number[]): void {
  const fy = (l + 16) / 116;
  const x = WHITE_X * labFInverse(fy + a / 500);
  const y = WHITE_Y * (l > KAPPA * EPSILON ? fy * fy * fy : l / KAPPA);
  const z = WHITE_Z * labFInverse(fy - b / 200);
  out[0] = 3.2404542 * x - 1.5371385 * y - 0.4985314 * z;
  out[1] = -0.969266 * x + 1.8760108 * y + 0.041556 * z;
  out[2] = 0.0556434 * x - 0.2040259 * y + 1.0572252 * z;
}

/** CIELAB of every pixel, three floats per pixel (alpha ignored). */
export function imageToLab(data: Uint8Array, channels: number): Float32Array {
  const pixels = Math.floor(data.length / channels);
  const lab = new Float32Array(pixels * 3);
  for (let p = 0, i = 0; p < pixels; p++, i += channels) {
    rgbToLab(data[i]!, data[i + 1]!, data[i + 2]!, lab, p * 3);
  }
  return lab;
}

/** Hue angle in degrees (0–360) of a pair (a, b): LCh's h from Lab's a*, b*. */
export function hueAngle(a: number, b: number): number {
  const h = (Math.atan2(b, a) * 180) / Math.PI;
  return h < 0 ? h + 360 : h;
}

/** The smallest angle between two hues, 0–180 degrees. */
export function hueDistance(h1: number, h2: number): number {
  const d = Math.abs(h1 - h2) % 360;
  return d > 180 ? 360 - d : d;
}

/** LCh (lightness, chroma, hue in degrees) of a CIELAB colour. */
export function labToLch([l, a, b]: Lab): [l: number, c: number, h: number] {
  return [l, Math.hypot(a, b), hueAngle(a, b)];
}

/** CIELAB of an LCh colour. */
export function lchToLab(l: number, c: number, h: number): Lab {
  const radians = (h * Math.PI) / 180;
  return [l, c * Math.cos(radians), c * Math.sin(radians)];
}

/**
 * HSV/HSL hue in degrees (0–360) of an 8-bit sRGB colour, the hue a CSS
 * `hsl()` slider shows (red 0, green 120, blue 240); 0 for greys.
 */
export function rgbHue(r: number, g: number, b: number): number {
  const max = Math.max(r, g, b);
  const delta = max - Math.min(r, g, b);
  if (delta === 0) return 0;
  let h: number;
  if (max === r) h = (g - b) / delta;
  else if (max === g) h = (b - r) / delta + 2;
  else h = (r - g) / delta + 4;
  h *= 60;
  return h < 0 ? h + 360 : h;
}

/** The fully saturated 8-bit sRGB colour of an HSV hue (value and saturation 100 %). */
export function hueToRgb(hue: number): [number, number, number] {
  const h = (((hue % 360) + 360) % 360) / 60;
  const x = 1 - Math.abs((h % 2) - 1);
  const sector = Math.floor(h);
  const [r, g, b] = [
    [1, x, 0],
    [x, 1, 0],
    [0, 1, x],
    [0, x, 1],
    [x, 0, 1],
    [1, 0, x],
  ][sector]!;
  return [Math.round(r! * 255), Math.round(g! * 255), Math.round(b! * 255)];
}

/** `#rrggbb` as three bytes. */
export function parseHexColour(hex: string): [number, number, number] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`Not a #rrggbb colour: ${hex}`);
  return [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16)];
}

/** CIE76 colour difference: the Euclidean distance in CIELAB. */
export function deltaE76(x: Lab, y: Lab): number {
  return Math.hypot(x[0] - y[0], x[1] - y[1], x[2] - y[2]);
}

const DEG = Math.PI / 180;
const POW25_7 = 25 ** 7;

/**
 * CIEDE2000 colour difference (kL = kC = kH = 1), as in Sharma, Wu and Dalal,
 * "The CIEDE2000 Color-Difference Formula: Implementation Notes, Supplementary
 * Test Data, and Mathematical Observations" (2005), equations 2–22.
 */
export function deltaE2000(x: Lab, y: Lab): number {
  const [l1, a1, b1] = x;
  const [l2, a2, b2] = y;
  const meanC = (Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2;
  const g = 0.5 * (1 - Math.sqrt(meanC ** 7 / (meanC ** 7 + POW25_7)));
  const a1p = (1 + g) * a1;
  const a2p = (1 + g) * a2;
  const c1p = Math.hypot(a1p, b1);
  const c2p = Math.hypot(a2p, b2);
  const h1p = c1p === 0 ? 0 : hueAngle(a1p, b1);
  const h2p = c2p === 0 ? 0 : hueAngle(a2p, b2);

  const dL = l2 - l1;
  const dC = c2p - c1p;
  let dh = 0;
  if (c1p * c2p !== 0) {
    dh = h2p - h1p;
    if (dh > 180) dh -= 360;
    else if (dh < -180) dh += 360;
  }
  const dH = 2 * Math.sqrt(c1p * c2p) * Math.sin((dh / 2) * DEG);

  const meanL = (l1 + l2) / 2;
  const meanCp = (c1p + c2p) / 2;
  let meanH = h1p + h2p;
  if (c1p * c2p !== 0) {
    if (Math.abs(h1p - h2p) > 180) meanH += meanH < 360 ? 360 : -360;
    meanH /= 2;
  }
  const t =
    1 -
    0.17 * Math.cos((meanH - 30) * DEG) +
    0.24 * Math.cos(2 * meanH * DEG) +
    0.32 * Math.cos((3 * meanH + 6) * DEG) -
    0.2 * Math.cos((4 * meanH - 63) * DEG);
  const dTheta = 30 * Math.exp(-(((meanH - 275) / 25) ** 2));
  const rC = 2 * Math.sqrt(meanCp ** 7 / (meanCp ** 7 + POW25_7));
  const l50 = (meanL - 50) ** 2;
  const sL = 1 + (0.015 * l50) / Math.sqrt(20 + l50);
  const sC = 1 + 0.045 * meanCp;
  const sH = 1 + 0.015 * meanCp * t;
  const rT = -Math.sin(2 * dTheta * DEG) * rC;
  const termL = dL / sL;
  const termC = dC / sC;
  const termH = dH / sH;
  return Math.sqrt(termL * termL + termC * termC + termH * termH + rT * termC * termH);
}
