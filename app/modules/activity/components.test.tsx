/**
 * The activity page's components rendered on the server as Remix does, in
 * English and French: the filter bar with and without a date range, and the
 * table's rows, skeletons and empty result.
 */
import { AppProvider } from '@shopify/polaris';
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { createFormatter } from '~/i18n/format';
import { createI18n, type Locale } from '~/i18n/i18n';
import { POLARIS_TRANSLATIONS } from '~/i18n/polaris';
import { ActivityFilters } from './ActivityFilters';
import { ActivityTable } from './ActivityTable';
import { NO_FILTERS, type ActivityFilters as Filters } from './filters';
import type { ActivityView } from './types';

function render(locale: Locale, node: ReactNode): string {
  return renderToString(
    <AppProvider i18n={POLARIS_TRANSLATIONS[locale]}>
      <I18nextProvider i18n={createI18n(locale)}>{node}</I18nextProvider>
    </AppProvider>,
  )
    .replace(/<!-- -->/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"');
}

const filtersBar = (locale: Locale, filters: Partial<Filters>) =>
  render(
    locale,
    <ActivityFilters
      filters={{ ...NO_FILTERS, ...filters }}
      today="2026-11-27"
      timeZone="America/Toronto"
      loading={false}
      onChange={() => {}}
    />,
  );

const entry: ActivityView = {
  id: '41',
  occurredAt: '2026-01-05T15:30:00.000Z',
  actor: { type: 'customer', id: '7', name: 'Jane Doe' },
  verb: 'placed',
  resource: { type: 'order', id: '5001', title: '#1042' },
  summary: 'Order #1042 placed — CA$84.00',
  details: { amount: '84.00', currency: 'CAD' },
  source: 'webhook',
  link: { href: 'https://admin.shopify.com/store/maple-thread/orders/5001', external: true },
};

const table = (locale: Locale, entries: ActivityView[], paging = false) =>
  render(
    locale,
    <ActivityTable
      entries={entries}
      format={createFormatter({ locale, currencyCode: 'CAD', timeZone: 'America/Toronto' })}
      paging={paging}
      loading={false}
      newerUrl={null}
      olderUrl="/app/activity?after=1767627000000_41"
      emptyState={<p>nothing matches</p>}
    />,
  );

describe('ActivityFilters', () => {
  it('renders with no filters, then shows each applied filter in the merchant’s words', () => {
    expect(filtersBar('en', {})).toContain('Search by order, product, customer, staff member…');
    const applied = filtersBar('en', {
      verbs: ['paid', 'refunded'],
      resourceTypes: ['order'],
      actorTypes: ['staff'],
      actorName: 'Sam',
      from: '2026-01-01',
      to: '2026-01-31',
    });
    expect(applied).toContain('Type: Paid, Refunded');
    expect(applied).toContain('Resource: Order');
    expect(applied).toContain('Who: Staff member');
    expect(applied).toContain('Name: Sam');
    expect(applied).toContain('Jan 1, 2026 – Jan 31, 2026');
    expect(filtersBar('en', { from: '2026-01-05', to: '2026-01-05' })).toContain('Jan 5, 2026');
    expect(filtersBar('en', { from: '2026-01-05' })).toContain('From Jan 5, 2026');
    expect(filtersBar('fr', { to: '2026-01-05' })).toContain('Jusqu’au 5 janv. 2026');
  });
});

describe('ActivityTable', () => {
  it('shows when (shop time zone), who, what and a link to the resource', () => {
    const html = table('en', [entry]);
    expect(html).toContain('Jan 5, 2026, 10:30');
    expect(html).toContain('Jane Doe');
    expect(html).toContain('Order #1042 placed — CA$84.00');
    expect(html).toContain('href="https://admin.shopify.com/store/maple-thread/orders/5001"');
    expect(html).toContain('target="_top"');
    expect(html).toContain('href="/app/activity?after=1767627000000_41"');
  });

  it('speaks French', () => {
    const html = table('fr', [entry]);
    expect(html).toContain('5 janv. 2026');
    expect(html).toContain('Commande #1042 passée — 84,00');
    expect(html).toContain('Client');
  });

  it('shows skeleton rows while another page loads, and the empty result when nothing matches', () => {
    expect(table('en', [entry], true)).not.toContain('Jane Doe');
    expect(table('en', [entry], true)).toContain('SkeletonBodyText');
    expect(table('en', [])).toContain('nothing matches');
  });
});
