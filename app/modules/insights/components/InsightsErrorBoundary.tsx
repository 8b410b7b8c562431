/**
 * The Insights pages' error boundary: a period the URL cannot name (400,
 * with the problem in words and the way back to the tab's default period),
 * Shopify unavailable (503), or anything else — inline, under the title bar.
 */
import { isRouteErrorResponse, useRouteError } from '@remix-run/react';
import { TitleBar } from '@shopify/app-bridge-react';
import { Banner, Page } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import { INSIGHTS_TABS, type InsightsTab } from './InsightsTabs';

export function InsightsErrorBoundary({ tab }: { tab: InsightsTab }) {
  const error = useRouteError();
  const { t } = useTranslation();
  const back = INSIGHTS_TABS.find((candidate) => candidate.id === tab)?.path ?? '/app/insights';
  const problem =
    isRouteErrorResponse(error) && error.status === 400 ? (error.data as { problem?: string })?.problem : null;
  const message = problem
    ? t('insights.errors.badRequest', { reason: t(`insights.problems.${problem}`) })
    : isRouteErrorResponse(error) && error.status === 503
      ? t('errors.shopifyUnavailable')
      : t('insights.errors.unexpected');
  return (
    <Page>
      <TitleBar title={t('insights.title')} />
      <Banner
        tone="critical"
        title={t('insights.errors.title')}
        action={{ content: problem ? t('insights.errors.defaultPeriod') : t('errors.retry'), url: back }}
      >
        <p>{message}</p>
      </Banner>
    </Page>
  );
}
