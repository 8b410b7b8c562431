/**
 * The storefront's forms as Steward accepts them (the theme extension's
 * support form and feedback block, the satisfaction page): zod schemas with
 * one error code per field — required, invalid, too_long. Text is kept as
 * typed, trimmed, with line endings made \n; control characters (NUL
 * included, which PostgreSQL cannot store) are refused, not stripped.
 */
import { z } from 'zod';
import { TOPICS } from './vocabulary';

/** A field whose value is not text (a file, a JSON object or array): always refused by validation. */
export const NOT_TEXT = Symbol('not text');
/** A body's fields, the first value of each name (proxy.server.ts readFields). */
export type Fields = Record<string, string | typeof NOT_TEXT>;

/** A control character other than tab and line breaks (NUL included). */
export function hasControlCharacter(value: string): boolean {
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return true;
  }
  return false;
}

/** Text that fits `max` characters, with no control characters; empty → absent. */
function text(max: number, { multiline = false } = {}) {
  return z
    .string({ invalid_type_error: 'invalid' })
    .transform((value) => value.replace(/\r\n?/g, '\n').trim())
    .refine((value) => !hasControlCharacter(value) && (multiline || !value.includes('\n')), 'invalid')
    .refine((value) => value.length <= max, 'too_long')
    .transform((value) => (value === '' ? undefined : value));
}

const required = <T extends z.ZodTypeAny>(schema: T) =>
  schema.refine((value: unknown) => value !== undefined, 'required');

const email = text(254).refine(
  (value) => value === undefined || z.string().email().safeParse(value).success,
  'invalid',
);

/** "#1001", "1001", "MT-1001": what a customer types as an order number. */
const orderRef = text(40).refine(
  (value) => value === undefined || /^#?[\p{L}\p{N}][\p{L}\p{N}-]*$/u.test(value),
  'invalid',
);

export const supportFormSchema = z.object({
  name: text(120).optional(),
  email: email.optional(),
  order: orderRef.optional(),
  topic: text(20).pipe(z.enum(TOPICS).optional()).optional(),
  message: required(text(5_000, { multiline: true })),
});
export type SupportForm = z.output<typeof supportFormSchema>;

export const feedbackFormSchema = z.object({
  rating: required(text(1).refine((value) => value === undefined || /^[1-5]$/.test(value), 'invalid')),
  comment: text(2_000, { multiline: true }).optional(),
  page: text(500)
    .refine((value) => value === undefined || value.startsWith('/'), 'invalid')
    .optional(),
});
export type FeedbackForm = z.output<typeof feedbackFormSchema>;

export const ratingFormSchema = z.object({
  t: required(text(600)),
  rating: required(text(1).refine((value) => value === undefined || /^[1-5]$/.test(value), 'invalid')),
  comment: text(2_000, { multiline: true }).optional(),
});
export type RatingForm = z.output<typeof ratingFormSchema>;

export type FieldErrors = Record<string, 'required' | 'invalid' | 'too_long'>;

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** Validates the fields a schema knows (others are ignored); a field that is not text is invalid. */
export function validateForm<T extends z.AnyZodObject>(schema: T, fields: Fields): FormResult<z.output<T>> {
  const errors: FieldErrors = {};
  const input: Record<string, string> = {};
  for (const name of Object.keys(schema.shape)) {
    const value = fields[name];
    if (value === NOT_TEXT) errors[name] = 'invalid';
    else if (value !== undefined) input[name] = value;
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? 'form');
      if (name in errors) continue;
      errors[name] = issue.message === 'required' || issue.message === 'too_long' ? issue.message : 'invalid';
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, data: parsed.data as z.output<T> };
}
