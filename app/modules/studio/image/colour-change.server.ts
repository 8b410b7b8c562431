import { z } from 'zod';

/**
 * Colour change settings: the hues within `range` degrees of `fromHue` move to
 * `toHue` (hue angles in CIE LCh), keeping each pixel's lightness. Pixels whose
 * chroma is under `minSaturation` (0–100) are left alone, so whites, greys and
 * blacks never change. `saturation` shifts the chroma of the moved pixels.
 */
export const ColourChangeParams = z.object({
  fromHue: z.number().min(0).max(360),
  range: z.number().min(1).max(180).default(30),
  toHue: z.number().min(0).max(360),
  saturation: z.number().min(-100).max(100).default(0),
  minSaturation: z.number().min(0).max(100).default(12),
});
export type ColourChangeParams = z.infer<typeof ColourChangeParams>;
