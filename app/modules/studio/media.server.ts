/**
 * The media browser and the editor's source image.
 *
 * listMedia reads products (by title, Shopify's search for the text filter)
 * with their media from the Admin API, ten products a page, and keeps the
 * images that pass the filters: missing alt text, size class (of the file
 * Shopify holds), aspect, background type. A page keeps reading products
 * until it has enough images or has read five pages of products, so a
 * narrow filter does not answer with empty pages.
 *
 * The background type needs the pixels. It is computed lazily, from a
 * thumbnail (Shopify's 320 px rendition, decoded at 128 px) with PIX-B's
 * classifyBackground, and kept in StudioMediaAnalysis keyed by (shop, media
 * id) with the media's updatedAt, so an image is analysed once until it
 * changes, by every worker and after restarts (an in-memory cache would be
 * per process and lost on deploy). A request analyses what it can in
 * BACKGROUND_BUDGET_MS; the rest goes to the `studio.analyse` job, and the
 * answer says how many are still being analysed.
 *
 * The editor's source image (loadMediaForEdit) is Steward's own copy when
 * the media is a version Steward saved, otherwise Shopify's file,
 * downloaded (the editor's previews keep it for a while: preview.server.ts).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import prisma from '~/db.server';
import { jobQueue } from '~/platform/jobs/index.server';
import { logger } from '~/platform/logging/logger.server';
import type { AdminGateway } from '~/platform/shopify/admin-gateway.server';
import { StudioError } from './errors';
import { classifyBackground } from './image/background.server';
import { decodeImage, LIMITS } from './image/decode.server';
import { downloadImage, readMediaPage, readProductMedia, type ProductMedia } from './shopify-media.server';
import { currentBytesOf } from './save.server';
import { mediaKeysOf, versionShowing } from './versions.server';

export const ASPECTS = ['square', 'portrait', 'landscape'] as const;
export type Aspect = (typeof ASPECTS)[number];
export const SIZE_CLASSES = ['small', 'medium', 'large'] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];
export const BACKGROUND_TYPES = ['white', 'solid', 'gradient', 'complex'] as const;
export type BackgroundType = (typeof BACKGROUND_TYPES)[number];

/** Upper bounds of the size classes, in bytes of the file: small < 150 KB ≤ medium < 1 MB ≤ large. */
export const SIZE_LIMITS = { small: 150 * 1024, medium: 1024 * 1024 } as const;
/** Width and height within 5% of each other count as square. */
const SQUARE_TOLERANCE = 1.05;

export const ANALYSE_JOB = 'studio.analyse';
const BACKGROUND_BUDGET_MS = 800;
const ANALYSE_CONCURRENCY = 3;
const THUMBNAIL_EDGE = 128;

const PRODUCTS_PER_READ = 10;
const WANTED_ITEMS = 24;
const MAX_READS = 5;

export interface MediaItem {
  productId: string;
  productTitle: string;
  mediaId: string;
  /** The slot's key for listVersions: the media id of the slot's original (this media's own id when never saved). */
  mediaKey: string;
  /** Whether Steward has saved a version in this slot. */
  edited: boolean;
  url: string;
  thumbnailUrl: string;
  alt: string | null;
  width: number | null;
  height: number | null;
  /** Size of the file Shopify holds, when it says. */
  bytes: number | null;
  mimeType: string | null;
  aspect: Aspect | null;
  size: SizeClass | null;
  /** Null until analysed. */
  background: BackgroundType | null;
  /** 0-based among the product's media. */
  position: number;
}

const flag = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'on'])])
  .transform((value) => value === true || value === 'true' || value === '1' || value === 'on');

export const MediaFiltersSchema = z.object({
  query: z.string().trim().max(200).optional(),
  missingAlt: flag.optional(),
  size: z.enum(SIZE_CLASSES).optional(),
  aspect: z.enum(ASPECTS).optional(),
  background: z.enum(BACKGROUND_TYPES).optional(),
  cursor: z.string().min(1).max(1000).optional(),
});
export type MediaFilters = z.infer<typeof MediaFiltersSchema>;

/** The filters from a URL's search parameters (empty values count as absent); a ZodError on bad values. */
export function parseMediaFilters(params: URLSearchParams): MediaFilters {
  const present = Object.fromEntries([...params.entries()].filter(([, value]) => value !== ''));
  return MediaFiltersSchema.parse(present);
}

