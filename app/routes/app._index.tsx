/** Today: the home page. For now it shows the shop as Shopify describes it. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { isRouteErrorResponse, useLoaderData, useNavigation, useRouteError } from '@remix-run/react';
import { TitleBar } from '@shopify/app-bridge-react';
import {
  Banner,
  BlockStack,
  Layout,
  Page,
  SkeletonBodyText,
  SkeletonDisplayText,
  SkeletonPage,
  Card,
} from '@shopify/polaris';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { createFormatter } from '~/i18n/format';
import { ShopProfileCard } from '~/modules/today/ShopProfileCard';
import { useLocale } from '~/root';
import { withAdmin } from '~/platform/shopify/admin-request.server';
import { readShopProfile } from '~/platform/shopify/shop-profile.server';

export const loader = ({ request }: LoaderFunctionArgs) =>
  withAdmin(request, async ({ gateway }) => ({
    profile: await readShopProfile(gateway),
    now: new Date().toISOString(),
  }));

export default function Today() {
  const { profile, now } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const navigation = useNavigation();
  const format = useMemo(
    () => createFormatter({ locale, currencyCode: profile.currencyCode, timeZone: profile.timeZone }),
    [locale, profile.currencyCode, profile.timeZone],
  );

  if (navigation.state === 'loading' && navigation.location.pathname === '/app') {
    return (
      <SkeletonPage title={t('today.title')}>
        <Card>
          <BlockStack gap="400">
            <SkeletonDisplayText size="small" />
            <SkeletonBodyText lines={6} />
          </BlockStack>
        </Card>
      </SkeletonPage>
    );
  }

  return (
    <Page>
      <TitleBar title={t('today.title')} />
      <Layout>
        <Layout.Section>
          <ShopProfileCard profile={profile} format={format} now={now} />
        </Layout.Section>
      </Layout>
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
