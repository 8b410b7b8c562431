/** The shop's latest batches on the browser page: recipe, state, progress, a link to each. */
import { Badge, BlockStack, Card, InlineStack, Link, ProgressBar, Text } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import type { BatchSummary } from '../browser-view.server';
import { batchPath } from './browser-url';
import { BatchStateBadge } from './BatchStateBadge';

interface Props {
  batches: BatchSummary[];
  locale: string;
  timeZone: string;
}

export function RecentBatches({ batches, locale, timeZone }: Props) {
  const { t } = useTranslation();
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t('studio.browser.batches.heading')}
        </Text>
        <BlockStack gap="400">
          {batches.map((batch) => (
            <BlockStack gap="150" key={batch.id}>
              <InlineStack align="space-between" blockAlign="center" gap="200">
                <InlineStack gap="200" align="start" blockAlign="center">
                  <Link url={batchPath(batch.id)} removeUnderline>
                    <Text as="span" fontWeight="semibold">
                      {batch.recipeName ?? t('studio.batch.unnamed')}
                    </Text>
                  </Link>
                  <BatchStateBadge state={batch.state} />
                  {batch.failed > 0 ? (
                    <Badge tone="critical">{t('studio.batch.failedCount', { count: batch.failed })}</Badge>
                  ) : null}
                </InlineStack>
                <Text as="span" variant="bodySm" tone="subdued">
                  <time dateTime={batch.createdAt}>{when.format(new Date(batch.createdAt))}</time>
                </Text>
              </InlineStack>
              <ProgressBar
                progress={batch.total ? Math.round(((batch.done + batch.failed) / batch.total) * 100) : 0}
                size="small"
                tone={batch.failed > 0 ? 'critical' : batch.state === 'done' ? 'success' : 'primary'}
                ariaLabelledBy={`studio-batch-${batch.id}`}
              />
              <Text as="span" variant="bodySm" tone="subdued" id={`studio-batch-${batch.id}`}>
                {t('studio.batch.progress', { done: batch.done, total: batch.total })}
              </Text>
            </BlockStack>
          ))}
        </BlockStack>
      </BlockStack>
    </Card>
  );
}
