/**
 * The batch page: the batch's progress and its images' results
 * (batch.server.ts), with each image's product title and a thumbnail (the
 * new image once it is saved) read from Shopify once, when the page opens;
 * the page's polling asks for the progress only. Cancel and "Run again".
 */
import { data } from '@remix-run/node';
import { z } from 'zod';
import type { AdminGateway } from '~/platform/shopify/admin-gateway.server';
import { readShopProfile } from '~/platform/shopify/shop-profile.server';
import { batchStatus, cancelBatch, rerunBatch, type BatchStatus } from './batch.server';
import { studioFailure, throwStudioError } from './http.server';
import type { StudioContext } from './save.server';

export const BATCH_NODES_QUERY = `#graphql
  query StudioBatchNodes($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on Product {
        id
        title
      }
      ... on MediaImage {
        id
        image {
          thumbnail: url(transform: { maxWidth: 120, maxHeight: 120 })
        }
      }
    }
  }
`;

/** Ids a request asks for: well under the 1,000-point cost limit. */
const IDS_PER_REQUEST = 100;

export interface BatchLabels {
  /** Product gid → title. */
  titles: Record<string, string>;
  /** MediaImage gid → thumbnail URL. */
  thumbnails: Record<string, string>;
}

async function labelsOf(gateway: AdminGateway, status: BatchStatus): Promise<BatchLabels> {
  const ids = [
    ...new Set(
      status.items.flatMap((item) => [item.productId, item.mediaId, ...(item.newMediaId ? [item.newMediaId] : [])]),
    ),
  ];
  const labels: BatchLabels = { titles: {}, thumbnails: {} };
  for (let start = 0; start < ids.length; start += IDS_PER_REQUEST) {
    const { nodes } = await gateway.request(BATCH_NODES_QUERY, { ids: ids.slice(start, start + IDS_PER_REQUEST) });
    for (const node of nodes) {
      if (!node) continue;
      if ('title' in node && node.title) labels.titles[node.id] = node.title;
      if ('image' in node && node.image?.thumbnail) labels.thumbnails[node.id] = node.image.thumbnail;
    }
  }
  return labels;
}

export async function batchView(gateway: AdminGateway, shop: string, batchId: string, url: URL) {
  const status = await batchStatus(shop, batchId).catch(throwStudioError);
  // The page's polling: the progress only.
  if (url.searchParams.get('progress') === '1') return { status, labels: null, timeZone: null };
  const [labels, profile] = await Promise.all([labelsOf(gateway, status), readShopProfile(gateway)]);
  return { status, labels, timeZone: profile.timeZone };
}

const BatchForm = z.object({ intent: z.enum(['cancel', 'rerun']) });

export async function batchAction(ctx: StudioContext, batchId: string, form: FormData) {
  const parsed = BatchForm.safeParse(Object.fromEntries(form));
  if (!parsed.success)
    return data({ ok: false as const, code: 'invalid' as const, message: 'Unknown intent' }, { status: 400 });
  try {
    const status =
      parsed.data.intent === 'cancel' ? await cancelBatch(ctx.shop, batchId) : await rerunBatch(ctx, batchId);
    return { ok: true as const, intent: parsed.data.intent, status };
  } catch (error) {
    return studioFailure(error);
  }
}
