/**
 * What a save did: a batch's progress while its job runs, and afterwards (or
 * after a save answered at once) how many products were saved and which
 * were not, with Shopify's reason for each, so the merchant can fix them.
 */
import { Banner, BlockStack, Card, List, ProgressBar, Text } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import type { BatchView, ProductFailure } from '../seo/types';
import { problemText } from './problem-text';

export function BatchProgress({ batch }: { batch: BatchView }) {
  const { t } = useTranslation();
  const done = batch.saved + batch.failed;
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingSm">
          {t('content.save.batchTitle')}
        </Text>
        <ProgressBar
          progress={Math.round((done / Math.max(batch.total, 1)) * 100)}
          size="small"
          ariaLabelledBy="content-batch-progress"
        />
        <Text as="p" tone="subdued" id="content-batch-progress">
          {t('content.save.batchProgress', { done, total: batch.total, failed: batch.failed })}
        </Text>
      </BlockStack>
    </Card>
  );
}

export function SaveSummary({
  saved,
  failures,
  onDismiss,
}: {
  saved: number;
  failures: ProductFailure[];
  onDismiss: () => void;
}) {
  const { t } = useTranslation();
  if (failures.length === 0) {
    return (
      <Banner tone="success" onDismiss={onDismiss}>
        <p>{t('content.save.allSaved', { count: saved })}</p>
      </Banner>
    );
  }
  return (
    <Banner
      tone="warning"
      title={t('content.save.someFailed', { count: failures.length, saved })}
      onDismiss={onDismiss}
    >
      <List type="bullet">
        {failures.map((failure) => (
          <List.Item key={failure.productId}>
            <Text as="span" fontWeight="semibold">
              {failure.title || t('content.save.unknownProduct', { id: failure.productId })}
            </Text>
            {': '}
            {failure.problems.map((problem) => problemText(t, problem)).join(' · ')}
          </List.Item>
        ))}
      </List>
    </Banner>
  );
}
