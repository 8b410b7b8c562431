/**
 * Mirror writes for the catalog: products with their variants, product
 * deletions, inventory levels. See apply.server.ts for the rules every
 * mirror write follows (newest updatedAt wins, tombstones, batches).
 */
import { Prisma } from '@prisma/client';
import { atomically, bigintArray, jsonRows, newestPerKey, tombstone, type Db } from './batch.server';
import type { ApplyResult, MirrorInventoryLevel, MirrorProduct } from './types';

function summarise(total: number, rows: { live: boolean }[]): ApplyResult {
  const applied = rows.filter((row) => row.live).length;
  return { applied, stale: total - applied };
}

/**
 * Writes products newer than (or as new as) the stored ones, and with each
 * written product its variants: the listed ones are upserted, the product's
 * other variants are tombstoned (deletedAt = the product's updatedAt) unless
 * `variantIds` says they still exist. Variants of a deleted product are
 * written deleted.
 */
export async function applyProducts(db: Db, shop: string, products: readonly MirrorProduct[]): Promise<ApplyResult> {
  if (products.length === 0) return { applied: 0, stale: 0 };
  const batch = newestPerKey(products, (product) => String(product.id));
  return atomically(db, async (tx) => {
    const written = await tx.$queryRaw<{ id: bigint; live: boolean }[]>(Prisma.sql`
      INSERT INTO "Product" AS stored
        (shop, id, title, handle, status, vendor, "productType", tags, "createdAt", "updatedAt")
      SELECT ${shop}, r.id, r.title, r.handle, r.status, r.vendor, r."productType", r.tags, r."createdAt", r."updatedAt"
      FROM jsonb_to_recordset(${jsonRows(batch.map(({ variants: _variants, variantIds: _ids, ...row }) => row))}) AS r(
        id bigint, title text, handle text, status text, vendor text, "productType" text, tags text[],
        "createdAt" timestamp(3), "updatedAt" timestamp(3))
      ON CONFLICT (shop, id) DO UPDATE SET
        title = EXCLUDED.title, handle = EXCLUDED.handle, status = EXCLUDED.status, vendor = EXCLUDED.vendor,
        "productType" = EXCLUDED."productType", tags = EXCLUDED.tags,
        "createdAt" = COALESCE(EXCLUDED."createdAt", stored."createdAt"), "updatedAt" = EXCLUDED."updatedAt"
      WHERE stored."updatedAt" <= EXCLUDED."updatedAt"
      RETURNING stored.id, stored."deletedAt" IS NULL AS live`);
    const writtenIds = new Set(written.map((row) => row.id));
    const current = batch.filter((product) => writtenIds.has(product.id));
    await writeVariants(tx, shop, current);
    return summarise(products.length, written);
  });
}

async function writeVariants(tx: Prisma.TransactionClient, shop: string, products: MirrorProduct[]): Promise<void> {
  if (products.length === 0) return;
  const variants = products.flatMap((product) =>
    product.variants.map((variant) => ({ ...variant, productId: product.id })),
  );
  // Sources that carry the unit cost overwrite it; the others keep the stored one.
  const withCost = variants.filter((variant) => variant.unitCost !== undefined);
  const withoutCost = variants.filter((variant) => variant.unitCost === undefined);
  for (const [group, setCost] of [
    [withCost, true],
    [withoutCost, false],
  ] as const) {
    if (group.length === 0) continue;
    await tx.$executeRaw(Prisma.sql`
      INSERT INTO "ProductVariant" AS stored
        (shop, id, "productId", title, sku, price, "compareAtPrice", "inventoryItemId", "inventoryQuantity",
         "unitCost", "updatedAt", "deletedAt")
      SELECT ${shop}, r.id, r."productId", r.title, r.sku, r.price, r."compareAtPrice", r."inventoryItemId",
             r."inventoryQuantity", r."unitCost", r."updatedAt", product."deletedAt"
      FROM jsonb_to_recordset(${jsonRows(group)}) AS r(
        id bigint, "productId" bigint, title text, sku text, price numeric, "compareAtPrice" numeric,
        "inventoryItemId" bigint, "inventoryQuantity" integer, "unitCost" numeric, "updatedAt" timestamp(3))
      JOIN "Product" product ON product.shop = ${shop} AND product.id = r."productId"
      ON CONFLICT (shop, id) DO UPDATE SET
        "productId" = EXCLUDED."productId", title = EXCLUDED.title, sku = EXCLUDED.sku, price = EXCLUDED.price,
        "compareAtPrice" = EXCLUDED."compareAtPrice", "inventoryItemId" = EXCLUDED."inventoryItemId",
        "inventoryQuantity" = EXCLUDED."inventoryQuantity",
        "unitCost" = ${setCost ? Prisma.sql`EXCLUDED."unitCost"` : Prisma.sql`stored."unitCost"`},
        "updatedAt" = EXCLUDED."updatedAt", "deletedAt" = EXCLUDED."deletedAt"`);
  }
  const listed = products.flatMap((product) => [
    ...product.variants.map((variant) => variant.id),
    ...(product.variantIds ?? []),
  ]);
  await tx.$executeRaw(Prisma.sql`
    UPDATE "ProductVariant" AS variant SET "deletedAt" = product."updatedAt"
    FROM "Product" product
    WHERE variant.shop = ${shop} AND variant."productId" = ANY(${bigintArray(products.map((product) => product.id))})
      AND variant."deletedAt" IS NULL AND NOT (variant.id = ANY(${bigintArray(listed)}))
      AND product.shop = variant.shop AND product.id = variant."productId"`);
}

/** products/delete: tombstones the product (see batch.server.ts's tombstone) and its variants at `at`. */
export async function markProductDeleted(db: Db, shop: string, id: bigint, at: Date): Promise<ApplyResult> {
  return atomically(db, async (tx) => {
    const result = await tombstone(tx, 'Product', shop, id, at);
    await tx.$executeRaw(Prisma.sql`
      UPDATE "ProductVariant" SET "deletedAt" = ${at}
      WHERE shop = ${shop} AND "productId" = ${id} AND ("deletedAt" IS NULL OR "deletedAt" > ${at})`);
    return result;
  });
}

/** inventory_levels/update and the inventory sync: the newest available quantity per item and location. */
export async function applyInventoryLevels(
  db: Db,
  shop: string,
  levels: readonly MirrorInventoryLevel[],
): Promise<ApplyResult> {
  if (levels.length === 0) return { applied: 0, stale: 0 };
  const batch = newestPerKey(levels, (level) => `${level.inventoryItemId}:${level.locationId}`);
  const written = await db.$queryRaw<{ live: boolean }[]>(Prisma.sql`
    INSERT INTO "InventoryLevel" AS stored (shop, "inventoryItemId", "locationId", available, "updatedAt")
    SELECT ${shop}, r."inventoryItemId", r."locationId", r.available, r."updatedAt"
    FROM jsonb_to_recordset(${jsonRows(batch)}) AS r(
      "inventoryItemId" bigint, "locationId" bigint, available integer, "updatedAt" timestamp(3))
    ON CONFLICT (shop, "inventoryItemId", "locationId") DO UPDATE SET
      available = EXCLUDED.available, "updatedAt" = EXCLUDED."updatedAt"
    WHERE stored."updatedAt" <= EXCLUDED."updatedAt"
    RETURNING true AS live`);
  return summarise(levels.length, written);
}
