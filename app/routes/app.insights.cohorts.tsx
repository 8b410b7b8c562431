/**
 * Insights, cohorts: customers grouped by the month of their first purchase,
 * with their cumulative repeat-purchase rate and revenue per customer month
 * by month since (?months=6|12|24, default 12).
 */
import { data as dataResponse, type LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData, useNavigate, useNavigation, useRouteError } from '@remix-run/react';
import { TitleBar } from '@shopify/app-bridge-react';
import { BlockStack, InlineStack, Page, Select, Text } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import { CohortsTable } from '~/modules/insights/components/CohortsTable';
import { firstSyncState, InsightsEmpty } from '~/modules/insights/components/InsightsEmpty';
import { InsightsErrorBanner } from '~/modules/insights/components/InsightsErrorBanner';
import { InsightsSkeleton } from '~/modules/insights/components/InsightsSkeleton';
import { InsightsUpdatingBanner } from '~/modules/insights/components/InsightsUpdatingBanner';
import { InsightsTabs } from '~/modules/insights/components/InsightsTabs';
import { useInsightsFormat } from '~/modules/insights/components/useInsightsFormat';
import { withInsights } from '~/modules/insights/insights-context.server';
import { COHORT_MONTHS, loadCohorts } from '~/modules/insights/pages.server';

export const loader = ({ request }: LoaderFunctionArgs) =>
  withInsights(request, (context) => {
    const text = new URL(request.url).searchParams.get('months') ?? '12';
    const months = Number(text);
    if (!(COHORT_MONTHS as readonly number[]).includes(months))
      throw dataResponse({ problem: 'months' }, { status: 400 });
    return loadCohorts(context, months);
  });

export default function InsightsCohorts() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const format = useInsightsFormat(data.shop);
  const title = t('insights.title');

  if (navigation.state === 'loading' && navigation.location.pathname.startsWith('/app/insights'))
    return <InsightsSkeleton title={title} tiles={0} />;

  const firstSync = firstSyncState(data.readiness);
  return (
    <Page>
      <TitleBar title={title} />
      <BlockStack gap="400">
        <InsightsTabs selected="cohorts" />
        {firstSync ? (
          <InsightsEmpty state={firstSync} />
        ) : (
          <>
            <InsightsUpdatingBanner readiness={data.readiness} />
            <InlineStack align="space-between" blockAlign="end" gap="300">
              <Text as="p" tone="subdued">
                {t('insights.cohorts.description')}
              </Text>
              <Select
                label={t('insights.cohorts.monthsLabel')}
                labelInline
                options={[6, 12, 24].map((months) => ({
                  label: t('insights.cohorts.monthsOption', { months }),
                  value: String(months),
                }))}
                value={String(data.months)}
                onChange={(value) => navigate(`?months=${value}`, { preventScrollReset: true })}
              />
            </InlineStack>
            <CohortsTable cohorts={data.cohorts} format={format} />
          </>
        )}
      </BlockStack>
    </Page>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation();
  return <InsightsErrorBanner error={useRouteError()} title={t('insights.title')} back="/app/insights/cohorts" />;
}
