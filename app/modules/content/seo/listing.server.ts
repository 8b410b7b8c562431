/**
 * The bulk editor's page of products from ContentProduct: a view (all, or a
 * problem), a search of titles and handles, 20 products a page in title
 * order, paged by keyset on (title, product id) — no OFFSET — and how many
 * products each view holds.
 */
import type { Prisma, PrismaClient } from '@prisma/client';
import type { ContentImage, ListingRow } from './types';
import { LISTING_VIEWS, type ListingFilters, type ListingView } from './listing-filters';

export const PAGE_SIZE = 20;

export interface ListingPage {
  rows: ListingRow[];
  /** Cursors of the pages before and after this one, or null at either end. */
  previous: string | null;
  next: string | null;
  counts: Record<ListingView, number>;
}

interface Cursor {
  title: string;
  id: string;
}

const encodeCursor = (row: { title: string; productId: bigint }) =>
  Buffer.from(JSON.stringify({ title: row.title, id: String(row.productId) } satisfies Cursor)).toString('base64url');

/** A cursor from the URL, or null when it cannot be read (the first page is shown instead). */
function decodeCursor(text: string | null): Cursor | null {
  if (!text) return null;
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<Cursor>;
    return typeof value.title === 'string' && typeof value.id === 'string' && /^\d{1,20}$/.test(value.id)
      ? { title: value.title, id: value.id }
      : null;
  } catch {
    return null;
  }
}

const VIEW_WHERE: Record<ListingView, Prisma.ContentProductWhereInput> = {
  all: {},
  missingAlt: { missingAltCount: { gt: 0 } },
  missingTitle: { seoTitle: null },
  missingDescription: { seoDescription: null },
  tooLong: { tooLong: true },
};

function searchWhere(search: string): Prisma.ContentProductWhereInput {
  if (!search) return {};
  return {
    OR: [{ title: { contains: search, mode: 'insensitive' } }, { handle: { contains: search, mode: 'insensitive' } }],
  };
}

const after = (cursor: Cursor): Prisma.ContentProductWhereInput => ({
  OR: [{ title: { gt: cursor.title } }, { title: cursor.title, productId: { gt: BigInt(cursor.id) } }],
});
const before = (cursor: Cursor): Prisma.ContentProductWhereInput => ({
  OR: [{ title: { lt: cursor.title } }, { title: cursor.title, productId: { lt: BigInt(cursor.id) } }],
});

export async function readListingPage(db: PrismaClient, shop: string, filters: ListingFilters): Promise<ListingPage> {
  const base: Prisma.ContentProductWhereInput = {
    shop,
    ...VIEW_WHERE[filters.view],
    ...searchWhere(filters.search),
  };
  const afterCursor = decodeCursor(filters.after);
  const beforeCursor = afterCursor ? null : decodeCursor(filters.before);
  const backwards = beforeCursor !== null;
  const found = await db.contentProduct.findMany({
    where: {
      AND: [base, afterCursor ? after(afterCursor) : {}, beforeCursor ? before(beforeCursor) : {}],
    },
    orderBy: backwards ? [{ title: 'desc' }, { productId: 'desc' }] : [{ title: 'asc' }, { productId: 'asc' }],
    take: PAGE_SIZE + 1,
  });
  const more = found.length > PAGE_SIZE;
  const page = found.slice(0, PAGE_SIZE);
  if (backwards) page.reverse();
  const first = page[0];
  const last = page.at(-1);
  const hasPrevious = backwards ? more : afterCursor !== null;
  const hasNext = backwards ? true : more;

  const counts = Object.fromEntries(
    await Promise.all(
      LISTING_VIEWS.map(async (view) => [
        view,
        await db.contentProduct.count({ where: { shop, ...VIEW_WHERE[view] } }),
      ]),
    ),
  ) as Record<ListingView, number>;

  return {
    rows: page.map((row) => ({
      productId: String(row.productId),
      title: row.title,
      handle: row.handle,
      status: row.status,
      descriptionText: row.descriptionText,
      seoTitle: row.seoTitle ?? '',
      seoDescription: row.seoDescription ?? '',
      images: row.images as unknown as ContentImage[],
    })),
    previous: hasPrevious && first ? encodeCursor(first) : null,
    next: hasNext && last ? encodeCursor(last) : null,
    counts,
  };
}
