/** What an inbox page shows when its loader failed: a bad filter, a ticket that does not exist, Shopify unavailable, or anything else. */
import { isRouteErrorResponse, useRouteError } from '@remix-run/react';
import { TitleBar } from '@shopify/app-bridge-react';
import { Banner, Page } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';

export function InboxErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message =
    status === 400
      ? t('inbox.error.badFilter', { param: (error as { data?: { param?: string } }).data?.param ?? '' })
      : status === 404
        ? t('inbox.error.notFound')
        : status === 503
          ? t('errors.shopifyUnavailable')
          : t('inbox.error.unexpected');
  return (
    <Page>
      <TitleBar title={t('inbox.title')} />
      <Banner
        tone="critical"
        title={t('inbox.error.title')}
        action={{ content: t('inbox.error.back'), url: '/app/inbox' }}
      >
        <p>{message}</p>
      </Banner>
    </Page>
  );
}
