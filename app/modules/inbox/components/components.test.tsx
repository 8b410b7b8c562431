/**
 * The inbox's components rendered on the server as Remix does: customer text
 * (a message, a subject, a name, a rating comment) comes out as escaped
 * text with its line breaks kept, never as markup; internal notes are set
 * apart from what the customer saw; the list says which tickets are overdue;
 * the filters' tabs and the Today card in English and French.
 */
import { AppProvider } from '@shopify/polaris';
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { createI18n, type Locale } from '~/i18n/i18n';
import { POLARIS_TRANSLATIONS } from '~/i18n/polaris';
import { OverdueTicketsCard } from '~/modules/today/OverdueTicketsCard';
import { NO_FILTERS } from './filters';
import { InboxFilters } from './InboxFilters';
import { RatingCard } from './RatingCard';
import { Thread } from './Thread';
import { TicketsTable } from './TicketsTable';
import type { MessageView, TicketRowView, TicketView } from './types';
import { createInboxFormatter } from './useInboxFormat';

function render(locale: Locale, node: ReactNode): string {
  return renderToString(
    <AppProvider i18n={POLARIS_TRANSLATIONS[locale]}>
      <I18nextProvider i18n={createI18n(locale)}>{node}</I18nextProvider>
    </AppProvider>,
  ).replace(/<!-- -->/g, '');
}

const format = createInboxFormatter({ locale: 'en', currencyCode: 'CAD', timeZone: 'America/Toronto' });
const HOSTILE = 'Hello <script>alert("x")</script>\n<img src=x onerror=alert(1)>\n&amp; bye';

const message = (fields: Partial<MessageView>): MessageView => ({
  id: 'm1',
  direction: 'in',
  authorType: 'customer',
  authorName: 'Ana <b>Lima</b>',
  body: HOSTILE,
  createdAt: '2026-11-27T15:30:00.000Z',
  mailStatus: null,
  mailError: null,
  ...fields,
});

const row = (fields: Partial<TicketRowView>): TicketRowView => ({
  number: 12,
  subject: 'Where is <i>my</i> parcel?',
  customerName: 'Ana Lima',
  customerEmail: 'ana@example.com',
  status: 'open',
  priority: 'urgent',
  assigneeName: null,
  tags: ['returns'],
  sla: { state: 'overdue', dueAt: '2026-11-27T16:00:00.000Z' },
  lastMessageAt: '2026-11-27T15:30:00.000Z',
  ...fields,
});

describe('Thread', () => {
  const html = render(
    'en',
    <Thread
      customerName="Ana Lima"
      format={format}
      messages={[
        message({}),
        message({
          id: 'm2',
          direction: 'note',
          authorType: 'staff',
          authorName: 'Sam',
          body: 'Call the <u>courier</u>',
        }),
        message({
          id: 'm3',
          direction: 'out',
          authorType: 'staff',
          authorName: 'Sam',
          body: 'On its way',
          mailStatus: 'failed',
          mailError: '550 <mailbox> unknown',
        }),
      ]}
    />,
  );

  it('renders every text as escaped text, with its line breaks kept', () => {
    expect(html).not.toMatch(/<script|<img|<b>|<u>|<mailbox>/);
    expect(html).toContain(
      'Hello &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;\n&lt;img src=x onerror=alert(1)&gt;\n&amp;amp; bye',
    );
    expect(html).toContain('Ana &lt;b&gt;Lima&lt;/b&gt;');
    expect(html.match(/white-space:pre-wrap/g)).toHaveLength(3);
  });

  it('sets internal notes apart and says when a reply was not delivered', () => {
    expect(html).toContain('aria-label="Internal note"');
    expect(html).toMatch(/Internal note<\/span>/);
    expect(html).toContain('Not delivered: 550 &lt;mailbox&gt; unknown');
  });
});

describe('TicketsTable', () => {
  const table = (locale: Locale) =>
    render(
      locale,
      <TicketsTable
        tickets={[
          row({}),
          row({ number: 13, priority: 'low', tags: [], sla: { state: 'met' }, assigneeName: 'Sam Rivera' }),
        ]}
        staff={[{ id: '71', name: 'Sam Rivera' }]}
        format={format}
        paging={false}
        loading={false}
        previousUrl={null}
        nextUrl="/app/inbox?cursor=abc"
        emptyState={null}
        onBulk={() => {}}
      />,
    );

  it('links each ticket, shows its badges, and marks overdue ones', () => {
    const html = table('en');
    expect(html).toContain('href="/app/inbox/12"');
    expect(html).toContain('#12 Where is &lt;i&gt;my&lt;/i&gt; parcel?');
    expect(html).toContain('>Overdue<');
    expect(html).toContain('>Urgent<');
    expect(html).toContain('>returns<');
    expect(html).toContain('>Answered<');
    expect(html).toContain('>Unassigned<');
    expect(html).toContain('>Sam Rivera<');
    expect(html.match(/Polaris-IndexTable--toneCritical/g)).toHaveLength(1);
  });

  it('speaks French', () => {
    const html = table('fr');
    expect(html).toContain('n° 12 Where is');
    expect(html).toContain('>En retard<');
    expect(html).toContain('>Urgente<');
    expect(html).toContain('>Non attribué<');
  });
});

describe('RatingCard', () => {
  it('shows the rating and the customer’s comment as text', () => {
    const ticket = {
      ...row({ status: 'solved' }),
      rating: 4,
      ratingComment: 'Great\n<b>service</b>',
      ratedAt: '2026-11-27T17:00:00.000Z',
      satisfactionSentAt: '2026-11-27T16:30:00.000Z',
    } as TicketView;
    const html = render('en', <RatingCard ticket={ticket} format={format} />);
    expect(html).toContain('aria-label="Rated 4 out of 5"');
    expect(html).toContain('Great\n&lt;b&gt;service&lt;/b&gt;');
    const waiting = render('en', <RatingCard ticket={{ ...ticket, rating: null, ratedAt: null }} format={format} />);
    expect(waiting).toContain('A rating request was e-mailed Nov 27, 2026, 11:30 AM.');
  });
});

describe('InboxFilters', () => {
  it('shows every applied filter, closed included (it has no tab)', () => {
    const html = render(
      'en',
      <InboxFilters
        filters={{ ...NO_FILTERS, status: 'closed', priority: 'urgent', tag: 'vip', assignee: '71', overdue: true }}
        counts={{ open: 3, pending: 1, solved: 0, all: 4 }}
        staff={[{ id: '71', name: 'Sam Rivera' }]}
        tags={['vip']}
        loading={false}
        onChange={() => {}}
      />,
    );
    for (const label of ['Status: Closed', 'Priority: Urgent', 'Assignee: Sam Rivera', 'Tag: vip', 'Overdue']) {
      expect(html).toContain(`>${label}<`);
    }
  });
});

describe('OverdueTicketsCard', () => {
  it('counts the overdue tickets and links to them', () => {
    const html = render('en', <OverdueTicketsCard count={7} tickets={[row({})]} format={format} />);
    expect(html).toContain('7 tickets overdue');
    expect(html).toContain('href="/app/inbox?overdue=1"');
    expect(html).toContain('href="/app/inbox/12"');
    expect(html).toContain('due Nov 27, 2026, 11:00 AM');
    const none = render('fr', <OverdueTicketsCard count={0} tickets={[]} format={format} />);
    expect(none).toContain('Aucune demande n’attend au-delà de son délai de première réponse.');
  });
});
