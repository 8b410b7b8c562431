/**
 * The bulk editor page's loader and action (app/routes/app.content._index.tsx).
 *
 * Loader: the filters from the URL, the shop's catalogue scan (started or
 * refreshed as needed), the page of products, the shop's domain for the
 * search result preview, and the save batch named in `?batch=`.
 *
 * Action (JSON): `{ intent: "refresh" }` starts a full scan; `{ intent:
 * "save", changes }` checks the changes (400 with every problem, nothing
 * sent, when any text is too long or malformed) and saves them: at once for
 * up to INLINE_SAVE_LIMIT products (each product's outcome in the answer),
 * as a content.save job for more (the batch id in the answer).
 */
import { randomUUID } from 'node:crypto';
import { data as dataResponse } from '@remix-run/node';
import type { ContentScan } from '@prisma/client';
import { z } from 'zod';
import prisma from '~/db.server';
import { env } from '~/env.server';
import { stewardActor } from '~/modules/activity/record.server';
import { adminBaseUrl } from '~/platform/shopify/admin-links';
import { AdminGraphqlError, AdminHttpError, AdminRetriesExhaustedError } from '~/platform/shopify/errors';
import type { AdminContext } from '~/platform/shopify/admin-request.server';
import { readShopProfile } from '~/platform/shopify/shop-profile.server';
import { contentJobDeps } from '../jobs.server';
import { startSaveBatch, readSaveBatch } from './batch.server';
import { INLINE_SAVE_LIMIT, problemsOf, saveRequestSchema, type FieldProblem } from './changes';
import { listingSearchParams, parseListingFilters } from './listing-filters';
import { readListingPage } from './listing.server';
import { saveProductChanges, type ProductOutcome } from './save.server';
import { ensureFreshCatalogue, requestScan } from './scan.server';
import type { ScanView } from './types';

export const LISTING_PATH = '/app/content';

function scanView(scan: ContentScan): ScanView {
  return {
    state: scan.state as ScanView['state'],
    mode: scan.mode as ScanView['mode'],
    seen: scan.seen,
    total: scan.total,
    finishedAt: scan.finishedAt?.toISOString() ?? null,
  };
}

export async function loadListingPage(request: Request, { session, gateway }: AdminContext) {
  const url = new URL(request.url);
  const filters = parseListingFilters(url.searchParams);
  const batchId = url.searchParams.get('batch');
  const scan = await ensureFreshCatalogue(contentJobDeps(), session.shop);
  const [page, profile, batch] = await Promise.all([
    readListingPage(prisma, session.shop, filters),
    readShopProfile(gateway),
    batchId && /^[0-9a-f-]{36}$/.test(batchId) ? readSaveBatch(prisma, session.shop, batchId) : null,
  ]);
  const pageUrl = (cursor: { after?: string; before?: string }) => {
    const params = listingSearchParams(filters, cursor);
    return `${LISTING_PATH}?${params}`;
  };
  return {
    filters: { view: filters.view, search: filters.search },
    rows: page.rows,
    counts: page.counts,
    previousUrl: page.previous ? pageUrl({ before: page.previous }) : null,
    nextUrl: page.next ? pageUrl({ after: page.next }) : null,
    scan: scanView(scan),
    host: profile.primaryDomain.host,
    adminBase: adminBaseUrl(session.shop, env.DEVSTORE_URL),
    batch,
  };
}

const actionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('refresh') }),
  z.object({ intent: z.literal('save'), changes: z.unknown() }),
]);

export type ListingActionResult =
  { intent: 'refresh' } | { intent: 'save'; outcomes: ProductOutcome[] } | { intent: 'save'; batchId: string };

/** Everything the action answers, refusals included. */
export type ListingAnswer =
  | ListingActionResult
  | { intent: 'save'; problems: FieldProblem[] }
  | { intent: 'invalid' }
  | { intent: 'unavailable' };

export async function applyListingAction(request: Request, admin: AdminContext) {
  const { session, gateway, sessionToken } = admin;
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return dataResponse({ intent: 'invalid' as const }, { status: 400 });
  }
  const parsed = actionSchema.safeParse(body);
  if (!parsed.success) return dataResponse({ intent: 'invalid' as const }, { status: 400 });
  if (parsed.data.intent === 'refresh') {
    await requestScan(contentJobDeps(), session.shop, 'full');
    return { intent: 'refresh' } satisfies ListingActionResult;
  }
  const save = saveRequestSchema.safeParse(body);
  if (!save.success) {
    return dataResponse({ intent: 'save' as const, problems: problemsOf(save.error, body) }, { status: 400 });
  }
  const { changes } = save.data;
  const actor = stewardActor(session, sessionToken);
  if (changes.length > INLINE_SAVE_LIMIT) {
    const batchId = await startSaveBatch(contentJobDeps(), session.shop, actor, changes);
    return { intent: 'save', batchId } satisfies ListingActionResult;
  }
  try {
    const outcomes = await saveProductChanges(
      { db: prisma, gateway, shop: session.shop, actor, saveId: randomUUID() },
      changes,
    );
    return { intent: 'save', outcomes } satisfies ListingActionResult;
  } catch (error) {
    // Shopify stopped answering part-way: the page keeps every edit (saving one again changes nothing).
    const unavailable =
      error instanceof AdminRetriesExhaustedError ||
      error instanceof AdminGraphqlError ||
      (error instanceof AdminHttpError && error.status !== 401);
    if (unavailable) {
      return dataResponse({ intent: 'unavailable' as const }, { status: 503 });
    }
    throw error;
  }
}
