/**
 * Insights, overview: the period's headline figures against the previous
 * period (sessions and conversion streamed in from ShopifyQL), net sales over
 * time, sales by channel, and the top findings. The period is in the URL.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { InlineGrid } from '@shopify/polaris';
import vizStyles from '@shopify/polaris-viz/build/esm/styles.css?url';
import { useTranslation } from 'react-i18next';
import { ChannelChart } from '~/modules/insights/components/ChannelChart';
import { FindingsList } from '~/modules/insights/components/FindingsList';
import { InsightsEmpty } from '~/modules/insights/components/InsightsEmpty';
import { InsightsErrorBoundary } from '~/modules/insights/components/InsightsErrorBoundary';
import { InsightsPage } from '~/modules/insights/components/InsightsPage';
import { InsightsUpdatingBanner } from '~/modules/insights/components/InsightsUpdatingBanner';
import { KpiGrid } from '~/modules/insights/components/KpiGrid';
import { KpiTile } from '~/modules/insights/components/KpiTile';
import { salesKpis } from '~/modules/insights/components/kpis';
import { PeriodPicker } from '~/modules/insights/components/PeriodPicker';
import { SalesChart } from '~/modules/insights/components/SalesChart';
import { SessionTiles } from '~/modules/insights/components/SessionTiles';
import { useInsightsFormat } from '~/modules/insights/components/useInsightsFormat';
import { periodOfRequest, withInsights } from '~/modules/insights/insights-context.server';
import { loadOverview } from '~/modules/insights/pages.server';

export const links = () => [{ rel: 'stylesheet', href: vizStyles }];

export const loader = ({ request }: LoaderFunctionArgs) =>
  withInsights(request, (context) => loadOverview(context, periodOfRequest(request, context.today)));

export default function InsightsOverview() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const format = useInsightsFormat(data.shop);
  return (
    <InsightsPage tab="overview" readiness={data.readiness} tiles={11}>
      <InsightsUpdatingBanner readiness={data.readiness} />
      <PeriodPicker choice={data.choice} today={data.shop.today} format={format} />
      <KpiGrid>
        {salesKpis(data.summary, format).map((kpi) => (
          <KpiTile key={kpi.id} label={t(`insights.kpi.labels.${kpi.id}`)} kpi={kpi} />
        ))}
        <SessionTiles sessions={data.sessions} format={format} />
      </KpiGrid>
      {data.summary.current.orders === 0 ? (
        <InsightsEmpty state="noOrdersInPeriod" />
      ) : (
        <>
          <SalesChart series={data.series} choice={data.choice} format={format} />
          <InlineGrid columns={{ xs: 1, lg: 2 }} gap="400" alignItems="start">
            <ChannelChart channels={data.channels} format={format} />
            <FindingsList
              title={t('insights.findings.topTitle')}
              findings={data.findings}
              thresholds={data.thresholds}
              format={format}
              empty={t('insights.findings.none')}
              compact
            />
          </InlineGrid>
        </>
      )}
    </InsightsPage>
  );
}

export const ErrorBoundary = () => <InsightsErrorBoundary tab="overview" />;
