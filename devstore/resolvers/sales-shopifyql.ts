/**
 * shopifyqlQuery: parses the query, resolves its date range in the shop's
 * time zone, aggregates the table per day, week or month and answers
 * ShopifyqlQueryResponse — rows are objects keyed by column name (money as
 * decimal strings, counts as numbers, rates as fractions), or parseErrors
 * with tableData null.
 */
import type { ShopState } from '../state/shop-state';
import { parseShopifyql, RELATIVE_DATE, type ShopifyqlQuery, type TimeGrain } from './sales-shopifyql-parse';
import { TABLES, type CellValue, type TableSpec } from './sales-shopifyql-tables';
import { addDays, addMonths, daysBetween, isDate, startOfMonth, startOfWeek, startOfYear, today } from './sales-time';

const TIME_COLUMNS: Record<TimeGrain, { dataType: string; displayName: string }> = {
  day: { dataType: 'DAY_TIMESTAMP', displayName: 'Day' },
  week: { dataType: 'WEEK_TIMESTAMP', displayName: 'Week' },
  month: { dataType: 'MONTH_TIMESTAMP', displayName: 'Month' },
};

type Row = Record<string, CellValue>;

interface Range {
  start: string;
  end: string;
}

function failure(parseErrors: string[]) {
  return { parseErrors, parseWarnings: [], analyticsTargets: [], tableData: null };
}

function resolveDate(value: string, now: string): string {
  if (value === 'today') return now;
  if (value === 'yesterday') return addDays(now, -1);
  const relative = RELATIVE_DATE.exec(value);
  if (!relative) return value;
  const amount = Number(relative[1]);
  const unit = (relative[2] as string).toLowerCase();
  if (unit === 'd') return addDays(now, -amount);
  if (unit === 'w') return addDays(now, -7 * amount);
  return addMonths(now, -amount * (unit === 'm' ? 1 : unit === 'q' ? 3 : 12));
}

function namedRange(name: string, now: string): Range {
  const lastWeek = addDays(startOfWeek(now), -7);
  const lastMonth = addMonths(startOfMonth(now), -1);
  const lastYear = `${Number(now.slice(0, 4)) - 1}`;
  const ranges: Record<string, Range> = {
    today: { start: now, end: now },
    yesterday: { start: addDays(now, -1), end: addDays(now, -1) },
    this_week: { start: startOfWeek(now), end: now },
    this_month: { start: startOfMonth(now), end: now },
    this_year: { start: startOfYear(now), end: now },
    last_week: { start: lastWeek, end: addDays(lastWeek, 6) },
    last_month: { start: lastMonth, end: addDays(startOfMonth(now), -1) },
    last_year: { start: `${lastYear}-01-01`, end: `${lastYear}-12-31` },
  };
  return ranges[name] as Range;
}

/** Without SINCE: the last 30 days, 12 weeks or 12 months, by the time dimension. */
function resolveRange(query: ShopifyqlQuery, timeZone: string): Range | string {
  const now = today(timeZone);
  if (query.during) return namedRange(query.during, now);
  const defaultStart =
    query.grain === 'month'
      ? addMonths(startOfMonth(now), -11)
      : query.grain === 'week'
        ? addDays(startOfWeek(now), -77)
        : addDays(now, -30);
  const start = query.since ? resolveDate(query.since, now) : defaultStart;
  const end = query.until ? resolveDate(query.until, now) : now;
  for (const date of [start, end]) if (!isDate(date)) return `Invalid date '${date}': no such calendar day.`;
  if (end < start) return `The UNTIL date ${end} is before the SINCE date ${start}.`;
  return { start, end };
}

function periodOf(grain: TimeGrain | null): (date: string) => string {
  if (grain === 'week') return startOfWeek;
  if (grain === 'month') return startOfMonth;
  if (grain === 'day') return (date) => date;
  return () => 'total';
}

