/**
 * Removing one customer's personal data from text and JSON, for
 * customers/redact: the strings that identify them (e-mail, phone, name) are
 * replaced wherever they appear, and in JSON the fields that hold personal
 * data by nature (names, contact details, addresses, IP) are nulled. JSON is
 * parsed keeping 64-bit ids exact, so a scrubbed webhook payload still
 * applies to the right records.
 */

export const REDACTED = '[redacted]';

/** Node 22's JSON source-text access (not yet in TypeScript's lib). */
const ExactJSON = JSON as JSON & { rawJSON(text: string): object; isRawJSON(value: unknown): boolean };

/** The same term as it may be written in a URL (landing pages, referrers). */
function spellings(term: string): string[] {
  const encoded = encodeURIComponent(term);
  return encoded === term ? [term] : [term, encoded];
}

function escapeRegExp(term: string): string {
  return term.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

/** Distinct, longest first (so "Jane Doe" goes before "Jane"); terms shorter than 2 characters are ignored. */
export function normaliseTerms(terms: readonly (string | null | undefined)[]): string[] {
  const distinct = new Map<string, string>();
  for (const term of terms) {
    const trimmed = term?.trim();
    if (!trimmed || trimmed.length < 2) continue;
    for (const spelling of spellings(trimmed)) distinct.set(spelling.toLowerCase(), spelling);
  }
  return [...distinct.values()].sort((a, b) => b.length - a.length);
}

/** A case-insensitive pattern matching any of the terms, in the syntax JavaScript and PostgreSQL share. */
export function termsPattern(terms: readonly string[]): string {
  return terms.map(escapeRegExp).join('|');
}

function scrubText(text: string, terms: readonly string[]): string {
  if (terms.length === 0) return text;
  return text.replace(new RegExp(termsPattern(terms), 'gi'), REDACTED);
}

/** Fields that hold personal data wherever they appear in a Shopify payload. */
const PERSONAL_FIELDS = new Set([
  'first_name',
  'last_name',
  'email',
  'contact_email',
  'phone',
  'address1',
  'address2',
  'city',
  'zip',
  'company',
  'latitude',
  'longitude',
  'browser_ip',
  'client_details',
  'note',
  'customer_note',
  'multipass_identifier',
]);

/** "name" is personal only on a person or an address ("#1001" on an order, a product's name on a line). */
function isPersonOrAddress(object: Record<string, unknown>): boolean {
  return 'first_name' in object || 'last_name' in object || 'address1' in object;
}

function scrubValue(value: unknown, terms: readonly string[], personalFields: boolean): unknown {
  if (typeof value === 'string') return scrubText(value, terms);
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, terms, personalFields));
  if (value === null || typeof value !== 'object' || ExactJSON.isRawJSON(value)) return value;
  const object = value as Record<string, unknown>;
  const personal = personalFields && isPersonOrAddress(object);
  const scrubbed: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(object)) {
    const nulled = personalFields && (PERSONAL_FIELDS.has(key) || (key === 'name' && personal));
    scrubbed[key] = nulled ? null : scrubValue(field, terms, personalFields);
  }
  return scrubbed;
}

/** Parses JSON keeping integers beyond 2^53 exact (as raw JSON), so stringify writes them back unchanged. */
export function parseExact(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown, context?: { source?: string }) =>
    typeof value === 'number' && !Number.isSafeInteger(value) && context?.source && /^-?\d+$/.test(context.source)
      ? ExactJSON.rawJSON(context.source)
      : value,
  );
}

/**
 * A JSON document (as text) with the terms replaced and, with personalFields,
 * the fields that hold personal data nulled; returns text.
 */
export function scrubJsonText(text: string, terms: readonly string[], { personalFields = true } = {}): string {
  return JSON.stringify(scrubValue(parseExact(text), terms, personalFields));
}
