/**
 * Sessions and conversion rate come only from Shopify's analytics, through
 * ShopifyQL (`shopifyqlQuery`, read_reports): the mirror has no visits. One
 * query covers the previous period and the period, per day, and the two are
 * summed apart. Conversion rate = sessions that completed checkout / sessions.
 *
 * Shopify answers ACCESS_DENIED on plans without analytics: then the result
 * is `{ status: 'unavailable', reason: 'plan' }` and the page says so — never
 * a number. This is a live Admin API call (the only one of Insights), so a
 * loader should not wait on it for the rest of the page.
 */
import type { AdminGateway } from '~/platform/shopify/admin-gateway.server';
import { AdminGraphqlError } from '~/platform/shopify/errors';
import { change, ratio, type Change } from './metrics.server';
import { previousPeriod, type Period } from './periods';

const SESSIONS_QUERY = `#graphql
  query InsightsSessions($query: String!) {
    shopifyqlQuery(query: $query) {
      parseErrors
      tableData {
        columns {
          name
          dataType
        }
        rows
      }
    }
  }
`;

export interface SessionFigures {
  sessions: number;
  completedCheckout: number;
  conversionRate: number | null;
}

export type SessionsResult =
  | {
      status: 'available';
      current: SessionFigures;
      previous: SessionFigures;
      change: { sessions: Change; conversionRate: Change };
    }
  | { status: 'unavailable'; reason: 'plan' };

export class ShopifyqlError extends Error {
  override name = 'ShopifyqlError';
}

/** The ShopifyQL text: both periods, one row per day. */
export function sessionsShopifyql(period: Period): string {
  const previous = previousPeriod(period);
  return (
    'FROM sessions SHOW sessions, sessions_that_completed_checkout ' +
    `TIMESERIES day SINCE ${previous.start} UNTIL ${period.end}`
  );
}

function isAccessDenied(error: unknown): boolean {
  return error instanceof AdminGraphqlError && error.errors.some((entry) => entry.extensions?.code === 'ACCESS_DENIED');
}

function figures(sessions: number, completedCheckout: number): SessionFigures {
  return { sessions, completedCheckout, conversionRate: ratio(completedCheckout, sessions) };
}

export async function readSessions(gateway: AdminGateway, period: Period): Promise<SessionsResult> {
  let response;
  try {
    response = await gateway.request(SESSIONS_QUERY, { query: sessionsShopifyql(period) });
  } catch (error) {
    if (isAccessDenied(error)) return { status: 'unavailable', reason: 'plan' };
    throw error;
  }
  const result = response.shopifyqlQuery;
  if (!result?.tableData || result.parseErrors.length > 0)
    throw new ShopifyqlError(`ShopifyQL refused the sessions query: ${result?.parseErrors.join('; ') ?? 'no result'}`);
  const rows = result.tableData.rows as Record<string, string | number>[];
  const totals = { current: { sessions: 0, completed: 0 }, previous: { sessions: 0, completed: 0 } };
  for (const row of rows) {
    const bucket = String(row.day).slice(0, 10) >= period.start ? totals.current : totals.previous;
    bucket.sessions += Number(row.sessions);
    bucket.completed += Number(row.sessions_that_completed_checkout);
  }
  const current = figures(totals.current.sessions, totals.current.completed);
  const previous = figures(totals.previous.sessions, totals.previous.completed);
  return {
    status: 'available',
    current,
    previous,
    change: {
      sessions: change(current.sessions, previous.sessions),
      conversionRate: change(current.conversionRate, previous.conversionRate),
    },
  };
}
