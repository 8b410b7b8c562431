/**
 * The catalogue scan: keeps ContentProduct close to what Shopify holds.
 *
 * - full: every product, page by page; at the end, products not seen (deleted
 *   in Shopify) leave the index. The first visit to the editor starts one,
 *   and "Refresh from Shopify" does.
 * - recent: products updated since the last scan began; a visit starts one
 *   when the last scan finished more than ten minutes ago.
 *
 * One ContentScan row per shop holds the progress. The job reads for at most
 * `sliceMs`, then queues its continuation (the next step), so a long scan
 * shares the worker with everything else; a job whose step is no longer the
 * scan's (superseded by a newer request) does nothing. Each page is written
 * with the cursor after it, so a job killed mid-way resumes where it left.
 */
import type { ContentScan, PrismaClient } from '@prisma/client';
import type { JobQueue } from '~/platform/jobs/types';
import type { AdminGateway } from '~/platform/shopify/admin-gateway.server';
import { CONTENT_JOBS, CONTENT_MAX_ATTEMPTS } from '../jobs';
import { countCatalogue, scanPage } from './catalogue.server';

export interface ContentJobDeps {
  db: PrismaClient;
  queue: () => JobQueue;
  gatewayFor: (shop: string) => Promise<AdminGateway>;
  /** How long one job reads before it queues its continuation. */
  sliceMs: number;
}

export type ScanMode = 'full' | 'recent';

/** A running scan silent this long lost its job: a new request takes over. */
const STALE_AFTER_MS = 10 * 60_000;
/** A visit refreshes products changed since the last scan when it finished longer ago than this. */
const REFRESH_AFTER_MS = 10 * 60_000;

const isLive = (scan: ContentScan, now: Date) =>
  scan.state === 'running' && now.getTime() - scan.updatedAt.getTime() < STALE_AFTER_MS;

const stepKey = (step: number) => `${CONTENT_JOBS.scan}:${step}`;

/**
 * Starts a scan, unless one that covers it is running: a running full scan
 * covers anything, a running recent scan covers a recent one. A recent scan
 * with nothing to start from (no scan finished yet) is a full one.
 */
export async function requestScan(deps: ContentJobDeps, shop: string, wanted: ScanMode): Promise<ContentScan> {
  const now = new Date();
  const current = await deps.db.contentScan.findUnique({ where: { shop } });
  if (current && isLive(current, now) && (current.mode === 'full' || wanted === 'recent')) return current;
  const since = current?.state === 'done' ? current.startedAt : (current?.since ?? null);
  const mode: ScanMode = wanted === 'recent' && since && current?.lastFullAt ? 'recent' : 'full';
  const step = (current?.step ?? 0) + 1;
  const fresh = {
    mode,
    state: 'running',
    cursor: null,
    since: mode === 'recent' ? since : null,
    seen: 0,
    total: null,
    step,
    error: null,
    startedAt: now,
    finishedAt: null,
  };
  const scan = await deps.db.contentScan.upsert({
    where: { shop },
    create: { shop, ...fresh },
    update: fresh,
  });
  await deps
    .queue()
    .enqueue(CONTENT_JOBS.scan, { step }, { shop, dedupeKey: stepKey(step), maxAttempts: CONTENT_MAX_ATTEMPTS });
  return scan;
}

/**
 * What a visit to the editor needs: the shop's scan, started when there is
 * none (or its job was lost), and a refresh of recent changes when the last
 * one is old. A failed scan stays failed until asked again.
 */
export async function ensureFreshCatalogue(deps: ContentJobDeps, shop: string): Promise<ContentScan> {
  const now = new Date();
  const scan = await deps.db.contentScan.findUnique({ where: { shop } });
  if (!scan) return requestScan(deps, shop, 'full');
  if (scan.state === 'running') return isLive(scan, now) ? scan : requestScan(deps, shop, scan.mode as ScanMode);
  if (scan.state === 'done' && now.getTime() - (scan.finishedAt ?? now).getTime() > REFRESH_AFTER_MS) {
    return requestScan(deps, shop, 'recent');
  }
  return scan;
}

/** The search that picks a recent scan's products (Shopify's search syntax). */
const recentQuery = (since: Date) => `updated_at:>='${since.toISOString()}'`;

/** One step of the shop's scan (the content.scan job). */
export async function runScanStep(
  deps: ContentJobDeps,
  shop: string,
  step: number,
  signal: AbortSignal,
): Promise<void> {
  const { db } = deps;
  const scan = await db.contentScan.findUnique({ where: { shop } });
  if (!scan || scan.state !== 'running' || scan.step !== step) return;
  const gateway = await deps.gatewayFor(shop);
  const query = scan.mode === 'recent' && scan.since ? recentQuery(scan.since) : null;
  if (scan.total === null) {
    const total = await countCatalogue(gateway, query);
    await db.contentScan.updateMany({ where: { shop, step }, data: { total } });
  }

  const began = Date.now();
  let { cursor, seen } = scan;
  for (;;) {
    const page = await scanPage(db, gateway, shop, { cursor, query });
    seen += page.written;
    cursor = page.next;
    const { count } = await db.contentScan.updateMany({ where: { shop, step }, data: { cursor, seen } });
    if (count === 0) return; // superseded while this page was read
    if (cursor === null) break;
    if (Date.now() - began >= deps.sliceMs || signal.aborted) {
      const next = step + 1;
      const { count: moved } = await db.contentScan.updateMany({ where: { shop, step }, data: { step: next } });
      if (moved === 1) {
        await deps
          .queue()
          .enqueue(
            CONTENT_JOBS.scan,
            { step: next },
            { shop, dedupeKey: stepKey(next), maxAttempts: CONTENT_MAX_ATTEMPTS },
          );
      }
      return;
    }
  }

  const finishedAt = new Date();
  if (scan.mode === 'full') {
    // Every product Shopify holds was written during this scan: older rows are products it no longer has.
    await db.contentProduct.deleteMany({ where: { shop, scannedAt: { lt: scan.startedAt } } });
  }
  await db.contentScan.updateMany({
    where: { shop, step },
    data: { state: 'done', finishedAt, ...(scan.mode === 'full' ? { lastFullAt: finishedAt } : {}) },
  });
}

/** Marks the scan failed when its job ran out of tries (only if that job is still the scan's). */
export async function failScan(db: PrismaClient, shop: string, step: number, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  await db.contentScan.updateMany({
    where: { shop, step, state: 'running' },
    data: { state: 'failed', error: message.slice(0, 500), finishedAt: new Date() },
  });
}
