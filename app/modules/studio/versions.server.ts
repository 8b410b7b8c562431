/**
 * The versions of product image slots, and our copies of their bytes.
 *
 * A slot is a place in a product's media that Steward has saved to. It is
 * named by its media key, the Shopify media id of the image that was there
 * before the first save; every save puts a new media (new id) in the slot.
 * Version 0 is that original, with our copy of its bytes; each save or
 * rollback adds the next number. Bytes live in StudioBlob, once per content
 * and shop, so a rollback to version 0 stores nothing new.
 *
 * A save's row starts `pending` without a number (save.server.ts) and gets
 * the next number when its media is on the product. Numbers are taken as
 * max + 1 under the unique key (shop, productId, mediaKey, version): of two
 * saves finishing at once, the one that loses the race takes the next.
 */
import { createHash } from 'node:crypto';
import { Prisma, type PrismaClient, type StudioVersion } from '@prisma/client';
import prisma from '~/db.server';
import { StudioError } from './errors';

export type { StudioVersion };
export type VersionSource = 'original' | 'edit' | 'rollback';

type Db = PrismaClient | Prisma.TransactionClient;

const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

/** Keeps the bytes (once per content); returns their SHA-256 in hex. */
export async function storeBlob(shop: string, bytes: Buffer, db: Db = prisma): Promise<string> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await db.studioBlob.createMany({ data: [{ shop, sha256, data: new Uint8Array(bytes) }], skipDuplicates: true });
  return sha256;
}

export async function readBlob(shop: string, sha256: string, db: Db = prisma): Promise<Buffer> {
  const blob = await db.studioBlob.findUnique({ where: { shop_sha256: { shop, sha256 } }, select: { data: true } });
  if (!blob) throw new StudioError('not-found', 'Steward no longer holds the bytes of this version');
  return Buffer.from(blob.data);
}

/** The version whose Shopify media is `mediaId` on the product (saved or still pending), if any. */
export async function versionShowing(
  shop: string,
  productId: string,
  mediaId: string,
  db: Db = prisma,
): Promise<StudioVersion | null> {
  return db.studioVersion.findFirst({
    where: { shop, productId, shopifyMediaId: mediaId },
    orderBy: { createdAt: 'desc' },
  });
}

/** Media key of each of the product's media that Steward has versions of. */
export async function mediaKeysOf(
  shop: string,
  mediaIds: string[],
  db: Db = prisma,
): Promise<Map<string, { mediaKey: string; version: number | null }>> {
  if (mediaIds.length === 0) return new Map();
  const rows = await db.studioVersion.findMany({
    where: { shop, shopifyMediaId: { in: mediaIds } },
    select: { shopifyMediaId: true, mediaKey: true, version: true },
  });
  return new Map(rows.map((row) => [row.shopifyMediaId as string, { mediaKey: row.mediaKey, version: row.version }]));
}

/** The saved versions of a slot, oldest first (version 0, the original, first). */
export async function listVersions(
  shop: string,
  productId: string,
  mediaKey: string,
  db: Db = prisma,
): Promise<StudioVersion[]> {
  return db.studioVersion.findMany({
    where: { shop, productId, mediaKey, state: 'saved' },
    orderBy: { version: 'asc' },
  });
}

/** One saved version of the shop's product, or a not-found StudioError. */
export async function requireVersion(
  shop: string,
  productId: string,
  versionId: string,
  db: Db = prisma,
): Promise<StudioVersion> {
  const version = await db.studioVersion.findFirst({ where: { shop, productId, id: versionId, state: 'saved' } });
  if (!version) throw new StudioError('not-found', 'This version does not exist for this product');
  return version;
}

export interface OriginalInput {
  shop: string;
  productId: string;
  mediaId: string;
  bytes: Buffer;
  mime: string;
  width: number;
  height: number;
  alt: string | null;
  position: number;
  createdBy: { id?: string | null; name?: string | null };
}

/**
 * Keeps the original of a new slot as its version 0 (the slot's key is the
 * original's media id). Two saves starting at once both try; the unique key
 * keeps one.
 */
export async function keepOriginal(input: OriginalInput, db: Db = prisma): Promise<void> {
  const sha256 = await storeBlob(input.shop, input.bytes, db);
  try {
    await db.studioVersion.create({
      data: {
        shop: input.shop,
        productId: input.productId,
        mediaKey: input.mediaId,
        version: 0,
        state: 'saved',
        source: 'original',
        shopifyMediaId: input.mediaId,
        sha256,
        mime: input.mime,
        width: input.width,
        height: input.height,
        byteSize: input.bytes.length,
        alt: input.alt,
        position: input.position,
        createdById: input.createdBy.id ?? null,
        createdByName: input.createdBy.name ?? null,
        savedAt: new Date(),
      },
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}

/** Marks a pending version saved, at `position`, with the slot's next number. */
export async function completeVersion(
  version: StudioVersion,
  position: number,
  db: Db = prisma,
): Promise<StudioVersion> {
  const { shop, productId, mediaKey, id } = version;
  for (let attempt = 1; ; attempt++) {
    const { _max } = await db.studioVersion.aggregate({
      where: { shop, productId, mediaKey },
      _max: { version: true },
    });
    try {
      await db.studioVersion.updateMany({
        where: { shop, id, state: 'pending' },
        data: { state: 'saved', version: (_max.version ?? 0) + 1, position, savedAt: new Date() },
      });
      break;
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 5) throw error;
    }
  }
  const saved = await db.studioVersion.findFirst({ where: { shop, id } });
  if (!saved) throw new StudioError('not-found', 'The version was erased while it was being saved');
  return saved;
}
