/**
 * Where the catalogue scan stands: a progress bar while Steward reads the
 * catalogue (the products read so far are already listed), and a failure
 * with a way to try again. A finished scan says when.
 */
import { Banner, BlockStack, Card, ProgressBar, Text } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import type { ScanView } from '../seo/types';

export function ScanProgress({ scan }: { scan: ScanView }) {
  const { t } = useTranslation();
  const percent = scan.total ? Math.min(100, Math.round((scan.seen / Math.max(scan.total, 1)) * 100)) : 0;
  const label =
    scan.total === null
      ? t('content.scan.starting')
      : t(scan.mode === 'full' ? 'content.scan.readingAll' : 'content.scan.readingRecent', {
          seen: scan.seen,
          total: scan.total,
        });
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingSm">
          {t('content.scan.title')}
        </Text>
        <ProgressBar progress={percent} size="small" ariaLabelledBy="content-scan-progress" />
        <Text as="p" tone="subdued" id="content-scan-progress">
          {label}
        </Text>
      </BlockStack>
    </Card>
  );
}

export function ScanFailed({ onRetry, retrying }: { onRetry: () => void; retrying: boolean }) {
  const { t } = useTranslation();
  return (
    <Banner
      tone="critical"
      title={t('content.scan.failedTitle')}
      action={{ content: t('content.scan.retry'), onAction: onRetry, loading: retrying }}
    >
      <p>{t('content.scan.failedBody')}</p>
    </Banner>
  );
}
