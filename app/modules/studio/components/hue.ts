/**
 * Hues as the colour change reads them (the colour wheel's, as a CSS hsl()
 * slider shows them: red 0, green 120, blue 240), for the editor's swatches
 * and its "pick from the photo" eyedropper. Whether a pixel has a colour at
 * all is its CIE chroma, as the colour change measures it.
 */
import { hueToRgb, labToLch, rgbHue, rgbToLab, type Lab } from '../image/colour-space';

/** A hue angle (degrees) as its fully saturated sRGB colour, "#rrggbb". */
export function hueColour(hue: number): string {
  return `#${hueToRgb(hue)
    .map((channel) => channel.toString(16).padStart(2, '0'))
    .join('')}`;
}

/** A pixel's hue angle (0..359, degrees) and its CIE chroma (0 for white, grey and black). */
export function pixelHue(red: number, green: number, blue: number): { hue: number; chroma: number } {
  const lab: Lab = [0, 0, 0];
  rgbToLab(red, green, blue, lab);
  const [, chroma] = labToLch(lab);
  return { hue: Math.round(rgbHue(red, green, blue)) % 360, chroma };
}

/** A CSS gradient through every hue, for the hue sliders' track. */
export const HUE_GRADIENT = `linear-gradient(to right, ${Array.from(
  { length: 13 },
  (_, step) => `${hueColour(step * 30)} ${((step * 100) / 12).toFixed(1)}%`,
).join(', ')})`;
