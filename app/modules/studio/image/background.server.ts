import { z } from 'zod';

const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #ffffff');

/**
 * Background removal settings (a plain object schema, so a recipe operation can
 * `.extend` it).  `tolerance` (0–100) widens (higher) or narrows
 * (lower) what counts as background; without it the threshold is found from
 * the image itself.
 */
export const BackgroundRemovalParams = z.object({
  output: z.enum(['transparent', 'colour']).default('transparent'),
  /** The new background when `output` is "colour"; white when left out. */
  colour: hexColour.optional(),
  feather: z.number().min(0).max(20).default(2),
  shadow: z.boolean().default(false),
  tolerance: z.number().min(0).max(100).optional(),
});
export type BackgroundRemovalParams = z.infer<typeof BackgroundRemovalParams>;
