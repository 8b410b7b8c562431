import type { LoaderFunctionArgs } from '@remix-run/node';
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react';
import { useEffect, useMemo } from 'react';
import { I18nextProvider } from 'react-i18next';
import { env } from './env.server';
import { createI18n, DEFAULT_LOCALE, resolveLocale, type Locale } from './i18n/i18n';

/** Shopify's App Bridge script; it must come first in the <head> of every embedded page. */
export const APP_BRIDGE_URL = 'https://cdn.shopify.com/shopifycloud/app-bridge.js';

/** The devstore's stand-in replaces it only when DEVSTORE_URL is set (never in production). */
function appBridgeUrl(): string {
  return env.DEVSTORE_URL ? `${env.DEVSTORE_URL.replace(/\/$/, '')}/app-bridge.js` : APP_BRIDGE_URL;
}

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const embedded = /^\/app(\/|$)/.test(new URL(request.url).pathname);
  // The client id is public: App Bridge reads it from this meta tag.
  return {
    locale: resolveLocale(request),
    appBridge: embedded ? { apiKey: env.SHOPIFY_API_KEY, src: appBridgeUrl() } : null,
  };
};

// The locale comes with the document load from Shopify admin; keep it across navigations.
export const shouldRevalidate = () => false;

export function useLocale(): Locale {
  return useRouteLoaderData<typeof loader>('root')?.locale ?? DEFAULT_LOCALE;
}

export function Layout({ children }: { children: React.ReactNode }) {
  const locale = useLocale();
  const appBridge = useRouteLoaderData<typeof loader>('root')?.appBridge;
  const i18n = useMemo(() => createI18n(locale), [locale]);
  return (
    <html lang={locale}>
      <head>
        {appBridge ? (
          <>
            <meta name="shopify-api-key" content={appBridge.apiKey} />
            <script src={appBridge.src} />
          </>
        ) : null}
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <link rel="preconnect" href="https://cdn.shopify.com/" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nextProvider i18n={i18n}>{children}</I18nextProvider>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function Root() {
  // Marks the document once React has hydrated it; browser tests wait for it before they type or click.
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true';
  }, []);
  return <Outlet />;
}

/** Last resort, outside Polaris: areas and the app frame have their own boundaries. */
export function ErrorBoundary() {
  const error = useRouteError();
  const i18n = createI18n(DEFAULT_LOCALE);
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: '2rem' }}>
      <h1>{i18n.t('errors.title')}</h1>
      <p>{notFound ? i18n.t('errors.notFound') : i18n.t('errors.unexpected')}</p>
    </main>
  );
}
