/**
 * The Insights pages' error boundary content: a period the URL cannot name
 * (400, with the problem in words and the way back to the default period),
 * Shopify unavailable (503), or anything else — inline, under the title bar.
 */
import { isRouteErrorResponse } from '@remix-run/react';
import { TitleBar } from '@shopify/app-bridge-react';
import { Banner, Page } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';

export function InsightsErrorBanner({ error, title, back }: { error: unknown; title: string; back: string }) {
  const { t } = useTranslation();
  const problem =
    isRouteErrorResponse(error) && error.status === 400 ? (error.data as { problem?: string })?.problem : null;
  const message = problem
    ? t('insights.errors.badRequest', { reason: t(`insights.problems.${problem}`) })
    : isRouteErrorResponse(error) && error.status === 503
      ? t('errors.shopifyUnavailable')
      : t('insights.errors.unexpected');
  return (
    <Page>
      <TitleBar title={title} />
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
