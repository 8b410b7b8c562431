import { z } from 'zod';

import { BackgroundRemovalParams } from './background.server';
import { ColourChangeParams } from './colour-change.server';

/**
 * A Studio edit is a recipe: an ordered list of operations plus the output
 * settings, stored and sent as JSON. The same recipe renders the preview and
 * the full-size image, and can be applied to many images by a batch.
 */

const fraction = z.number().min(0).max(1);
const percent = z.number().min(-100).max(100).default(0);
const amount = z.number().min(0).max(100);

const CROP_ASPECTS = ['free', '1:1', '4:5', '16:9'] as const;
export type CropAspect = (typeof CROP_ASPECTS)[number];

const Crop = z.object({
  op: z.literal('crop'),
  /** With a preset, the largest rectangle of exactly that aspect inside x/y/width/height, centred in it. */
  aspect: z.enum(CROP_ASPECTS).default('free'),
  x: fraction,
  y: fraction,
  width: fraction.refine((w) => w > 0, 'Must be more than 0'),
  height: fraction.refine((h) => h > 0, 'Must be more than 0'),
});

const Rotate = z.object({
  op: z.literal('rotate'),
  degrees: z.union([z.literal(90), z.literal(180), z.literal(270)], {
    errorMap: () => ({ message: 'Must be 90, 180 or 270' }),
  }),
});

const Straighten = z.object({ op: z.literal('straighten'), degrees: z.number().min(-45).max(45) });

const Adjust = z.object({ op: z.literal('adjust'), exposure: percent, contrast: percent, saturation: percent });

const Sharpen = z.object({ op: z.literal('sharpen'), amount });

const Denoise = z.object({ op: z.literal('denoise'), amount });

const AutoColour = z.object({
  op: z.literal('autoColour'),
  whiteBalance: z.boolean().default(true),
  levels: z.boolean().default(true),
});

const ColourChange = ColourChangeParams.extend({ op: z.literal('colourChange') });

const RemoveBackground = BackgroundRemovalParams.extend({ op: z.literal('removeBackground') });

const edge = z.number().int().min(16).max(8000);
const Resize = z.object({ op: z.literal('resize'), maxWidth: edge.optional(), maxHeight: edge.optional() });

const OPERATIONS = [
  Crop,
  Rotate,
  Straighten,
  Adjust,
  Sharpen,
  Denoise,
  AutoColour,
  ColourChange,
  RemoveBackground,
  Resize,
] as const;

export const OPERATION_NAMES = OPERATIONS.map((schema) => schema.shape.op.value);

const Operation = z.discriminatedUnion('op', [...OPERATIONS], {
  errorMap: (issue, ctx) =>
    issue.code === 'invalid_union_discriminator'
      ? { message: `Unknown operation; use one of ${OPERATION_NAMES.join(', ')}` }
      : { message: ctx.defaultError },
});

const OutputSettings = z.object({
  /** Left out: JPEG, or PNG when the result has transparency. */
  format: z.enum(['webp', 'jpeg', 'png']).optional(),
  quality: z.number().int().min(1).max(100).default(85),
});

export const RecipeSchema = z
  .object({
    version: z.literal(1),
    operations: z
      .array(Operation)
      .min(1, 'A recipe needs at least one operation')
      .max(30, 'A recipe has at most 30 operations'),
    output: OutputSettings.default({}),
  })
  .superRefine((recipe, ctx) => {
    recipe.operations.forEach((operation, index) => {
      if (operation.op === 'crop') {
        if (operation.x + operation.width > 1 + 1e-6)
          ctx.addIssue({
            code: 'custom',
            path: ['operations', index, 'width'],
            message: 'The crop goes past the right edge (x + width must be at most 1)',
          });
        if (operation.y + operation.height > 1 + 1e-6)
          ctx.addIssue({
            code: 'custom',
            path: ['operations', index, 'height'],
            message: 'The crop goes past the bottom edge (y + height must be at most 1)',
          });
      }
      if (operation.op === 'resize' && operation.maxWidth === undefined && operation.maxHeight === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['operations', index],
          message: 'A resize needs maxWidth, maxHeight or both',
        });
    });
  });

export type Recipe = z.infer<typeof RecipeSchema>;
export type Operation = Recipe['operations'][number];
export type OperationName = Operation['op'];
export type OperationOf<Name extends OperationName> = Extract<Operation, { op: Name }>;
export type OutputFormat = NonNullable<Recipe['output']['format']>;

interface RecipeIssue {
  /** Where, e.g. "operations[2].amount". */
  path: string;
  message: string;
}

export class RecipeError extends Error {
  readonly issues: RecipeIssue[];

  constructor(issues: RecipeIssue[]) {
    super(`Invalid recipe: ${issues.map((issue) => `${issue.path || 'recipe'}: ${issue.message}`).join('; ')}`);
    this.name = 'RecipeError';
    this.issues = issues;
  }
}

function pathOf(path: (string | number)[]): string {
  return path.reduce<string>(
    (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part),
    '',
  );
}

/** Validates a recipe (JSON already parsed) and fills in defaults; throws a RecipeError listing every problem. */
export function parseRecipe(json: unknown): Recipe {
  const result = RecipeSchema.safeParse(json);
  if (result.success) return result.data;
  throw new RecipeError(result.error.issues.map((issue) => ({ path: pathOf(issue.path), message: issue.message })));
}