export function aspectOf(width: number | null, height: number | null): Aspect | null {
  if (!width || !height) return null;
  if (Math.max(width, height) / Math.min(width, height) <= SQUARE_TOLERANCE) return 'square';
  return height > width ? 'portrait' : 'landscape';
}

export function sizeClassOf(bytes: number | null): SizeClass | null {
  if (bytes === null || bytes <= 0) return null;
  if (bytes < SIZE_LIMITS.small) return 'small';
  return bytes < SIZE_LIMITS.medium ? 'medium' : 'large';
}

/** Free text for Shopify's product search, without the characters of its syntax. */
function productQuery(text: string | undefined): string | null {
  const words = (text ?? '')
    .replace(/[:()"'\\*]/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  return words.length > 0 ? words.join(' ') : null;
}

function toItem(
  product: { id: string; title: string },
  media: ProductMedia,
  keys: Map<string, { mediaKey: string }>,
  background: BackgroundType | null,
): MediaItem {
  const key = keys.get(media.id);
  return {
    productId: product.id,
    productTitle: product.title,
    mediaId: media.id,
    mediaKey: key?.mediaKey ?? media.id,
    edited: key !== undefined,
    url: media.url as string,
    thumbnailUrl: media.thumbnailUrl ?? (media.url as string),
    alt: media.alt,
    width: media.width,
    height: media.height,
    bytes: media.fileSize,
    mimeType: media.mimeType,
    aspect: aspectOf(media.width, media.height),
    size: sizeClassOf(media.fileSize),
    background,
    position: media.position,
  };
}

/** The filters read from what Shopify says of the media (the background type needs its pixels). */
function passes(media: ProductMedia, filters: MediaFilters): boolean {
  if (!media.isImage || !media.url) return false;
  if (filters.missingAlt && media.alt?.trim()) return false;
  if (filters.size && sizeClassOf(media.fileSize) !== filters.size) return false;
  if (filters.aspect && aspectOf(media.width, media.height) !== filters.aspect) return false;
  return true;
}

// ─── Background analysis ────────────────────────────────────────────────────

export interface AnalysisTarget {
  mediaId: string;
  thumbnailUrl: string;
  updatedAt: string | null;
}

const updatedAtOf = (target: AnalysisTarget) => new Date(target.updatedAt ?? 0);

/** The stored background types still valid for these media (analysed since their last change). */
async function storedBackgrounds(shop: string, targets: AnalysisTarget[]): Promise<Map<string, BackgroundType>> {
  if (targets.length === 0) return new Map();
  const rows = await prisma.studioMediaAnalysis.findMany({
    where: { shop, mediaId: { in: targets.map((target) => target.mediaId) } },
  });
  const byId = new Map(rows.map((row) => [row.mediaId, row]));
  const valid = new Map<string, BackgroundType>();
  for (const target of targets) {
    const row = byId.get(target.mediaId);
    if (row && row.mediaUpdatedAt.getTime() === updatedAtOf(target).getTime())
      valid.set(target.mediaId, row.background as BackgroundType);
  }
  return valid;
}

/** Downloads the thumbnail, classifies its background and stores the answer. */
async function analyseBackground(shop: string, target: AnalysisTarget): Promise<BackgroundType> {
  const bytes = await downloadImage(target.thumbnailUrl, LIMITS.maxBytes);
  const background = classifyBackground(await decodeImage(bytes, { longEdge: THUMBNAIL_EDGE }));
  const mediaUpdatedAt = updatedAtOf(target);
  await prisma.studioMediaAnalysis.upsert({
    where: { shop_mediaId: { shop, mediaId: target.mediaId } },
    create: { shop, mediaId: target.mediaId, mediaUpdatedAt, background },
    update: { mediaUpdatedAt, background, analysedAt: new Date() },
  });
  return background;
}

/** What the studio.analyse job does: analyses the targets not analysed since they last changed. */
export async function analyseStale(shop: string, targets: AnalysisTarget[], signal: AbortSignal): Promise<void> {
  const stored = await storedBackgrounds(shop, targets);
  for (const target of targets) {
    if (signal.aborted) return;
    if (stored.has(target.mediaId)) continue;
    try {
      await analyseBackground(shop, target);
    } catch (error) {
      logger.warn({ shop, mediaId: target.mediaId, error }, 'Studio could not analyse an image’s background');
    }
  }
}

/** Analyses the targets, a few at a time, until the budget is spent; returns what it found and what is left. */
async function analyseWithin(
  shop: string,
  targets: AnalysisTarget[],
  budgetMs: number,
): Promise<{ found: Map<string, BackgroundType>; left: AnalysisTarget[] }> {
  const deadline = Date.now() + budgetMs;
  const found = new Map<string, BackgroundType>();
  const queue = [...targets];
  const worker = async () => {
    while (queue.length > 0 && Date.now() < deadline) {
      const target = queue.shift() as AnalysisTarget;
      try {
        found.set(target.mediaId, await analyseBackground(shop, target));
      } catch (error) {
        logger.warn({ shop, mediaId: target.mediaId, error }, 'Studio could not analyse an image’s background');
      }
    }
  };
  await Promise.all(Array.from({ length: ANALYSE_CONCURRENCY }, worker));
  return { found, left: queue };
}

async function queueAnalysis(shop: string, targets: AnalysisTarget[]): Promise<void> {
  if (targets.length === 0) return;
  const digest = createHash('sha256')
    .update(targets.map((target) => target.mediaId).join(','))
    .digest('hex')
    .slice(0, 16);
  await jobQueue().enqueue(ANALYSE_JOB, { targets }, { shop, dedupeKey: `${ANALYSE_JOB}:${digest}` });
}

// ─── The browser ────────────────────────────────────────────────────────────

export interface MediaList {
  items: MediaItem[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** Images of these products whose background is still being analysed (background filter only). */
  analysing: number;
}

export interface ListMediaOptions {
  /** How long the request may analyse backgrounds before it leaves the rest to the job. */
  analyseBudgetMs?: number;
}

export async function listMedia(
  gateway: AdminGateway,
  shop: string,
  filters: MediaFilters,
  options: ListMediaOptions = {},
): Promise<MediaList> {
  const query = productQuery(filters.query);
  let cursor = filters.cursor ?? null;
  let hasNextPage = true;
  const candidates: { product: { id: string; title: string }; media: ProductMedia }[] = [];
  for (let read = 0; read < MAX_READS && hasNextPage && candidates.length < WANTED_ITEMS; read++) {
    const page = await readMediaPage(gateway, { first: PRODUCTS_PER_READ, after: cursor, query });
    for (const product of page.products) {
      for (const media of product.media) if (passes(media, filters)) candidates.push({ product, media });
    }
    hasNextPage = page.hasNextPage;
    cursor = page.endCursor;
  }

  const targets = candidates.map(({ media }) => ({
    mediaId: media.id,
    thumbnailUrl: media.thumbnailUrl ?? (media.url as string),
    updatedAt: media.updatedAt,
  }));
  const [keys, backgrounds] = await Promise.all([
    mediaKeysOf(
      shop,
      targets.map((target) => target.mediaId),
    ),
    storedBackgrounds(shop, targets),
  ]);
  let items = candidates.map(({ product, media }) => toItem(product, media, keys, backgrounds.get(media.id) ?? null));

  let analysing = 0;
  if (filters.background) {
    const unknown = targets.filter((target) => !backgrounds.has(target.mediaId));
    const { found, left } = await analyseWithin(shop, unknown, options.analyseBudgetMs ?? BACKGROUND_BUDGET_MS);
    await queueAnalysis(shop, left);
    analysing = left.length;
    items = items
      .map((item) => (item.background ? item : { ...item, background: found.get(item.mediaId) ?? null }))
      .filter((item) => item.background === filters.background);
  }
  return { items, pageInfo: { hasNextPage, endCursor: cursor }, analysing };
}

// ─── The editor's source ────────────────────────────────────────────────────

export async function loadMediaForEdit(
  gateway: AdminGateway,
  shop: string,
  productId: string,
  mediaId: string,
): Promise<{ item: MediaItem; bytes: Buffer }> {
  const product = await readProductMedia(gateway, productId);
  const media = product?.media.find((entry) => entry.id === mediaId);
  if (!product || !media || !media.isImage || !media.url)
    throw new StudioError('not-found', 'This image is not on this product');
  const showing = await versionShowing(shop, productId, mediaId);
  const keys = showing ? new Map([[mediaId, { mediaKey: showing.mediaKey }]]) : new Map<string, { mediaKey: string }>();
  const [stored] = [...(await storedBackgrounds(shop, [{ mediaId, thumbnailUrl: '', updatedAt: media.updatedAt }]))];
  const bytes = await currentBytesOf(shop, media, showing);
  return { item: toItem(product, media, keys, stored?.[1] ?? null), bytes };
}
