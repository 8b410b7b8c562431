/**
 * Content: products' search listings (SEO title, meta description) and
 * images' alt texts, many at once. Views and search in the URL; edits kept
 * in the page across pages until saved from App Bridge's save bar. Up to
 * twenty products save at once with each one's outcome; more run as a job
 * whose progress the page follows (`?batch=`). While the catalogue is being
 * read from Shopify, or a batch runs, the page reloads its data every two
 * seconds.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { useFetcher, useLoaderData, useNavigate, useNavigation, useRevalidator } from '@remix-run/react';
import { SaveBar, TitleBar, useAppBridge } from '@shopify/app-bridge-react';
import { BlockStack, Card, EmptySearchResult, EmptyState, Page } from '@shopify/polaris';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePollWhile } from '~/components/sync/use-poll';
import { ContentErrorBoundary } from '~/modules/content/components/ContentErrorBoundary';
import { ContentTabs } from '~/modules/content/components/ContentTabs';
import { EMPTY_CONTENT_IMAGE } from '~/modules/content/components/empty-illustration';
import { ListingFilters } from '~/modules/content/components/ListingFilters';
import { ListingTable } from '~/modules/content/components/ListingTable';
import { BatchProgress, SaveSummary } from '~/modules/content/components/SaveReport';
import { ScanFailed, ScanProgress } from '~/modules/content/components/ScanStatus';
import { useListingDrafts } from '~/modules/content/components/use-listing-drafts';
import { problemsOf, saveRequestSchema } from '~/modules/content/seo/changes';
import { listingSearchParams } from '~/modules/content/seo/listing-filters';
import { applyListingAction, loadListingPage, type ListingAnswer } from '~/modules/content/seo/listing-page.server';
import type { ProductFailure } from '~/modules/content/seo/types';
import { withAdmin } from '~/platform/shopify/admin-request.server';

const PATH = '/app/content';
const SAVE_BAR_ID = 'content-listings-save-bar';
const POLL_MS = 2_000;

export const loader = ({ request }: LoaderFunctionArgs) =>
  withAdmin(request, (admin) => loadListingPage(request, admin));

export const action = ({ request }: ActionFunctionArgs) =>
  withAdmin(request, (admin) => applyListingAction(request, admin));

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

export default function ContentListings() {
  const loaded = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const shopify = useAppBridge();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  const drafts = useListingDrafts();
  const saver = useFetcher<typeof action>();
  const refresher = useFetcher<typeof action>();
  const [summary, setSummary] = useState<{ saved: number; failures: ProductFailure[] } | null>(null);

  const scanning = loaded.scan.state === 'running';
  const batchRunning = loaded.batch !== null && loaded.batch.state !== 'done';
  usePollWhile(scanning || batchRunning, POLL_MS, () => {
    if (revalidator.state === 'idle' && navigation.state === 'idle') revalidator.revalidate();
  });

  const pending = navigation.state === 'loading' && navigation.location.pathname === PATH ? navigation.location : null;
  // Skeleton rows while another page loads, and while the first scan has read nothing yet.
  const paging =
    (pending !== null && /[?&](after|before)=/.test(pending.search)) || (scanning && loaded.counts.all === 0);
  const applyFilters = (filters: Loaded['filters'], options: { typing?: boolean } = {}) => {
    const params = listingSearchParams(filters).toString();
    navigate(
      { pathname: PATH, search: params ? `?${params}` : '' },
      { replace: options.typing, preventScrollReset: true },
    );
  };

  const saving = saver.state !== 'idle';
  const save = () => {
    const changes = drafts.changes();
    const checked = saveRequestSchema.safeParse({ changes });
    if (!checked.success) {
      drafts.report(problemsOf(checked.error, { changes }));
      shopify.toast.show(t('content.save.fixFirst'), { isError: true });
      return;
    }
    setSummary(null);
    saver.submit({ intent: 'save', changes }, { method: 'post', encType: 'application/json' });
  };

  // What the save answered: problems to show, products saved, or a batch to follow.
  useEffect(() => {
    const answer = saver.data as ListingAnswer | undefined;
    if (saver.state !== 'idle' || !answer) return;
    if (answer.intent === 'invalid' || answer.intent === 'unavailable') {
      shopify.toast.show(t(`content.save.${answer.intent}`), { isError: true });
    } else if ('problems' in answer) {
      drafts.report(answer.problems);
      shopify.toast.show(t('content.save.fixFirst'), { isError: true });
    } else if ('batchId' in answer) {
      drafts.forget();
      shopify.toast.show(t('content.save.batchStarted'));
      const params = listingSearchParams(loaded.filters);
      params.set('batch', answer.batchId);
      navigate(`${PATH}?${params}`, { replace: true, preventScrollReset: true });
    } else if ('outcomes' in answer) {
      const saved = answer.outcomes.filter((outcome) => outcome.state === 'saved');
      const failed = answer.outcomes.filter((outcome) => outcome.state === 'failed');
      drafts.forget(saved.map((outcome) => outcome.productId));
      drafts.report(failed.flatMap((outcome) => outcome.problems));
      setSummary({
        saved: saved.length,
        failures: failed.map((outcome) => ({ ...outcome, title: outcome.title ?? drafts.titleOf(outcome.productId) })),
      });
      shopify.toast.show(
        failed.length === 0 ? t('content.save.allSaved', { count: saved.length }) : t('content.save.notAllSaved'),
        { isError: failed.length > 0 },
      );
    }
    // Only a new answer matters here; drafts and the rest are read as they are then.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [saver.state, saver.data]);

  const refresh = () => refresher.submit({ intent: 'refresh' }, { method: 'post', encType: 'application/json' });
  const closeBatch = () => {
    const params = listingSearchParams(loaded.filters);
    navigate(`${PATH}${params.size ? `?${params}` : ''}`, { replace: true, preventScrollReset: true });
  };

  const nothingYet = loaded.counts.all === 0;
  return (
    <Page fullWidth>
      <TitleBar title={t('content.title')}>
        <button onClick={refresh} disabled={scanning || refresher.state !== 'idle'}>
          {t('content.scan.refresh')}
        </button>
      </TitleBar>
      <SaveBar id={SAVE_BAR_ID} open={drafts.count > 0}>
        {/* `variant` and `loading` are App Bridge's attributes on the save bar's buttons, not React's. */}
        {/* eslint-disable-next-line react/no-unknown-property */}
        <button variant="primary" onClick={save} disabled={saving} loading={saving ? '' : undefined}>
          {t('content.save.save', { count: drafts.count })}
        </button>
        <button onClick={() => drafts.forget()} disabled={saving}>
          {t('content.save.discard')}
        </button>
      </SaveBar>
      <BlockStack gap="400">
        <ContentTabs selected="listings" />
        {loaded.scan.state === 'failed' ? <ScanFailed onRetry={refresh} retrying={refresher.state !== 'idle'} /> : null}
        {scanning ? <ScanProgress scan={loaded.scan} /> : null}
        {loaded.batch && batchRunning ? <BatchProgress batch={loaded.batch} /> : null}
        {loaded.batch && !batchRunning ? (
          <SaveSummary saved={loaded.batch.saved} failures={loaded.batch.failures} onDismiss={closeBatch} />
        ) : null}
        {summary ? <SaveSummary {...summary} onDismiss={() => setSummary(null)} /> : null}
        {nothingYet && !scanning ? (
          <Card>
            <EmptyState heading={t('content.listings.empty.heading')} image={EMPTY_CONTENT_IMAGE}>
              <p>{t('content.listings.empty.body')}</p>
            </EmptyState>
          </Card>
        ) : (
          <Card padding="0">
            <ListingFilters
              filters={loaded.filters}
              counts={loaded.counts}
              loading={pending !== null && !paging}
              onChange={applyFilters}
            />
            <ListingTable
              rows={loaded.rows}
              drafts={drafts}
              host={loaded.host}
              adminBase={loaded.adminBase}
              paging={paging}
              loading={pending !== null && !paging}
              previousUrl={loaded.previousUrl}
              nextUrl={loaded.nextUrl}
              emptyState={
                <EmptySearchResult
                  title={t('content.listings.noResults.heading')}
                  description={t('content.listings.noResults.body')}
                  withIllustration
                />
              }
            />
          </Card>
        )}
      </BlockStack>
    </Page>
  );
}

export const ErrorBoundary = ContentErrorBoundary;
