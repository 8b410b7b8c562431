/** What a content page shows when its loader failed: an article that does not exist, Shopify unavailable, or anything else. */
import { isRouteErrorResponse, useRouteError } from '@remix-run/react';
import { TitleBar } from '@shopify/app-bridge-react';
import { Banner, Page } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';

export function ContentErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message =
    status === 404
      ? t('content.error.notFound')
      : status === 503
        ? t('errors.shopifyUnavailable')
        : t('content.error.unexpected');
  return (
    <Page>
      <TitleBar title={t('content.title')} />
      <Banner
        tone="critical"
        title={t('content.error.title')}
        action={{ content: t('content.error.back'), url: '/app/content' }}
      >
        <p>{message}</p>
      </Banner>
    </Page>
  );
}
