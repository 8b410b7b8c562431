/**
 * Sales by channel over a period, against the previous period, from
 * InsightsChannelDaily. An order's channel is the UTM source / medium of its
 * customer journey ("google / cpc"), else its source name ("web", "pos"),
 * else unknown; returns stay with the channel of their order. Definitions of
 * the figures in metrics.server.ts.
 */
import type { PrismaClient } from '@prisma/client';
import { change, ratio, round4, type Change } from './metrics.server';
import { previousPeriod, type Period } from './periods';

export type ChannelKind = 'utm' | 'source' | 'unknown';

export interface ChannelSales {
  kind: ChannelKind;
  /** "google / cpc" (utm), "web" (source), "" (unknown). */
  channel: string;
  /** kind:channel, stable: what findings and links name the channel by. */
  key: string;
  orders: number;
  grossSales: number;
  discounts: number;
  returns: number;
  netSales: number;
  /** This channel's share of the period's net sales (null when they are zero). */
  share: number | null;
  previousOrders: number;
  previousNetSales: number;
  netSalesChange: Change;
  ordersChange: Change;
}

interface Row {
  kind: ChannelKind;
  channel: string;
  orders: number;
  gross: string;
  discounts: string;
  returns: string;
  prev_orders: number;
  prev_net: string;
}

/** Channels with sales in the period or the previous one, by net sales, largest first. */
export async function readChannelSales(db: PrismaClient, shop: string, period: Period): Promise<ChannelSales[]> {
  const previous = previousPeriod(period);
  const rows = await db.$queryRaw<Row[]>`
    SELECT kind, channel,
           COALESCE(sum(orders) FILTER (WHERE cur), 0)::int AS orders,
           COALESCE(sum("grossSales") FILTER (WHERE cur), 0)::text AS gross,
           COALESCE(sum(discounts) FILTER (WHERE cur), 0)::text AS discounts,
           COALESCE(sum(returns) FILTER (WHERE cur), 0)::text AS returns,
           COALESCE(sum(orders) FILTER (WHERE NOT cur), 0)::int AS prev_orders,
           COALESCE(sum("grossSales" - discounts - returns) FILTER (WHERE NOT cur), 0)::text AS prev_net
    FROM (SELECT *, day >= ${period.start}::date AS cur FROM "InsightsChannelDaily"
          WHERE shop = ${shop} AND day BETWEEN ${previous.start}::date AND ${period.end}::date) AS days
    GROUP BY kind, channel`;
  const channels = rows.map((row) => {
    const grossSales = Number(row.gross);
    const discounts = Number(row.discounts);
    const returns = Number(row.returns);
    const netSales = round4(grossSales - discounts - returns);
    const previousNetSales = round4(Number(row.prev_net));
    return {
      kind: row.kind,
      channel: row.channel,
      key: `${row.kind}:${row.channel}`,
      orders: row.orders,
      grossSales,
      discounts,
      returns,
      netSales,
      share: null as number | null,
      previousOrders: row.prev_orders,
      previousNetSales,
      netSalesChange: change(netSales, previousNetSales),
      ordersChange: change(row.orders, row.prev_orders),
    };
  });
  const total = channels.reduce((sum, channel) => sum + channel.netSales, 0);
  for (const channel of channels) channel.share = ratio(channel.netSales, total);
  return channels.sort((a, b) => b.netSales - a.netSales || b.orders - a.orders || a.key.localeCompare(b.key));
}
