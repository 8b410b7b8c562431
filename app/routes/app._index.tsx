/**
 * Today: the home page. The day so far and the last 7 days against the
 * periods before, what stands out (the top findings, to act on or put
 * aside), the latest activity, the tickets overdue, and the shop as
 * Shopify describes it.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { isRouteErrorResponse, useLoaderData, useNavigation, useRouteError } from '@remix-run/react';
import { TitleBar } from '@shopify/app-bridge-react';
import { Banner, BlockStack, Layout, Page } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import { FindingsList } from '~/modules/insights/components/FindingsList';
import { firstSyncState, InsightsEmpty } from '~/modules/insights/components/InsightsEmpty';
import { InsightsSkeleton } from '~/modules/insights/components/InsightsSkeleton';
import { InsightsUpdatingBanner } from '~/modules/insights/components/InsightsUpdatingBanner';
import { useInsightsFormat } from '~/modules/insights/components/useInsightsFormat';
import { SyncStatusCard } from '~/components/sync/SyncStatusCard';
import { LatestActivityCard } from '~/modules/today/LatestActivityCard';
import { OverdueTicketsCard } from '~/modules/today/OverdueTicketsCard';
import { ShopProfileCard } from '~/modules/today/ShopProfileCard';
import { TodayKpis } from '~/modules/today/TodayKpis';
import { loadToday } from '~/modules/today/today.server';
import { withAdmin } from '~/platform/shopify/admin-request.server';

export const loader = ({ request }: LoaderFunctionArgs) => withAdmin(request, (admin) => loadToday(admin));

export default function Today() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const navigation = useNavigation();
  const format = useInsightsFormat(data.profile);

  if (navigation.state === 'loading' && navigation.location.pathname === '/app') {
    return <InsightsSkeleton title={t('today.title')} tiles={8} />;
  }

  const firstSync = firstSyncState(data.readiness);
  return (
    <Page>
      <TitleBar title={t('today.title')} />
      <BlockStack gap="500">
        {firstSync ? (
          <InsightsEmpty state={firstSync} />
        ) : (
          <>
            <InsightsUpdatingBanner readiness={data.readiness} />
            <TodayKpis
              id="today"
              summary={data.todaySummary}
              format={format}
              insightsUrl="/app/insights?period=today"
            />
            <TodayKpis id="week" summary={data.weekSummary} format={format} insightsUrl="/app/insights?period=last7" />
          </>
        )}
        <Layout>
          <Layout.Section>
            <BlockStack gap="400">
              <FindingsList
                title={t('home.findings.title')}
                findings={data.findings}
                thresholds={data.thresholds}
                format={format}
                empty={t('insights.findings.none')}
                compact
              />
              <LatestActivityCard entries={data.activity} format={format} />
            </BlockStack>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <BlockStack gap="400">
              <OverdueTicketsCard
                count={data.overdueTickets.count}
                tickets={data.overdueTickets.tickets}
                format={format}
              />
              <SyncStatusCard />
              <ShopProfileCard profile={data.profile} format={format} now={data.now} />
            </BlockStack>
          </Layout.Section>
        </Layout>
      </BlockStack>
    </Page>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message =
    status === 404 ? 'errors.notFound' : status === 503 ? 'errors.shopifyUnavailable' : 'errors.unexpected';
  return (
    <Page>
      <TitleBar title={t('today.title')} />
      <Banner tone="critical" title={t('errors.title')} action={{ content: t('errors.retry'), url: '/app' }}>
        <p>{t(message)}</p>
      </Banner>
    </Page>
  );
}
