/**
 * Today's view of the sync: whether Steward's copy of the store is up to
 * date, syncing (with overall progress) or stopped on an error, and how much
 * it holds, with a way to the Sync page. It loads the Sync page's data
 * itself, and again every two seconds while a sync runs, so Today's own
 * loader stays as it is.
 */
import { useFetcher, useNavigate } from '@remix-run/react';
import { BlockStack, Button, Card, InlineStack, ProgressBar, SkeletonBodyText, Text } from '@shopify/polaris';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '~/root';
import type { loader as syncLoader } from '~/routes/app.sync';
import type { SyncStatus } from '~/platform/sync/status.server';
import { isRunning, relativeTime } from './sync-view';
import { usePollWhile } from './use-poll';

const PATH = '/app/sync';

function overallPercent(status: SyncStatus): number | null {
  let done = 0;
  let total = 0;
  for (const { latest } of status.resources) {
    if (!latest || !isRunning(latest.phase) || latest.objectsTotal === null) continue;
    done += Math.min(latest.objectsDone, latest.objectsTotal);
    total += latest.objectsTotal;
  }
  return total > 0 ? Math.floor((done / total) * 100) : null;
}

export function SyncStatusCard() {
  const locale = useLocale();
  const fetcher = useFetcher<typeof syncLoader>();
  const navigate = useNavigate();
  const { t } = useTranslation();
  const { load } = fetcher;

  useEffect(() => {
    load(PATH);
  }, [load]);
  usePollWhile(Boolean(fetcher.data?.active), 2_000, () => {
    if (fetcher.state === 'idle') load(PATH);
  });

  const status = fetcher.data;
  const heading = (
    <Text as="h2" variant="headingMd">
      {t('sync.card.heading')}
    </Text>
  );
  if (!status) {
    return (
      <Card>
        <BlockStack gap="300">
          {heading}
          <SkeletonBodyText lines={2} />
        </BlockStack>
      </Card>
    );
  }

  const number = new Intl.NumberFormat(locale);
  const running = status.resources.filter((resource) => resource.latest && isRunning(resource.latest.phase));
  const failed = status.resources.filter((resource) => resource.latest?.phase === 'failed');
  const lastFinished = status.resources
    .map((resource) => resource.lastFinishedAt)
    .filter((at): at is string => at !== null)
    .sort()
    .at(-1);
  const percent = overallPercent(status);
  const names = (list: typeof running) =>
    new Intl.ListFormat(locale, { type: 'conjunction' }).format(
      list.map((resource) => t(`sync.resources.${resource.resource}`)),
    );

  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          {heading}
          <Button variant="plain" onClick={() => navigate(PATH)}>
            {t('sync.card.open')}
          </Button>
        </InlineStack>
        {running.length > 0 ? (
          <BlockStack gap="100">
            <Text as="p">{t('sync.card.running', { resources: names(running) })}</Text>
            {percent !== null ? (
              <ProgressBar progress={percent} size="small" tone="primary" ariaLabelledBy="sync-card-progress" />
            ) : null}
            <Text as="p" tone="subdued" variant="bodySm" id="sync-card-progress">
              {percent !== null ? t('sync.card.percent', { percent }) : t('sync.phaseDetail.exporting')}
            </Text>
          </BlockStack>
        ) : failed.length > 0 ? (
          <Text as="p" tone="critical">
            {t('sync.card.failed', { resources: names(failed) })}
          </Text>
        ) : lastFinished ? (
          <Text as="p">{t('sync.card.upToDate', { when: relativeTime(locale, lastFinished, status.now) })}</Text>
        ) : (
          <Text as="p" tone="subdued">
            {t('sync.card.never')}
          </Text>
        )}
        {status.everSynced ? (
          <Text as="p" tone="subdued" variant="bodySm">
            {status.resources
              .map((resource) =>
                t('sync.card.count', {
                  resource: t(`sync.resources.${resource.resource}`),
                  count: number.format(resource.inMirror),
                }),
              )
              .join(' · ')}
          </Text>
        ) : null}
      </BlockStack>
    </Card>
  );
}
