/**
 * How long a product's search listing and image alt texts should be, and
 * the most Steward sends. The guides are what search results show before
 * cutting (Shopify's admin suggests the same 70 and 160); a text past its
 * guide is still saved, flagged "too long". The maxima are refused with a
 * clear error: Shopify's admin takes at most 255 characters of page title
 * and 320 of meta description, and its Files API at most 512 of alt text.
 */
export const LENGTHS = {
  seoTitle: { guide: 70, max: 255 },
  seoDescription: { guide: 160, max: 320 },
  alt: { guide: 125, max: 512 },
} as const;

export type LengthField = keyof typeof LENGTHS;

/** How close to its guide a text is: warning in the last 10 characters before it, critical past it. */
export type LengthTone = 'empty' | 'ok' | 'warning' | 'critical';

/** Length as search engines and Shopify count it: characters (code points), not UTF-16 units. */
export const characterCount = (text: string) => [...text].length;

export function lengthTone(field: LengthField, text: string): LengthTone {
  const length = characterCount(text.trim());
  const { guide } = LENGTHS[field];
  if (length === 0) return 'empty';
  if (length > guide) return 'critical';
  if (length > guide - 10) return 'warning';
  return 'ok';
}

/** True when the search listing is past a guide (the "too long" filter). */
export function listingTooLong(seoTitle: string | null, seoDescription: string | null): boolean {
  return (
    characterCount(seoTitle ?? '') > LENGTHS.seoTitle.guide ||
    characterCount(seoDescription ?? '') > LENGTHS.seoDescription.guide
  );
}
