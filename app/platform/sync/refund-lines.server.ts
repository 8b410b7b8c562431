/**
 * Refund lines, read apart from the orders: a bulk query cannot reach them
 * (Order.refunds is a list, and Shopify refuses a connection inside a list),
 * so after an orders file is applied, every refund of the shop still without
 * lines gets them here, REFUNDS_PER_REQUEST refunds a request (paged reads,
 * throttled like any other). Refunds are immutable at Shopify and the mirror
 * upserts them by id, so running this again is harmless; a refund that truly
 * has no lines (shipping only) is simply read again by the next sync.
 */
import type { PrismaClient } from '@prisma/client';
import { z } from 'zod';
import { applyRefunds } from '../mirror/apply.server';
import type { MirrorRefund } from '../mirror/types';
import type { AdminGateway } from '../shopify/admin-gateway.server';
import { connectionAt, connectionSchema, restOf, type PagedConnection } from './catchup-pages';
import { refundLinesFrom } from './from-bulk';

/** 20 refunds × (refund + 10 lines × 4 points) stays under Shopify's 1,000-point query limit. */
const REFUNDS_PER_REQUEST = 20;

const REFUND_LINES = `#graphql
  query SyncRefundLines($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on Refund {
        id
        refundLineItems(first: 10) {
          nodes {
            lineItem {
              id
            }
            quantity
            subtotalSet {
              shopMoney {
                amount
              }
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
  }
`;

const REFUND_LINES_PAGE = `#graphql
  query SyncRefundLinesPage($id: ID!, $after: String) {
    node(id: $id) {
      ... on Refund {
        refundLineItems(first: 100, after: $after) {
          nodes {
            lineItem {
              id
            }
            quantity
            subtotalSet {
              shopMoney {
                amount
              }
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
  }
`;

const refundGid = (id: bigint) => `gid://shopify/Refund/${id}`;

/**
 * Every RefundLineItem node of a refund (its gid) whose first page of lines
 * is `first`: the rest are read after it (also for the orders catch-up, whose
 * refunds carry their first lines inline).
 */
export function allRefundLineNodes(
  gateway: AdminGateway,
  refundId: string,
  first: PagedConnection,
): Promise<Record<string, unknown>[]> {
  return restOf(first, async (after) =>
    connectionAt(
      await gateway.request(REFUND_LINES_PAGE, { id: refundId, after }),
      ['node', 'refundLineItems'],
      'refund lines',
    ),
  );
}

/** Every line of each refund, by refund id (a refund Shopify no longer knows is left out). */
async function fetchRefundLines(
  gateway: AdminGateway,
  ids: readonly bigint[],
): Promise<Map<bigint, MirrorRefund['lines']>> {
  const found = new Map<bigint, MirrorRefund['lines']>();
  for (let start = 0; start < ids.length; start += REFUNDS_PER_REQUEST) {
    const batch = ids.slice(start, start + REFUNDS_PER_REQUEST);
    const data = await gateway.request(REFUND_LINES, { ids: batch.map(refundGid) });
    const nodes = z
      .object({ nodes: z.array(z.object({ id: z.string(), refundLineItems: connectionSchema }).nullable()) })
      .parse(data).nodes;
    for (const [index, node] of nodes.entries()) {
      if (!node) continue;
      const lines = await allRefundLineNodes(gateway, node.id, node.refundLineItems);
      found.set(batch[index] as bigint, refundLinesFrom(lines));
    }
  }
  return found;
}

interface StoredRefund {
  id: bigint;
  orderId: bigint;
  createdAt: Date;
  note: string | null;
  total: string;
}

/**
 * Reads the lines of every refund of the shop that has none in the mirror,
 * until done or past `deadline` (Date.now() milliseconds): `finished` says
 * which. A later call picks up the refunds still without lines.
 */
export async function completeRefundLines(
  db: PrismaClient,
  gateway: AdminGateway,
  shop: string,
  deadline = Number.POSITIVE_INFINITY,
): Promise<{ read: number; finished: boolean }> {
  let after = 0n;
  let read = 0;
  for (;;) {
    if (Date.now() > deadline) return { read, finished: false };
    const refunds = await db.$queryRaw<StoredRefund[]>`
      SELECT r.id, r."orderId", r."createdAt", r.note, r.total::text AS total
      FROM "Refund" r
      WHERE r.shop = ${shop} AND r.id > ${after}
        AND NOT EXISTS (SELECT 1 FROM "RefundLineItem" l WHERE l.shop = r.shop AND l."refundId" = r.id)
      ORDER BY r.id
      LIMIT ${REFUNDS_PER_REQUEST * 5}::int`;
    if (refunds.length === 0) return { read, finished: true };
    const lines = await fetchRefundLines(
      gateway,
      refunds.map((refund) => refund.id),
    );
    const byOrder = new Map<bigint, MirrorRefund[]>();
    for (const refund of refunds) {
      const found = lines.get(refund.id);
      if (!found || found.length === 0) continue;
      const { orderId, ...stored } = refund;
      byOrder.set(orderId, [...(byOrder.get(orderId) ?? []), { ...stored, lines: found }]);
    }
    await db.$transaction(
      async (tx) => {
        for (const [orderId, orderRefunds] of byOrder) await applyRefunds(tx, shop, orderId, orderRefunds);
      },
      { timeout: 60_000 },
    );
    read += refunds.length;
    after = (refunds.at(-1) as StoredRefund).id;
  }
}
