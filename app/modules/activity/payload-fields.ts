/**
 * Reading webhook payloads that may be partial or malformed: every accessor
 * answers null instead of throwing, so a missing optional field never stops
 * an event from becoming an activity entry.
 */
export type Fields = Record<string, unknown>;

export function fieldsOf(value: unknown): Fields | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : null;
}

/** A non-empty string (trimmed), or a finite number written as text. */
export function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** A Shopify id: a positive integer, its decimal text, or the number at the end of a gid. */
export function idOf(value: unknown): string | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? String(value) : null;
  if (typeof value === 'bigint') return value > 0n ? value.toString() : null;
  if (typeof value !== 'string') return null;
  const match = /^(?:gid:\/\/shopify\/[A-Za-z]+\/)?(\d+)(?:\?.*)?$/.exec(value.trim());
  return match ? (match[1] as string) : null;
}

export function integerOf(value: unknown): number | null {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isSafeInteger(number) ? number : null;
}

/** A decimal amount as Shopify writes money ("84.00"), or null. */
export function amountOf(value: unknown): string | null {
  const text = textOf(value);
  return text !== null && /^-?\d+(\.\d+)?$/.test(text) ? text : null;
}

export function currencyOf(value: unknown): string | null {
  const text = textOf(value);
  return text !== null && /^[A-Z]{3}$/.test(text) ? text : null;
}

/** The shop-money side of a money set ({ shop_money: { amount, currency_code } }). */
export function shopMoneyOf(value: unknown): { amount: string; currency: string } | null {
  const money = fieldsOf(fieldsOf(value)?.shop_money);
  const amount = amountOf(money?.amount);
  const currency = currencyOf(money?.currency_code);
  return amount !== null && currency !== null ? { amount, currency } : null;
}

/** "First Last" from the parts that are there, or null. */
export function personName(first: unknown, last: unknown): string | null {
  const name = [textOf(first), textOf(last)].filter((part) => part !== null).join(' ');
  return name === '' ? null : name;
}
