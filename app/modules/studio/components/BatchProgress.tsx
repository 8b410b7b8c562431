/**
 * A batch: its progress bar and counts, Cancel while it runs, "Run again"
 * for its failed and cancelled images once it stopped, and a table of its
 * images with each one's state and error (a saved image links to its editor).
 */
import {
  BlockStack,
  Button,
  Card,
  IndexTable,
  InlineStack,
  Link,
  ProgressBar,
  Text,
  Thumbnail,
} from '@shopify/polaris';
import { ImageIcon } from '@shopify/polaris-icons';
import { useTranslation } from 'react-i18next';
import type { BatchStatus } from '../batch.server';
import type { BatchLabels } from '../batch-view.server';
import { BatchStateBadge } from './BatchStateBadge';
import { editorPath } from './browser-url';

interface Props {
  status: BatchStatus;
  labels: BatchLabels;
  locale: string;
  timeZone: string;
  /** The cancel or re-run being sent. */
  busy: 'cancel' | 'rerun' | null;
  onCancel: () => void;
  onRerun: () => void;
}

const PROGRESS_ID = 'studio-batch-progress';

export function BatchProgress({ status, labels, locale, timeZone, busy, onCancel, onRerun }: Props) {
  const { t } = useTranslation();
  const finished = status.done + status.failed + status.cancelled;
  const running = status.state === 'queued' || status.state === 'running';
  const retryable = status.failed + status.cancelled;
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });

  return (
    <BlockStack gap="400">
      <Card>
        <BlockStack gap="300">
          <InlineStack align="space-between" blockAlign="center" gap="200">
            <InlineStack gap="200" align="start" blockAlign="center">
              <BatchStateBadge state={status.state} />
              <Text as="p" tone="subdued">
                {t('studio.batch.startedAt', { date: when.format(new Date(status.createdAt)) })}
              </Text>
            </InlineStack>
            <InlineStack gap="200" align="start">
              {running ? (
                <Button
                  tone="critical"
                  onClick={onCancel}
                  loading={busy === 'cancel'}
                  disabled={status.cancelRequested}
                >
                  {status.cancelRequested ? t('studio.batch.cancelling') : t('studio.batch.cancel')}
                </Button>
              ) : null}
              {!running && retryable > 0 ? (
                <Button onClick={onRerun} loading={busy === 'rerun'}>
                  {t('studio.batch.rerun', { count: retryable })}
                </Button>
              ) : null}
            </InlineStack>
          </InlineStack>
          <ProgressBar
            progress={status.total ? Math.round((finished / status.total) * 100) : 0}
            tone={status.failed > 0 ? 'critical' : status.state === 'done' ? 'success' : 'primary'}
            ariaLabelledBy={PROGRESS_ID}
          />
          <Text as="p" id={PROGRESS_ID}>
            {[
              t('studio.batch.progress', { done: status.done, total: status.total }),
              status.failed > 0 ? t('studio.batch.failedCount', { count: status.failed }) : null,
              status.cancelled > 0 ? t('studio.batch.cancelledCount', { count: status.cancelled }) : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
          {!running && retryable > 0 ? (
            <Text as="p" variant="bodySm" tone="subdued">
              {t('studio.batch.rerunHelp')}
            </Text>
          ) : null}
        </BlockStack>
      </Card>
      <Card padding="0">
        <IndexTable
          resourceName={{
            singular: t('studio.batch.resourceName.singular'),
            plural: t('studio.batch.resourceName.plural'),
          }}
          itemCount={status.items.length}
          selectable={false}
          headings={[
            { title: t('studio.batch.columns.image') },
            { title: t('studio.batch.columns.product') },
            { title: t('studio.batch.columns.state') },
            { title: t('studio.batch.columns.result') },
          ]}
        >
          {status.items.map((item, index) => {
            const shown = item.state === 'done' && item.newMediaId ? item.newMediaId : item.mediaId;
            const title = labels.titles[item.productId] ?? t('studio.batch.unknownProduct');
            return (
              <IndexTable.Row id={item.id} key={item.id} position={index}>
                <IndexTable.Cell>
                  <Thumbnail
                    size="small"
                    source={labels.thumbnails[shown] ?? labels.thumbnails[item.mediaId] ?? ImageIcon}
                    alt={t('studio.batch.thumbnailAlt', { product: title })}
                  />
                </IndexTable.Cell>
                <IndexTable.Cell>
                  {item.state === 'done' && item.newMediaId ? (
                    <Link url={editorPath(item.productId, item.newMediaId)} removeUnderline>
                      {title}
                    </Link>
                  ) : (
                    <Text as="span">{title}</Text>
                  )}
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <BatchStateBadge state={item.state} />
                </IndexTable.Cell>
                <IndexTable.Cell>
                  {item.error ? (
                    <div style={{ maxWidth: 420, whiteSpace: 'normal' }}>
                      <Text as="span" tone="critical" breakWord>
                        {item.error}
                      </Text>
                    </div>
                  ) : item.state === 'done' ? (
                    <Text as="span" tone="subdued">
                      {t('studio.batch.savedAsVersion')}
                    </Text>
                  ) : null}
                </IndexTable.Cell>
              </IndexTable.Row>
            );
          })}
        </IndexTable>
      </Card>
    </BlockStack>
  );
}
