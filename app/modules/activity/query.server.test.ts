/**
 * readActivityPage and activityBatches on a real database past the search
 * window: matches that only exist far from the cursor (read through the GIN
 * index), pages that straddle the window's edge in both directions, and
 * common words that never meet — the same rows as a plain scan would give.
 */
import { describe, expect, it } from 'vitest';
import prisma from '~/db.server';
import { NO_FILTERS, type ActivityFilters, type Cursor } from './filters';
import { activityBatches, readActivityPage, SEARCH_WINDOW } from './query.server';
import { recordActivity, type ActivityInput } from './record.server';

const SHOP = 'window-shop.myshopify.com';
const TOTAL = SEARCH_WINDOW * 2 + 700;
const BASE = Date.parse('2026-06-01T12:00:00.000Z');

/** Entry i: newest first as i grows, two to a second; "rare" ones far down the log, "jane" only on placed orders. */
function entryAt(index: number): ActivityInput {
  const placed = index % 5 === 0;
  const rare = index % 97 === 0 && index > SEARCH_WINDOW + 500 && !placed;
  return {
    shop: SHOP,
    occurredAt: new Date(BASE - Math.floor(index / 2) * 1000),
    actor: placed ? { type: 'customer', id: '7', name: 'Jane Roy' } : { type: 'shopify' },
    verb: placed ? 'placed' : 'paid',
    resource: { type: 'order', id: String(index), title: `#${index + 1001}` },
    summary: rare ? `Order #${index + 1001} paid — marigold` : placed ? 'Order placed' : `Order #${index + 1001} paid`,
    source: 'webhook',
    sourceKey: `window-${index}`,
  };
}

await recordActivity(
  prisma,
  Array.from({ length: TOTAL }, (_, index) => entryAt(index)),
);
const expected = (test: (index: number) => boolean) =>
  Array.from({ length: TOTAL }, (_, index) => index)
    .filter(test)
    .map(String);

async function walk(filters: Partial<ActivityFilters>, size = 50): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let after: Cursor | null = null;
  let pages = 0;
  do {
    const page = await readActivityPage(
      prisma,
      SHOP,
      { filters: { ...NO_FILTERS, ...filters }, after, before: null },
      'UTC',
      size,
    );
    ids.push(...page.rows.map((row) => row.resourceId as string));
    after = page.older;
    pages += 1;
  } while (after);
  return { ids, pages };
}

describe('searching past the window', () => {
  it('finds matches that exist only far down the log, in order, page after page', async () => {
    const rare = expected((index) => index % 97 === 0 && index > SEARCH_WINDOW + 500 && index % 5 !== 0);
    const { ids, pages } = await walk({ q: 'marigold' }, 20);
    expect(ids).toEqual(rare);
    expect(pages).toBe(Math.ceil(rare.length / 20));
  });

  it('gives nothing for common words that never meet (bench:activity times it)', async () => {
    expect((await walk({ q: 'jane paid' })).ids).toEqual([]);
    expect((await walk({ q: 'jane marigold' })).ids).toEqual([]);
  });

  it('joins the window and what lies beyond it, and pages across the edge both ways', async () => {
    // "jane" matches every fifth entry: 1,000 in the window from the top, the rest beyond.
    const janes = expected((index) => index % 5 === 0);
    const size = 300;
    expect((await walk({ q: 'jane' }, size)).ids).toEqual(janes);
    const filters = { ...NO_FILTERS, q: 'jane' };
    const pages = [];
    let after: Cursor | null = null;
    for (let page = 0; page < 5; page++) {
      const read = await readActivityPage(prisma, SHOP, { filters, after, before: null }, 'UTC', size);
      pages.push(read);
      after = read.older;
    }
    // Page 4 straddles the window's edge; page 5 lies beyond it.
    expect(pages[3]?.rows.map((row) => row.resourceId)).toEqual(janes.slice(900, 1200));
    for (const [from, to] of [
      [4, 3],
      [3, 2],
    ] as const) {
      const newer = await readActivityPage(
        prisma,
        SHOP,
        { filters, after: null, before: pages[from]?.newer ?? null },
        'UTC',
        size,
      );
      expect(newer.rows.map((row) => row.resourceId)).toEqual(pages[to]?.rows.map((row) => row.resourceId));
    }
  });

  it('exports every match in batches across the window', async () => {
    const exported: string[] = [];
    for await (const batch of activityBatches(prisma, SHOP, { ...NO_FILTERS, q: 'jane' }, 'UTC', 700))
      exported.push(...batch.map((row) => row.resourceId as string));
    expect(exported).toEqual(expected((index) => index % 5 === 0));
    const rare: string[] = [];
    for await (const batch of activityBatches(prisma, SHOP, { ...NO_FILTERS, q: 'marigold', verbs: ['paid'] }, 'UTC'))
      rare.push(...batch.map((row) => row.resourceId as string));
    expect(rare).toEqual(expected((index) => index % 97 === 0 && index > SEARCH_WINDOW + 500 && index % 5 !== 0));
  });

  it('filters by actor name past the window too', async () => {
    expect((await walk({ actorName: 'roy', verbs: ['placed'] }, 500)).ids).toEqual(
      expected((index) => index % 5 === 0),
    );
    expect((await walk({ actorName: 'zelda' })).ids).toEqual([]);
  });
});
