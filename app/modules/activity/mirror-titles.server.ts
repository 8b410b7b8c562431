/**
 * Titles an entry's webhook did not carry, read from the store mirror when
 * the page or the export shows it: a refund names only its order's id, a
 * products/delete only the product's id. Display only; nothing is stored.
 */
import type { PrismaClient } from '@prisma/client';
import type { ActivityRow } from './query.server';

const ID = /^\d{1,19}$/;

function untitledIds(rows: ActivityRow[], resourceType: string): bigint[] {
  const ids = rows
    .filter(
      (row) => row.resourceType === resourceType && !row.resourceTitle && row.resourceId && ID.test(row.resourceId),
    )
    .map((row) => BigInt(row.resourceId as string));
  return [...new Set(ids)];
}

/** The rows, with the mirror's order names and product titles where theirs are missing. */
export async function withMirrorTitles(db: PrismaClient, shop: string, rows: ActivityRow[]): Promise<ActivityRow[]> {
  const orderIds = untitledIds(rows, 'order');
  const productIds = untitledIds(rows, 'product');
  if (orderIds.length === 0 && productIds.length === 0) return rows;
  const [orders, products] = await Promise.all([
    orderIds.length > 0
      ? db.order.findMany({ where: { shop, id: { in: orderIds } }, select: { id: true, name: true } })
      : [],
    productIds.length > 0
      ? db.product.findMany({ where: { shop, id: { in: productIds } }, select: { id: true, title: true } })
      : [],
  ]);
  const titles = new Map<string, string>();
  for (const order of orders) if (order.name) titles.set(`order:${order.id}`, order.name);
  for (const product of products) if (product.title) titles.set(`product:${product.id}`, product.title);
  return rows.map((row) => {
    const title = row.resourceTitle ? undefined : titles.get(`${row.resourceType}:${row.resourceId}`);
    return title ? { ...row, resourceTitle: title } : row;
  });
}
