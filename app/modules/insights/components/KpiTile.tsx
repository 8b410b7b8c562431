/**
 * One headline figure: its name, its value, and its change against the
 * previous period as a badge (green when good news, red when bad) with the
 * previous value beside it. Screen readers hear the whole sentence ("Up
 * 12.3% from CA$1,000.00 in the previous period"), not the arrow. A tile can
 * be loading (a skeleton) or say in words why there is no number. Each tile
 * is a group named by its figure, so it can be found and read as one.
 */
import { Badge, BlockStack, Card, InlineStack, SkeletonDisplayText, Text } from '@shopify/polaris';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Kpi } from './kpis';

interface Props {
  label: string;
  kpi?: Kpi;
  /** Shown instead of a number (e.g. sessions on a plan without analytics). */
  unavailable?: string;
  loading?: boolean;
}

const ARROWS = { up: '↑', down: '↓', flat: '→' } as const;

export function KpiTile({ label, kpi, unavailable, loading }: Props) {
  const { t } = useTranslation();
  const headingId = useId();
  const change = kpi?.change;
  const spoken = change
    ? t(`insights.kpi.change.${change.direction}_${change.unit}`, {
        change: change.text.replace(/^[+\u2212-]/, ''),
        previous: kpi?.previous ?? '—',
      })
    : t('insights.kpi.noComparison');
  return (
    <div role="group" aria-labelledby={headingId} style={{ height: '100%' }}>
      <Card>
        <BlockStack gap="200">
          <Text as="h3" variant="headingSm" tone="subdued" id={headingId}>
            {label}
          </Text>
          {loading ? (
            <SkeletonDisplayText size="medium" />
          ) : unavailable ? (
            <Text as="p" variant="bodyMd">
              {unavailable}
            </Text>
          ) : (
            <>
              <Text as="p" variant="headingLg">
                {kpi?.value ?? '—'}
              </Text>
              <InlineStack gap="200" blockAlign="center">
                {change ? (
                  <Badge
                    tone={change.tone === 'good' ? 'success' : change.tone === 'bad' ? 'critical' : undefined}
                    toneAndProgressLabelOverride={spoken}
                  >
                    {`${ARROWS[change.direction]} ${change.text}${change.unit === 'points' ? ` ${t('insights.kpi.pointsShort')}` : ''}`}
                  </Badge>
                ) : (
                  <Text as="span" variant="bodySm" tone="subdued">
                    {t('insights.kpi.noComparison')}
                  </Text>
                )}
                {kpi?.previous && change ? (
                  <Text as="span" variant="bodySm" tone="subdued">
                    {t('insights.kpi.previous', { value: kpi.previous })}
                  </Text>
                ) : null}
              </InlineStack>
            </>
          )}
        </BlockStack>
      </Card>
    </div>
  );
}
