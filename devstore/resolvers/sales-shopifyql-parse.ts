/**
 * Parses the part of ShopifyQL that Insights sends: FROM, SHOW (with AS),
 * GROUP BY / TIMESERIES over day, week or month, SINCE / UNTIL / DURING,
 * ORDER BY and LIMIT. Anything else is a parse error naming what the
 * devstore does not read, never a silently different answer.
 */
export type TimeGrain = 'day' | 'week' | 'month';

export interface ShowItem {
  column: string;
  alias: string | null;
}

export interface ShopifyqlQuery {
  table: string;
  show: ShowItem[];
  grain: TimeGrain | null;
  /** TIMESERIES: every period of the range, with or without data. */
  timeseries: boolean;
  since: string | null;
  until: string | null;
  during: string | null;
  orderBy: { column: string; descending: boolean }[];
  limit: number | null;
}

export type ParseResult = { query: ShopifyqlQuery; errors?: never } | { query?: never; errors: string[] };

const KEYWORD =
  /\b(FROM|SHOW|WHERE|SINCE|UNTIL|DURING|GROUP\s+BY|TIMESERIES|COMPARE\s+TO|HAVING|ORDER\s+BY|LIMIT|WITH|VISUALIZE)\b/gi;
const SUPPORTED = ['FROM', 'SHOW', 'GROUP BY', 'TIMESERIES', 'SINCE', 'UNTIL', 'DURING', 'ORDER BY', 'LIMIT'];
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/i;
const GRAINS: readonly string[] = ['day', 'week', 'month'];
export const RELATIVE_DATE = /^-(\d+)([dwmqy])$/i;
export const NAMED_RANGES = [
  'today',
  'yesterday',
  'this_week',
  'this_month',
  'this_year',
  'last_week',
  'last_month',
  'last_year',
];

function splitClauses(text: string): { clauses: Map<string, string>; errors: string[] } {
  const clauses = new Map<string, string>();
  const errors: string[] = [];
  const matches = [...text.matchAll(KEYWORD)];
  const leading = text.slice(0, matches[0]?.index ?? text.length).trim();
  if (leading)
    errors.push(`Syntax error: unexpected '${leading}' at the start of the query; a query begins with FROM.`);
  matches.forEach((match, i) => {
    const keyword = (match[1] as string).toUpperCase().replace(/\s+/, ' ');
    const body = text.slice((match.index ?? 0) + match[0].length, matches[i + 1]?.index ?? text.length).trim();
    if (!SUPPORTED.includes(keyword))
      errors.push(`The devstore's ShopifyQL does not support ${keyword}; it reads ${SUPPORTED.join(', ')}.`);
    else if (clauses.has(keyword)) errors.push(`Syntax error: ${keyword} appears more than once.`);
    else clauses.set(keyword, body);
  });
  return { clauses, errors };
}

function parseShow(body: string, errors: string[]): ShowItem[] {
  return body.split(',').flatMap((item) => {
    const match = /^([a-z_][a-z0-9_]*)(?:\s+AS\s+(?:"([^"]+)"|([a-z_][a-z0-9_]*)))?$/i.exec(item.trim());
    if (!match) {
      errors.push(`Syntax error in SHOW: '${item.trim()}' is not a column, optionally followed by AS alias.`);
      return [];
    }
    return [{ column: (match[1] as string).toLowerCase(), alias: match[2] ?? match[3] ?? null }];
  });
}

function parseGrain(keyword: string, body: string | undefined, errors: string[]): TimeGrain | null {
  if (body === undefined) return null;
  const grain = body.toLowerCase();
  if (GRAINS.includes(grain)) return grain as TimeGrain;
  errors.push(`The devstore's ShopifyQL groups ${keyword} by day, week or month only, not '${body}'.`);
  return null;
}

function parseDate(keyword: string, body: string | undefined, errors: string[]): string | null {
  if (body === undefined) return null;
  const value = body.toLowerCase();
  if (/^\d{4}-\d{2}-\d{2}$/.test(value) || RELATIVE_DATE.test(value) || value === 'today' || value === 'yesterday')
    return value;
  errors.push(
    `Invalid date '${body}' for ${keyword}: use YYYY-MM-DD, an offset such as -30d, -4w, -3m, -1q, -1y, today or yesterday.`,
  );
  return null;
}

function parseOrderBy(body: string | undefined, errors: string[]) {
  if (body === undefined) return [];
  return body.split(',').flatMap((item) => {
    const match = /^([a-z_][a-z0-9_]*)(?:\s+(ASC|DESC))?$/i.exec(item.trim());
    if (!match) {
      errors.push(`Syntax error in ORDER BY: '${item.trim()}'.`);
      return [];
    }
    return [{ column: match[1] as string, descending: (match[2] ?? '').toUpperCase() === 'DESC' }];
  });
}

function parseLimit(body: string | undefined, errors: string[]): number | null {
  if (body === undefined) return null;
  if (/^\d+$/.test(body) && Number(body) > 0) return Number(body);
  errors.push(`LIMIT takes a positive whole number, not '${body}'.`);
  return null;
}

export function parseShopifyql(text: string): ParseResult {
  const { clauses, errors } = splitClauses(text);
  const from = clauses.get('FROM');
  const show = clauses.get('SHOW');
  if (from === undefined || show === undefined) errors.push('A ShopifyQL query needs FROM and SHOW.');
  if (from !== undefined && !IDENTIFIER.test(from)) errors.push(`Syntax error in FROM: '${from}' is not a table name.`);
  const grouped = parseGrain('GROUP BY', clauses.get('GROUP BY'), errors);
  const timeseries = parseGrain('TIMESERIES', clauses.get('TIMESERIES'), errors);
  if (grouped && timeseries && grouped !== timeseries)
    errors.push(`GROUP BY ${grouped} and TIMESERIES ${timeseries} name different time dimensions.`);
  const during = clauses.get('DURING')?.toLowerCase() ?? null;
  if (during !== null && !NAMED_RANGES.includes(during))
    errors.push(`Unknown date range '${during}' for DURING: use ${NAMED_RANGES.join(', ')}.`);
  if (during !== null && (clauses.has('SINCE') || clauses.has('UNTIL')))
    errors.push('DURING cannot be combined with SINCE or UNTIL.');
  const query: ShopifyqlQuery = {
    table: (from ?? '').toLowerCase(),
    show: show === undefined ? [] : parseShow(show, errors),
    grain: timeseries ?? grouped,
    timeseries: timeseries !== null,
    since: parseDate('SINCE', clauses.get('SINCE'), errors),
    until: parseDate('UNTIL', clauses.get('UNTIL'), errors),
    during,
    orderBy: parseOrderBy(clauses.get('ORDER BY'), errors),
    limit: parseLimit(clauses.get('LIMIT'), errors),
  };
  return errors.length > 0 ? { errors } : { query };
}
