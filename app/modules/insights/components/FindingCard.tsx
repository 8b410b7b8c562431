/**
 * One weak or strong point: what it is, the evidence behind it (values,
 * periods, threshold), links to the records behind it (the products in
 * Shopify admin, the period in Insights), and what the merchant can do with
 * it — dismiss it, snooze it for a while, or bring a hidden one back.
 */
import { ActionList, Badge, BlockStack, Box, Button, InlineStack, Link, Popover, Text } from '@shopify/polaris';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FindingView } from '../finding-view.server';
import { findingText, type FindingThresholds } from './finding-text';
import type { InsightsFormatter } from './insights-format';
import type { useFindingAction } from './useFindingAction';

const SNOOZE_DAYS = [1, 7, 30, 90] as const;

interface Props {
  finding: FindingView;
  format: InsightsFormatter;
  action: ReturnType<typeof useFindingAction>;
  thresholds: FindingThresholds;
  /** Compact: title, evidence and actions only (Today). */
  compact?: boolean;
}

export function FindingCard({ finding, format, action, thresholds, compact = false }: Props) {
  const { t } = useTranslation();
  const [snoozeOpen, setSnoozeOpen] = useState(false);
  const text = findingText(t, finding, format, thresholds);
  const busy = action.pendingId === finding.id;
  const hidden = finding.status === 'dismissed' || finding.status === 'snoozed';
  const titleId = `finding-${finding.id}`;
  return (
    <Box paddingBlock="300" paddingInline="400">
      <article aria-labelledby={titleId}>
        <BlockStack gap="200">
          <InlineStack gap="200" blockAlign="center" wrap>
            <Badge tone={finding.kind === 'weak' ? 'critical' : 'success'}>
              {t(`insights.findings.kind.${finding.kind}`)}
            </Badge>
            <Text as="h3" variant="headingSm" id={titleId}>
              {text.title}
            </Text>
          </InlineStack>
          <Text as="p">{text.evidence}</Text>
          {compact ? null : (
            <Text as="p" variant="bodySm" tone="subdued">
              {text.rule}
            </Text>
          )}
          {hidden ? (
            <Text as="p" variant="bodySm" tone="subdued">
              {finding.status === 'snoozed' && finding.snoozedUntil
                ? t('insights.findings.snoozedUntil', { date: format.date(finding.snoozedUntil) })
                : finding.dismissedAt
                  ? t('insights.findings.dismissedOn', { date: format.date(finding.dismissedAt) })
                  : null}
            </Text>
          ) : null}
          <BlockStack gap="300">
            <InlineStack gap="400" wrap>
              {finding.links.slice(0, compact ? 2 : 6).map((link) =>
                link.external ? (
                  <Link key={link.href} url={link.href} target="_top">
                    {link.type === 'product' ? t('insights.findings.openProduct', { title: link.title }) : link.title}
                  </Link>
                ) : (
                  <Link key={link.href} url={link.href}>
                    {link.type === 'period'
                      ? t('insights.findings.openPeriod', { period: format.period(finding.evidence.period) })
                      : t('insights.findings.openInsights')}
                  </Link>
                ),
              )}
              {!compact && finding.links.length > 6 ? (
                <Text as="span" tone="subdued" variant="bodySm">
                  {t('insights.findings.moreLinks', { n: finding.links.length - 6 })}
                </Text>
              ) : null}
            </InlineStack>
            <InlineStack gap="200">
              {hidden ? (
                <Button size="slim" loading={busy} onClick={() => action.submit('restore', finding.id)}>
                  {t('insights.findings.restore')}
                </Button>
              ) : (
                <>
                  <Popover
                    active={snoozeOpen}
                    onClose={() => setSnoozeOpen(false)}
                    activator={
                      <Button
                        size="slim"
                        disclosure
                        disabled={busy}
                        onClick={() => setSnoozeOpen((open) => !open)}
                        accessibilityLabel={t('insights.findings.snoozeLabel', { title: text.title })}
                      >
                        {t('insights.findings.snooze')}
                      </Button>
                    }
                  >
                    <ActionList
                      actionRole="menuitem"
                      items={SNOOZE_DAYS.map((days) => ({
                        content: t(`insights.findings.snoozeFor.${days}`),
                        onAction: () => {
                          setSnoozeOpen(false);
                          action.submit('snooze', finding.id, days);
                        },
                      }))}
                    />
                  </Popover>
                  <Button
                    size="slim"
                    loading={busy}
                    onClick={() => action.submit('dismiss', finding.id)}
                    accessibilityLabel={t('insights.findings.dismissLabel', { title: text.title })}
                  >
                    {t('insights.findings.dismiss')}
                  </Button>
                </>
              )}
            </InlineStack>
          </BlockStack>
        </BlockStack>
      </article>
    </Box>
  );
}
