/**
 * Sync: what Steward has copied from the store into its own database, per
 * resource — the run's phase and progress, when it last finished, how many
 * records Steward holds, and why a run stopped. "Sync now" queues a full
 * sync (for the session's shop; a resource already syncing is left alone).
 * While a sync runs, the page reloads its data every two seconds.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import {
  isRouteErrorResponse,
  useFetcher,
  useLoaderData,
  useNavigation,
  useRevalidator,
  useRouteError,
} from '@remix-run/react';
import { TitleBar, useAppBridge } from '@shopify/app-bridge-react';
import {
  Banner,
  BlockStack,
  Card,
  EmptyState,
  InlineGrid,
  Page,
  SkeletonBodyText,
  SkeletonDisplayText,
  SkeletonPage,
  Text,
} from '@shopify/polaris';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EMPTY_SYNC_IMAGE } from '~/components/sync/empty-illustration';
import { SyncResourceCard } from '~/components/sync/SyncResourceCard';
import { usePollWhile } from '~/components/sync/use-poll';
import prisma from '~/db.server';
import { readSyncStatus } from '~/platform/sync/status.server';
import { requestSync } from '~/platform/sync/trigger.server';
import { useLocale } from '~/root';
import { authenticate } from '~/shopify.server';

const PATH = '/app/sync';
const POLL_MS = 2_000;
/** After "Sync now", how long to keep looking for the runs the request plans. */
const AWAIT_START_MS = 30_000;

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return readSyncStatus(prisma, session.shop);
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  await requestSync(session.shop, 'full');
  return { requested: true };
};

export default function SyncPage() {
  const status = useLoaderData<typeof loader>();
  const fetcher = useFetcher<typeof action>();
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const shopify = useAppBridge();
  const { t } = useTranslation();
  const locale = useLocale();
  const [requestedAt, setRequestedAt] = useState<number | null>(null);

  useEffect(() => {
    if (fetcher.state !== 'idle' || !fetcher.data?.requested) return;
    setRequestedAt(Date.now());
    shopify.toast.show(t('sync.requested'));
  }, [fetcher.state, fetcher.data, shopify, t]);

  const awaitingStart = requestedAt !== null && !status.active && Date.now() - requestedAt < AWAIT_START_MS;
  usePollWhile(status.active || awaitingStart, POLL_MS, () => {
    if (revalidator.state === 'idle') revalidator.revalidate();
  });

  if (navigation.state === 'loading' && navigation.location.pathname === PATH) {
    return (
      <SkeletonPage title={t('sync.title')} primaryAction>
        <Card>
          <BlockStack gap="400">
            <SkeletonDisplayText size="small" />
            <SkeletonBodyText lines={8} />
          </BlockStack>
        </Card>
      </SkeletonPage>
    );
  }

  const requesting = fetcher.state !== 'idle' || awaitingStart;
  const syncNow = () => fetcher.submit({}, { method: 'post', action: PATH });

  if (!status.everSynced && !status.active) {
    return (
      <Page>
        <TitleBar title={t('sync.title')} />
        <Card>
          <EmptyState
            heading={t('sync.empty.heading')}
            image={EMPTY_SYNC_IMAGE}
            action={{ content: t('sync.syncNow'), onAction: syncNow, loading: requesting }}
          >
            <p>{t('sync.empty.body')}</p>
          </EmptyState>
        </Card>
      </Page>
    );
  }

  return (
    <Page
      primaryAction={{
        content: status.active ? t('sync.syncing') : t('sync.syncNow'),
        onAction: syncNow,
        loading: requesting,
        disabled: status.active,
        helpText: status.active ? t('sync.runningHelp') : undefined,
      }}
    >
      <TitleBar title={t('sync.title')} />
      <BlockStack gap="400">
        <Text as="p" tone="subdued">
          {t('sync.description')}
        </Text>
        <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
          {status.resources.map((resource) => (
            <SyncResourceCard key={resource.resource} status={resource} locale={locale} now={status.now} />
          ))}
        </InlineGrid>
      </BlockStack>
    </Page>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const message =
    isRouteErrorResponse(error) && error.status === 503 ? 'errors.shopifyUnavailable' : 'errors.unexpected';
  return (
    <Page>
      <TitleBar title={t('sync.title')} />
      <Banner tone="critical" title={t('errors.title')} action={{ content: t('errors.retry'), url: PATH }}>
        <p>{t(message)}</p>
      </Banner>
    </Page>
  );
}
