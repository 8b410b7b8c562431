/**
 * What a save of search listings and alt texts may hold, checked in the
 * browser (inline errors before anything is sent) and again on the server
 * (nothing reaches Shopify that fails it). A text past its maximum is
 * refused with the field, its length and the maximum, so the page can say so.
 */
import { z } from 'zod';
import { characterCount, LENGTHS, type LengthField } from './limits';

/** Products one save may change. */
export const MAX_CHANGES = 2_500;
/** Saves of more products than this run as a job with progress; smaller ones answer at once. */
export const INLINE_SAVE_LIMIT = 20;

const MEDIA_IMAGE_GID = /^gid:\/\/shopify\/MediaImage\/\d{1,20}$/;

const limitedText = (field: LengthField) =>
  z
    .string()
    .transform((text) => text.trim())
    .superRefine((text, context) => {
      const length = characterCount(text);
      if (length > LENGTHS[field].max) {
        context.addIssue({ code: 'custom', message: 'tooLong', params: { max: LENGTHS[field].max, length } });
      }
    });

export const productChangeSchema = z
  .object({
    productId: z.string().regex(/^\d{1,20}$/),
    seoTitle: limitedText('seoTitle').optional(),
    seoDescription: limitedText('seoDescription').optional(),
    alts: z
      .array(z.object({ id: z.string().regex(MEDIA_IMAGE_GID), alt: limitedText('alt') }))
      .max(250)
      .optional(),
  })
  .refine(
    (change) => change.seoTitle !== undefined || change.seoDescription !== undefined || (change.alts?.length ?? 0) > 0,
    { message: 'nothingToSave' },
  );

export const saveRequestSchema = z.object({
  changes: z
    .array(productChangeSchema)
    .min(1)
    .max(MAX_CHANGES)
    .refine((changes) => new Set(changes.map((change) => change.productId)).size === changes.length, {
      message: 'duplicateProduct',
    }),
});

export type ProductChange = z.infer<typeof productChangeSchema>;
export type SaveRequest = z.input<typeof saveRequestSchema>;

/**
 * A problem with one field of one product: `field` is seoTitle,
 * seoDescription, alt:<media id> or product (the product as a whole).
 * tooLong and invalid come from the checks above; shopify carries Shopify's
 * own message (userErrors).
 */
export interface FieldProblem {
  productId: string;
  field: string;
  code: 'tooLong' | 'invalid' | 'shopify';
  message?: string;
  max?: number;
  length?: number;
}

/** The problems of a refused save request, one per field, with the product each belongs to. */
export function problemsOf(error: z.ZodError, request: unknown): FieldProblem[] {
  const changes = (request as { changes?: unknown[] } | null)?.changes;
  return error.issues.map((issue) => {
    const [, index, key, altIndex] = issue.path;
    const change = Array.isArray(changes) && typeof index === 'number' ? changes[index] : undefined;
    const productId = String((change as { productId?: unknown } | undefined)?.productId ?? '');
    const alt =
      key === 'alts' && typeof altIndex === 'number'
        ? (change as { alts?: { id?: unknown }[] }).alts?.[altIndex]?.id
        : undefined;
    const field = alt !== undefined ? `alt:${String(alt)}` : typeof key === 'string' ? key : 'product';
    const params =
      issue.code === 'custom' ? (issue.params as { max?: number; length?: number } | undefined) : undefined;
    return issue.message === 'tooLong' && params
      ? { productId, field, code: 'tooLong', max: params.max, length: params.length }
      : { productId, field, code: 'invalid', message: issue.message };
  });
}
