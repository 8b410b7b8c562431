/**
 * Activity: everything that happened in the store and in Steward, newest
 * first — searchable, filterable, exportable, uncapped (Shopify's own log
 * shows at most 250 entries and cannot be exported). All state is in the URL.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { isRouteErrorResponse, useLoaderData, useNavigate, useNavigation, useRouteError } from '@remix-run/react';
import { TitleBar, useAppBridge } from '@shopify/app-bridge-react';
import { Banner, Card, EmptySearchResult, EmptyState, Page } from '@shopify/polaris';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import prisma from '~/db.server';
import { env } from '~/env.server';
import { createFormatter } from '~/i18n/format';
import { ActivityFilters } from '~/modules/activity/ActivityFilters';
import { ActivityTable } from '~/modules/activity/ActivityTable';
import { EMPTY_ACTIVITY_IMAGE } from '~/modules/activity/empty-illustration';
import { adminBaseUrl } from '~/platform/shopify/admin-links';
import {
  activitySearchParams,
  parseActivityFilters,
  type ActivityFilters as Filters,
} from '~/modules/activity/filters';
import { withMirrorTitles } from '~/modules/activity/mirror-titles.server';
import { readActivityPage, shopHasActivity } from '~/modules/activity/query.server';
import { readActivityQuery } from '~/modules/activity/read-query.server';
import { dayOf } from '~/modules/activity/shop-dates';
import { activityView } from '~/modules/activity/view.server';
import { withAdmin } from '~/platform/shopify/admin-request.server';
import { readShopProfile } from '~/platform/shopify/shop-profile.server';
import { useLocale } from '~/root';

const PATH = '/app/activity';

export const loader = ({ request }: LoaderFunctionArgs) =>
  withAdmin(request, async ({ session, gateway }) => {
    const query = readActivityQuery(new URL(request.url));
    const profile = await readShopProfile(gateway);
    const page = await readActivityPage(prisma, session.shop, query, profile.timeZone);
    const rows = await withMirrorTitles(prisma, session.shop, page.rows);
    const adminBase = adminBaseUrl(session.shop, env.DEVSTORE_URL);
    return {
      entries: rows.map((row) => activityView(adminBase, row)),
      filters: query.filters,
      newerUrl: page.newer ? `${PATH}?${activitySearchParams(query.filters, { before: page.newer })}` : null,
      olderUrl: page.older ? `${PATH}?${activitySearchParams(query.filters, { after: page.older })}` : null,
      shopHasEntries: page.rows.length > 0 || (await shopHasActivity(prisma, session.shop)),
      timeZone: profile.timeZone,
      currencyCode: profile.currencyCode,
      today: dayOf(new Date(), profile.timeZone),
    };
  });

/** The filters part of a URL's query, to tell a filter change from a page change. */
function filterKey(search: string): string | null {
  try {
    return activitySearchParams(parseActivityFilters(new URLSearchParams(search))).toString();
  } catch {
    return null;
  }
}

/** Downloads the filtered log as CSV through App Bridge's authenticated fetch. */
async function downloadCsv(filters: Filters, locale: string): Promise<void> {
  const params = activitySearchParams(filters);
  params.set('locale', locale);
  const response = await fetch(`/app/activity/export?${params}`);
  if (!response.ok) throw new Error(`Export answered ${response.status}`);
  const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? 'activity.csv';
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export default function Activity() {
  const loaded = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const shopify = useAppBridge();
  const format = useMemo(
    () => createFormatter({ locale, currencyCode: loaded.currencyCode, timeZone: loaded.timeZone }),
    [locale, loaded.currencyCode, loaded.timeZone],
  );

  const pending = navigation.state === 'loading' && navigation.location.pathname === PATH ? navigation.location : null;
  const paging = pending !== null && filterKey(pending.search) === activitySearchParams(loaded.filters).toString();

  const applyFilters = (filters: Filters, options: { typing?: boolean } = {}) => {
    const params = activitySearchParams(filters).toString();
    navigate(
      { pathname: PATH, search: params ? `?${params}` : '' },
      { replace: options.typing, preventScrollReset: true },
    );
  };

  const exportCsv = () => {
    shopify.toast.show(t('activity.exportStarted'));
    downloadCsv(loaded.filters, locale).then(
      () => shopify.toast.show(t('activity.exportDone')),
      () => shopify.toast.show(t('activity.exportFailed'), { isError: true }),
    );
  };

  return (
    <Page>
      <TitleBar title={t('activity.title')}>
        <button onClick={exportCsv} disabled={!loaded.shopHasEntries}>
          {t('activity.exportCsv')}
        </button>
      </TitleBar>
      {loaded.shopHasEntries ? (
        <Card padding="0">
          <ActivityFilters
            filters={loaded.filters}
            today={loaded.today}
            timeZone={loaded.timeZone}
            loading={pending !== null && !paging}
            onChange={applyFilters}
          />
          <ActivityTable
            entries={loaded.entries}
            format={format}
            paging={paging}
            loading={pending !== null && !paging}
            newerUrl={loaded.newerUrl}
            olderUrl={loaded.olderUrl}
            emptyState={
              <EmptySearchResult
                title={t('activity.noResults.heading')}
                description={t('activity.noResults.body')}
                withIllustration
              />
            }
          />
        </Card>
      ) : (
        <Card>
          <EmptyState heading={t('activity.empty.heading')} image={EMPTY_ACTIVITY_IMAGE}>
            <p>{t('activity.empty.body')}</p>
          </EmptyState>
        </Card>
      )}
    </Page>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const message =
    isRouteErrorResponse(error) && error.status === 400
      ? t('activity.error.badFilter', {
          reason: t(`activity.error.problems.${(error.data as { problem?: string })?.problem ?? 'choice'}`),
        })
      : isRouteErrorResponse(error) && error.status === 503
        ? t('errors.shopifyUnavailable')
        : t('activity.error.unexpected');
  return (
    <Page>
      <TitleBar title={t('activity.title')} />
      <Banner
        tone="critical"
        title={t('activity.error.title')}
        action={{ content: t('activity.error.clear'), url: PATH }}
      >
        <p>{message}</p>
      </Banner>
    </Page>
  );
}
