/**
 * Today's headline tiles: the day so far against yesterday, and the last 7
 * days against the 7 before — net sales, orders, average order value and
 * units — each with the dates it covers and a link to Insights for more.
 * The rollups are daily, so the day so far is held against the whole of
 * yesterday, and the text says so.
 */
import { BlockStack, InlineStack, Link, Text } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import type { InsightsFormatter } from '~/modules/insights/components/insights-format';
import { KpiGrid } from '~/modules/insights/components/KpiGrid';
import { KpiTile } from '~/modules/insights/components/KpiTile';
import { salesKpis } from '~/modules/insights/components/kpis';
import type { SalesSummary } from '~/modules/insights/metrics.server';

const FIGURES = ['netSales', 'orders', 'averageOrderValue', 'unitsSold'] as const;

interface Props {
  id: 'today' | 'week';
  summary: SalesSummary;
  format: InsightsFormatter;
  insightsUrl: string;
}

export function TodayKpis({ id, summary, format, insightsUrl }: Props) {
  const { t } = useTranslation();
  const headingId = `home-kpis-${id}`;
  return (
    <section aria-labelledby={headingId}>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="end" gap="200">
          <BlockStack gap="050">
            <Text as="h2" variant="headingMd" id={headingId}>
              {t(`home.kpis.${id}.title`)}
            </Text>
            <Text as="p" variant="bodySm" tone="subdued">
              {t(id === 'today' ? 'home.kpis.todayCovers' : 'home.kpis.covers', {
                period: format.period(summary.period),
                comparison: format.period(summary.previousPeriod),
              })}
            </Text>
          </BlockStack>
          <Link url={insightsUrl}>{t('home.kpis.more')}</Link>
        </InlineStack>
        <KpiGrid>
          {salesKpis(summary, format, [...FIGURES]).map((kpi) => (
            <KpiTile key={kpi.id} label={t(`insights.kpi.labels.${kpi.id}`)} kpi={kpi} />
          ))}
        </KpiGrid>
      </BlockStack>
    </section>
  );
}
