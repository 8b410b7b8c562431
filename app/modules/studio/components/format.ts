/** File sizes and pixel dimensions, in the merchant's language. */

export function fileSize(locale: string, bytes: number | null): string | null {
  if (bytes === null || bytes < 0) return null;
  const [value, unit] =
    bytes >= 1024 * 1024
      ? [bytes / (1024 * 1024), 'megabyte']
      : bytes >= 1024
        ? [bytes / 1024, 'kilobyte']
        : [bytes, 'byte'];
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: value >= 100 || unit === 'byte' ? 0 : 1,
  }).format(value);
}

export function dimensions(locale: string, width: number | null, height: number | null): string | null {
  if (!width || !height) return null;
  const number = new Intl.NumberFormat(locale);
  return `${number.format(width)} × ${number.format(height)}`;
}
