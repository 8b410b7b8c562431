/**
 * Privacy: the customer data requests and erasures Shopify sent on customers'
 * behalf, what Steward did about them, and each data request's export to
 * download and pass on to the customer (Shopify leaves that step to the
 * merchant). Newest first, 50 to a page.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import {
  isRouteErrorResponse,
  useLoaderData,
  useNavigate,
  useRevalidator,
  useRouteError,
  useSearchParams,
} from '@remix-run/react';
import { TitleBar, useAppBridge } from '@shopify/app-bridge-react';
import { Banner, BlockStack, Card, EmptyState, Page, Text } from '@shopify/polaris';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import prisma from '~/db.server';
import { createFormatter } from '~/i18n/format';
import { PRIVACY_EMPTY_IMAGE } from '~/modules/privacy/empty-illustration';
import { PrivacyRequestsTable } from '~/modules/privacy/PrivacyRequestsTable';
import {
  listPrivacyRequests,
  shopHasPrivacyRequests,
  type PrivacyRequestView,
} from '~/modules/privacy/requests.server';
import { withAdmin } from '~/platform/shopify/admin-request.server';
import { readShopProfile } from '~/platform/shopify/shop-profile.server';
import { useLocale } from '~/root';

export const loader = ({ request }: LoaderFunctionArgs) =>
  withAdmin(request, async ({ session, gateway }) => {
    const cursor = new URL(request.url).searchParams.get('after');
    const page = await listPrivacyRequests(prisma, session.shop, cursor);
    const profile = await readShopProfile(gateway);
    return {
      requests: page.requests,
      older: page.older,
      shopHasRequests: page.requests.length > 0 || (await shopHasPrivacyRequests(prisma, session.shop)),
      timeZone: profile.timeZone,
      currencyCode: profile.currencyCode,
    };
  });

/** Downloads an export through App Bridge's authenticated fetch. */
async function downloadExport(request: PrivacyRequestView): Promise<void> {
  const response = await fetch(`/app/privacy/${encodeURIComponent(request.id)}/export`);
  if (!response.ok) throw new Error(`Export answered ${response.status}`);
  const name =
    /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? 'customer-data.json';
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export default function Privacy() {
  const loaded = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const revalidator = useRevalidator();
  const [searchParams] = useSearchParams();
  const shopify = useAppBridge();
  const [downloading, setDownloading] = useState<string | null>(null);
  const format = useMemo(
    () => createFormatter({ locale, currencyCode: loaded.currencyCode, timeZone: loaded.timeZone }),
    [locale, loaded.currencyCode, loaded.timeZone],
  );

  const download = (request: PrivacyRequestView) => {
    setDownloading(request.id);
    downloadExport(request)
      .then(
        () => {
          shopify.toast.show(t('privacy.export.done'));
          revalidator.revalidate();
        },
        () => shopify.toast.show(t('privacy.export.failed'), { isError: true }),
      )
      .finally(() => setDownloading(null));
  };

  return (
    <Page>
      <TitleBar title={t('privacy.title')} />
      <BlockStack gap="400">
        <Text as="p" tone="subdued">
          {t('privacy.intro')}
        </Text>
        {loaded.shopHasRequests ? (
          <Card padding="0">
            <PrivacyRequestsTable
              requests={loaded.requests}
              format={format}
              downloading={downloading}
              onDownload={download}
              pagination={{
                hasNext: loaded.older !== null,
                onNext: () => loaded.older && navigate(`?after=${encodeURIComponent(loaded.older)}`),
                hasPrevious: searchParams.has('after'),
                onPrevious: () => navigate('.'),
              }}
            />
          </Card>
        ) : (
          <Card>
            <EmptyState heading={t('privacy.empty.heading')} image={PRIVACY_EMPTY_IMAGE}>
              <p>{t('privacy.empty.body')}</p>
            </EmptyState>
          </Card>
        )}
      </BlockStack>
    </Page>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const message =
    isRouteErrorResponse(error) && error.status === 400
      ? t('privacy.error.badPage')
      : isRouteErrorResponse(error) && error.status === 503
        ? t('errors.shopifyUnavailable')
        : t('errors.unexpected');
  return (
    <Page>
      <TitleBar title={t('privacy.title')} />
      <Banner tone="critical" title={t('errors.title')} action={{ content: t('errors.retry'), url: '/app/privacy' }}>
        <p>{message}</p>
      </Banner>
    </Page>
  );
}
