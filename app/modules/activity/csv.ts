/**
 * CSV for spreadsheets (RFC 4180): cells with a quote, comma or line break
 * are quoted with inner quotes doubled, and a cell that a spreadsheet would
 * run as a formula (starting with = + - @, tab or carriage return) is
 * prefixed with ' so it stays text (OWASP's CSV injection guidance).
 */
export const UTF8_BOM = '\uFEFF';

export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