function compareCells(a: CellValue | undefined, b: CellValue | undefined): number {
  const [x, y] = [Number(a), Number(b)];
  return Number.isFinite(x) && Number.isFinite(y) ? x - y : String(a).localeCompare(String(b));
}

interface Column {
  name: string;
  /** The table's metric, or null for the time dimension. */
  metric: string | null;
  dataType: string;
  displayName: string;
  origin: 'REQUESTED' | 'GENERATED';
}

/** The result's columns: the time dimension first (shown or not), then SHOW's metrics in order. */
function plan(query: ShopifyqlQuery, table: TableSpec): { columns: Column[]; errors: string[] } {
  const errors: string[] = [];
  const metrics: Column[] = [];
  let time: Column | null = query.grain
    ? { name: query.grain, metric: null, ...TIME_COLUMNS[query.grain], origin: 'GENERATED' }
    : null;
  for (const { column, alias } of query.show) {
    const spec = table.columns[column];
    if (column in TIME_COLUMNS) {
      if (time && column === query.grain)
        time = { ...time, name: alias ?? column, displayName: alias ?? time.displayName, origin: 'REQUESTED' };
      else errors.push(`'${column}' must appear in GROUP BY or TIMESERIES to be shown.`);
    } else if (spec) {
      metrics.push({
        name: alias ?? column,
        metric: column,
        dataType: spec.dataType,
        displayName: alias ?? spec.displayName,
        origin: 'REQUESTED',
      });
    } else {
      errors.push(
        `Column '${column}' does not exist in table '${query.table}'. Available: ${Object.keys(table.columns).join(', ')}.`,
      );
    }
  }
  const columns = [...(time ? [time] : []), ...metrics];
  const names = columns.map((column) => column.name);
  for (const order of query.orderBy) {
    if (!names.includes(order.column))
      errors.push(`ORDER BY '${order.column}' is not a column of the result (${names.join(', ')}).`);
  }
  return { columns, errors };
}

function rowsOf(query: ShopifyqlQuery, table: TableSpec, state: ShopState, range: Range, columns: Column[]): Row[] {
  const period = periodOf(query.grain);
  const periods = !query.grain
    ? ['total']
    : query.timeseries
      ? new Set(Array.from(daysBetween(range.start, range.end), period))
      : [];
  const values = table.aggregate(state, range.start, range.end, period, periods);
  const rows = [...values.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, cells]) =>
      Object.fromEntries(
        columns.map((column) => [column.name, column.metric ? (cells[column.metric] as CellValue) : key]),
      ),
    );
  for (const order of [...query.orderBy].reverse()) {
    rows.sort((a, b) => (order.descending ? -1 : 1) * compareCells(a[order.column], b[order.column]));
  }
  return query.limit === null ? rows : rows.slice(0, query.limit);
}

export function shopifyqlResponse(text: string, state: ShopState) {
  const parsed = parseShopifyql(text);
  if (parsed.errors) return failure(parsed.errors);
  const { query } = parsed;
  const table = TABLES[query.table];
  if (!table)
    return failure([
      `Table '${query.table}' does not exist. The devstore answers FROM ${Object.keys(TABLES).join(', ')}.`,
    ]);
  const { columns, errors } = plan(query, table);
  const range = resolveRange(query, state.shop.ianaTimezone);
  if (typeof range === 'string') errors.push(range);
  if (errors.length > 0 || typeof range === 'string') return failure(errors);
  const rows = rowsOf(query, table, state, range, columns);
  return {
    parseErrors: [],
    parseWarnings: [],
    analyticsTargets: [],
    tableData: {
      columns: columns.map(({ name, dataType, displayName, origin }) => ({
        name,
        dataType,
        displayName,
        shortDisplayName: null,
        columnOrigin: origin,
        subType: null,
        dynamicColumnMetadata: null,
      })),
      rows,
      rowMetadata: rows.map(() => ({ nullCellTranslations: [], rawResourceIds: [], topNRemainderColumnNames: [] })),
    },
  };
}
