/**
 * Hues as the colour change reads them (CIE LCh angles), for the editor's
 * swatches and its "pick from the photo" eyedropper: a hue shown as a
 * colour, and a pixel's hue and chroma.
 */
import { labToLch, labToLinear, lchToLab, linearToByte, rgbToLab, type Lab } from '../image/colour-space';

/**
 * A hue angle (degrees) as an sRGB colour "#rrggbb", at a mid lightness and
 * the highest chroma up to `chroma` that sRGB can show (a clipped colour
 * would show another hue).
 */
export function hueColour(hue: number, lightness = 62, chroma = 52): string {
  const linear = [0, 0, 0];
  for (let c = chroma; c >= 0; c -= 1) {
    labToLinear(...lchToLab(lightness, c, hue), linear);
    if (linear.every((channel) => channel >= 0 && channel <= 1)) break;
  }
  return `#${linear.map((channel) => linearToByte(channel).toString(16).padStart(2, '0')).join('')}`;
}

/** A pixel's hue angle (0..359, degrees) and chroma in CIE LCh. */
export function pixelHue(red: number, green: number, blue: number): { hue: number; chroma: number } {
  const lab: Lab = [0, 0, 0];
  rgbToLab(red, green, blue, lab);
  const [, chroma, hue] = labToLch(lab);
  return { hue: Math.round(hue) % 360, chroma };
}

/** A CSS gradient through every hue, for the hue sliders' track. */
export const HUE_GRADIENT = `linear-gradient(to right, ${Array.from(
  { length: 13 },
  (_, step) => `${hueColour(step * 30)} ${((step * 100) / 12).toFixed(1)}%`,
).join(', ')})`;
