/**
 * Inbox: the customers' tickets, by tab (open, pending, solved, all), with
 * search and filters (status, priority, assignee, tag, overdue) in the URL,
 * pages by cursor, bulk status and assignment, and the satisfaction
 * average. Its action carries out the bulk actions.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { useFetcher, useLoaderData, useLocation, useNavigate, useNavigation } from '@remix-run/react';
import { TitleBar, useAppBridge } from '@shopify/app-bridge-react';
import { BlockStack, Card, EmptySearchResult, EmptyState, Page } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import prisma from '~/db.server';
import { EMPTY_INBOX_IMAGE } from '~/modules/inbox/components/empty-illustration';
import { inboxSearchParams, inboxUrl, type InboxFilters as Filters } from '~/modules/inbox/components/filters';
import { InboxErrorBoundary } from '~/modules/inbox/components/InboxErrorBoundary';
import { InboxFilters } from '~/modules/inbox/components/InboxFilters';
import { InboxSkeleton } from '~/modules/inbox/components/InboxSkeleton';
import { InboxSummary } from '~/modules/inbox/components/InboxSummary';
import { TicketsTable, type BulkChange } from '~/modules/inbox/components/TicketsTable';
import { useFetcherResult } from '~/modules/inbox/components/useFetcherResult';
import { useInboxFormat } from '~/modules/inbox/components/useInboxFormat';
import { applyBulkForm, type BulkResult } from '~/modules/inbox/page-actions.server';
import { loadInboxList } from '~/modules/inbox/pages.server';
import { withAdmin } from '~/platform/shopify/admin-request.server';

const PATH = '/app/inbox';

export const loader = ({ request }: LoaderFunctionArgs) =>
  withAdmin(request, (admin) => loadInboxList(prisma, admin, new URL(request.url)));

export const action = ({ request }: ActionFunctionArgs) =>
  withAdmin(request, (admin) => applyBulkForm(prisma, request, admin));

/** The filters part of a URL's query (no cursor), to tell a filter change from a page change. */
function filterKey(search: string): string {
  const params = new URLSearchParams(search);
  params.delete('cursor');
  params.sort();
  return params.toString();
}

export default function Inbox() {
  const loaded = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const location = useLocation();
  const shopify = useAppBridge();
  const format = useInboxFormat(loaded);
  const bulk = useFetcher<BulkResult>();

  useFetcherResult(bulk, (result) => {
    if (result.ok) shopify.toast.show(t('inbox.bulk.done', { count: result.updated }));
    else shopify.toast.show(t('inbox.bulk.failed'), { isError: true });
  });

  const pending = navigation.state === 'loading' && navigation.location.pathname === PATH ? navigation.location : null;
  if (navigation.state === 'loading' && navigation.location.pathname === PATH && location.pathname !== PATH) {
    return <InboxSkeleton title={t('inbox.title')} kind="list" />;
  }
  // A ticket on its way from the list: its page's outline at once.
  if (navigation.state === 'loading' && /^\/app\/inbox\/\d+$/.test(navigation.location.pathname)) {
    return <InboxSkeleton title={t('inbox.title')} kind="ticket" />;
  }
  const paging = pending !== null && filterKey(pending.search) === filterKey(location.search);

  const applyFilters = (filters: Filters, options: { typing?: boolean } = {}) => {
    const params = inboxSearchParams(filters).toString();
    navigate(
      { pathname: PATH, search: params ? `?${params}` : '' },
      { replace: options.typing, preventScrollReset: true },
    );
  };
  const applyBulk = (numbers: number[], change: BulkChange) => {
    const form = new FormData();
    for (const number of numbers) form.append('numbers', String(number));
    if (change.intent === 'status') {
      form.set('intent', 'bulk-status');
      form.set('status', change.status);
    } else {
      form.set('intent', 'bulk-assign');
      form.set('assigneeId', change.assigneeId ?? '');
    }
    bulk.submit(form, { method: 'post' });
  };

  return (
    <Page fullWidth>
      <TitleBar title={t('inbox.title')}>
        <button onClick={() => navigate('/app/inbox/settings')}>{t('inbox.settingsAction')}</button>
      </TitleBar>
      {loaded.shopHasTickets ? (
        <BlockStack gap="400">
          <InboxSummary
            open={loaded.counts.open}
            overdue={loaded.counts.overdue}
            overdueUrl={inboxUrl({ ...loaded.filters, status: null, overdue: true, cursor: null })}
            satisfaction={loaded.satisfaction}
            format={format}
          />
          <Card padding="0">
            <InboxFilters
              filters={loaded.filters}
              counts={{
                open: loaded.counts.open,
                pending: loaded.counts.pending,
                solved: loaded.counts.solved,
                all: loaded.counts.all,
              }}
              staff={loaded.staff}
              tags={loaded.tags}
              loading={pending !== null && !paging}
              onChange={applyFilters}
            />
            <TicketsTable
              tickets={loaded.tickets}
              staff={loaded.staff}
              format={format}
              paging={paging}
              loading={(pending !== null && !paging) || bulk.state !== 'idle'}
              previousUrl={loaded.previousUrl}
              nextUrl={loaded.nextUrl}
              onBulk={applyBulk}
              emptyState={
                <EmptySearchResult
                  title={t('inbox.noResults.heading')}
                  description={t('inbox.noResults.body')}
                  withIllustration
                />
              }
            />
          </Card>
        </BlockStack>
      ) : (
        <Card>
          <EmptyState
            heading={t('inbox.empty.heading')}
            image={EMPTY_INBOX_IMAGE}
            action={{ content: t('inbox.empty.action'), url: '/app/inbox/settings' }}
          >
            <p>{t('inbox.empty.body')}</p>
          </EmptyState>
        </Card>
      )}
    </Page>
  );
}

export const ErrorBoundary = InboxErrorBoundary;
