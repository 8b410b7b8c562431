/**
 * Insights, cohorts: customers grouped by the month of their first purchase,
 * with their cumulative repeat-purchase rate and revenue per customer month
 * by month since (?months=6|12|24, default 12).
 */
import { data as dataResponse, type LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData, useNavigate } from '@remix-run/react';
import { InlineStack, Select, Text } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import { CohortsTable } from '~/modules/insights/components/CohortsTable';
import { InsightsErrorBoundary } from '~/modules/insights/components/InsightsErrorBoundary';
import { InsightsPage } from '~/modules/insights/components/InsightsPage';
import { InsightsUpdatingBanner } from '~/modules/insights/components/InsightsUpdatingBanner';
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
  const format = useInsightsFormat(data.shop);
  return (
    <InsightsPage tab="cohorts" readiness={data.readiness}>
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
    </InsightsPage>
  );
}

export const ErrorBoundary = () => <InsightsErrorBoundary tab="cohorts" />;
