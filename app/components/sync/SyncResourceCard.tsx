/** One resource on the Sync page: its run's phase, progress, last finish, mirror count and error. */
import { Badge, BlockStack, Card, InlineStack, ProgressBar, Spinner, Text } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import type { ResourceStatus } from '~/platform/sync/status.server';
import { isRunning, phaseTone, progressPercent, relativeTime } from './sync-view';

interface Props {
  status: ResourceStatus;
  locale: string;
  now: string;
}

export function SyncResourceCard({ status, locale, now }: Props) {
  const { t } = useTranslation();
  const number = new Intl.NumberFormat(locale);
  const run = status.latest;
  const phase = run?.phase ?? 'never';
  const percent = run ? progressPercent(run) : null;
  const name = t(`sync.resources.${status.resource}`);
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <Text as="h2" variant="headingMd">
            {name}
          </Text>
          <InlineStack gap="200" blockAlign="center">
            {run && isRunning(phase) ? (
              <Text as="span" tone="subdued" variant="bodySm">
                {t(run.mode === 'full' ? 'sync.mode.full' : 'sync.mode.catchup')}
              </Text>
            ) : null}
            <Badge tone={phaseTone(phase)}>{t(`sync.phase.${phase}`)}</Badge>
          </InlineStack>
        </InlineStack>
        {run && isRunning(phase) ? (
          <BlockStack gap="100">
            {percent === null ? (
              <InlineStack gap="200" blockAlign="center">
                <Spinner size="small" accessibilityLabel={t(`sync.phase.${phase}`)} />
                <Text as="span" tone="subdued">
                  {run.objectsDone > 0
                    ? t('sync.progressSoFar', { done: number.format(run.objectsDone) })
                    : t(`sync.phaseDetail.${phase}`)}
                </Text>
              </InlineStack>
            ) : (
              <>
                <ProgressBar
                  progress={percent}
                  size="small"
                  tone="primary"
                  ariaLabelledBy={`sync-${status.resource}`}
                />
                <Text as="p" tone="subdued" id={`sync-${status.resource}`}>
                  {phase === 'refunds'
                    ? t('sync.phaseDetail.refunds')
                    : t('sync.progress', {
                        done: number.format(run.objectsDone),
                        total: number.format(run.objectsTotal ?? 0),
                        percent,
                      })}
                </Text>
              </>
            )}
          </BlockStack>
        ) : null}
        <InlineStack gap="400">
          <Text as="p">{t('sync.inMirror', { count: number.format(status.inMirror) })}</Text>
          <Text as="p" tone="subdued">
            {status.lastFinishedAt
              ? t('sync.lastFinished', { when: relativeTime(locale, status.lastFinishedAt, now) })
              : t('sync.neverFinished')}
          </Text>
        </InlineStack>
        {run?.error ? (
          <Text as="p" tone="critical">
            {t('sync.failedWith', {
              when: relativeTime(locale, run.finishedAt ?? run.startedAt, now),
              error: run.error,
            })}
          </Text>
        ) : null}
      </BlockStack>
    </Card>
  );
}
