/**
 * What the media browser shows and does: a page of product images through
 * the URL's filters (media.server.ts), the pages around it, the shop's
 * recipes for "Apply recipe…", and its latest batches with their progress.
 * Applying a recipe starts a batch (batch.server.ts) and opens it.
 */
import { data, redirect } from '@remix-run/node';
import { ZodError, z } from 'zod';
import prisma from '~/db.server';
import type { AdminGateway } from '~/platform/shopify/admin-gateway.server';
import { readShopProfile } from '~/platform/shopify/shop-profile.server';
import { listBatches, startBatch, type BatchState } from './batch.server';
import {
  batchPath,
  nextPage,
  previousPage,
  readTrail,
  type BrowserFilters,
  type BrowserPlace,
} from './components/browser-url';
import type { MediaRow } from './components/MediaTable';
import { savedRecipes } from './editor-view.server';
import { studioFailure } from './http.server';
import { listMedia, parseMediaFilters } from './media.server';
import type { StudioContext } from './save.server';

const RECENT_BATCHES = 5;

export interface BatchSummary {
  id: string;
  state: BatchState;
  recipeName: string | null;
  total: number;
  done: number;
  failed: number;
  createdAt: string;
}

/** The shop's latest batches, with how many of their images are done and failed. */
export async function recentBatches(shop: string, take = RECENT_BATCHES): Promise<BatchSummary[]> {
  const batches = await listBatches(shop, take);
  if (batches.length === 0) return [];
  const counts = await prisma.studioBatchItem.groupBy({
    by: ['batchId', 'state'],
    where: { shop, batchId: { in: batches.map((batch) => batch.id) }, state: { in: ['done', 'failed'] } },
    _count: { _all: true },
  });
  const count = (batchId: string, state: string) =>
    counts.find((row) => row.batchId === batchId && row.state === state)?._count._all ?? 0;
  return batches.map((batch) => ({
    id: batch.id,
    state: batch.state as BatchState,
    recipeName: batch.recipeName,
    total: batch.total,
    done: count(batch.id, 'done'),
    failed: count(batch.id, 'failed'),
    createdAt: batch.createdAt.toISOString(),
  }));
}

export async function browserView(gateway: AdminGateway, shop: string, url: URL) {
  let parsed: ReturnType<typeof parseMediaFilters>;
  try {
    parsed = parseMediaFilters(url.searchParams);
  } catch (error) {
    if (error instanceof ZodError) throw data({ code: 'invalid' }, { status: 400 });
    throw error;
  }
  const { cursor, ...rest } = parsed;
  const filters: BrowserFilters = rest;
  const place: BrowserPlace = { cursor: cursor ?? null, trail: cursor ? readTrail(url.searchParams) : [] };
  const [media, recipes, batches, profile] = await Promise.all([
    listMedia(gateway, shop, parsed),
    savedRecipes(shop),
    recentBatches(shop),
    readShopProfile(gateway),
  ]);
  const filtered = Object.values(filters).some((value) => value !== undefined && value !== false);
  const items: MediaRow[] = media.items.map((item) => ({
    productId: item.productId,
    productTitle: item.productTitle,
    mediaId: item.mediaId,
    thumbnailUrl: item.thumbnailUrl,
    alt: item.alt,
    width: item.width,
    height: item.height,
    bytes: item.bytes,
    aspect: item.aspect,
    background: item.background,
    position: item.position,
    edited: item.edited,
  }));
  return {
    items,
    filters,
    analysing: media.analysing,
    previousUrl: previousPage(filters, place),
    nextUrl:
      media.pageInfo.hasNextPage && media.pageInfo.endCursor
        ? nextPage(filters, place, media.pageInfo.endCursor)
        : null,
    /** The shop has no product images at all (not just none through the filters). */
    empty: items.length === 0 && !filtered && place.cursor === null && !media.pageInfo.hasNextPage,
    recipes: recipes.map(({ id, name, operations }) => ({ id, name, operations })),
    batches,
    timeZone: profile.timeZone,
  };
}

const gid = (type: string) => z.string().regex(new RegExp(`^gid://shopify/${type}/\\d{1,20}$`));

const ApplyForm = z.object({
  intent: z.literal('applyRecipe'),
  recipeId: z.string().min(1).max(64),
  refs: z
    .string()
    .max(100_000)
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'Not JSON' });
        return z.NEVER;
      }
    })
    .pipe(z.array(z.object({ productId: gid('Product'), mediaId: gid('MediaImage') })).min(1)),
});

/** "Apply recipe…": starts the batch and opens its page; a refusal is answered, never a 500. */
export async function applyRecipe(ctx: StudioContext, form: FormData) {
  const parsed = ApplyForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const message = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || 'form'}: ${issue.message}`)
      .join('; ');
    return data({ ok: false as const, code: 'invalid' as const, message }, { status: 400 });
  }
  try {
    const batchId = await startBatch(ctx, { recipeId: parsed.data.recipeId, mediaRefs: parsed.data.refs });
    return redirect(batchPath(batchId));
  } catch (error) {
    return studioFailure(error);
  }
}
