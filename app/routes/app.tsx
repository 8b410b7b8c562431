/** The embedded app frame: App Bridge, Polaris, the navigation menu, Shopify's boundaries. */
import type { HeadersFunction, LoaderFunctionArgs } from '@remix-run/node';
import { Link, Outlet, useLoaderData, useRouteError } from '@remix-run/react';
import { NavMenu } from '@shopify/app-bridge-react';
import polarisStyles from '@shopify/polaris/build/esm/styles.css?url';
import { boundary } from '@shopify/shopify-app-remix/server';
import { AppProvider } from '@shopify/shopify-app-remix/react';
import { useTranslation } from 'react-i18next';
import { env } from '~/env.server';
import { POLARIS_TRANSLATIONS } from '~/i18n/polaris';
import { useLocale } from '~/root';
import { authenticate } from '~/shopify.server';

export const links = () => [{ rel: 'stylesheet', href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return { apiKey: env.SHOPIFY_API_KEY };
};

export default function App() {
  const { apiKey } = useLoaderData<typeof loader>();
  const locale = useLocale();
  const { t } = useTranslation();
  return (
    // App Bridge is loaded first in <head> by root.tsx (Built for Shopify); the
    // provider must not inject a second copy into the body.
    <AppProvider isEmbeddedApp={false} apiKey={apiKey} i18n={POLARIS_TRANSLATIONS[locale]}>
      <NavMenu>
        <Link to="/app" rel="home">
          {t('nav.today')}
        </Link>
        <Link to="/app/insights">{t('insights.nav')}</Link>
        <Link to="/app/studio">{t('studio.nav')}</Link>
        <Link to="/app/content">{t('content.nav')}</Link>
        <Link to="/app/inbox">{t('inbox.nav')}</Link>
        <Link to="/app/activity">{t('activity.nav')}</Link>
        <Link to="/app/sync">{t('sync.nav')}</Link>
        <Link to="/app/privacy">{t('privacy.nav')}</Link>
      </NavMenu>
      <Outlet />
    </AppProvider>
  );
}

// Shopify needs its own boundary to answer auth redirects and bounces correctly.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
