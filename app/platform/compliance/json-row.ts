/**
 * Database rows as plain JSON for a data-request export: 64-bit ids and money
 * as strings (exact), times as ISO instants.
 */
export type JsonRow = Record<string, unknown>;

function jsonValue(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(jsonValue);
  // Prisma's Decimal (decimal.js) prints itself exactly.
  if (value !== null && typeof value === 'object' && 'toFixed' in value) return String(value);
  if (value !== null && typeof value === 'object') return toJsonRow(value as Record<string, unknown>);
  return value;
}

export function toJsonRow(row: Record<string, unknown>): JsonRow {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, jsonValue(value)]));
}
