/**
 * Studio: the product images of the shop (thumbnails, alt text, size,
 * aspect, background), filtered and paged through the URL; open one in the
 * editor, or select several and apply a saved recipe as a batch. The latest
 * batches and their progress are listed below.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import {
  isRouteErrorResponse,
  useFetcher,
  useLoaderData,
  useLocation,
  useNavigate,
  useNavigation,
  useRouteError,
} from '@remix-run/react';
import { TitleBar } from '@shopify/app-bridge-react';
import {
  Banner,
  BlockStack,
  Card,
  EmptySearchResult,
  EmptyState,
  Layout,
  Page,
  SkeletonBodyText,
  SkeletonDisplayText,
  SkeletonPage,
  Text,
} from '@shopify/polaris';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApplyRecipeModal } from '~/modules/studio/components/ApplyRecipeModal';
import { browserSearch, STUDIO_PATH, type BrowserFilters } from '~/modules/studio/components/browser-url';
import { EMPTY_STUDIO_IMAGE } from '~/modules/studio/components/empty-illustration';
import { MediaFilters } from '~/modules/studio/components/MediaFilters';
import { MediaTable } from '~/modules/studio/components/MediaTable';
import { RecentBatches } from '~/modules/studio/components/RecentBatches';
import { applyRecipe, browserView } from '~/modules/studio/browser-view.server';
import { studioContext } from '~/modules/studio/http.server';
import { withAdmin } from '~/platform/shopify/admin-request.server';
import { useLocale } from '~/root';

export const loader = ({ request }: LoaderFunctionArgs) =>
  withAdmin(request, ({ session, gateway }) => browserView(gateway, session.shop, new URL(request.url)));

export const action = ({ request }: ActionFunctionArgs) =>
  withAdmin(request, async (admin) => applyRecipe(studioContext(admin), await request.formData()));

type Refs = { productId: string; mediaId: string }[];

/** The filter part of a URL's query, to tell a filter change from a page change. */
const filterKey = (search: string) => {
  const params = new URLSearchParams(search);
  params.delete('cursor');
  params.delete('trail');
  params.sort();
  return params.toString();
};

function StudioSkeleton({ title }: { title: string }) {
  return (
    <SkeletonPage title={title}>
      <Card>
        <BlockStack gap="400">
          <SkeletonDisplayText size="small" />
          <SkeletonBodyText lines={10} />
        </BlockStack>
      </Card>
    </SkeletonPage>
  );
}

export default function StudioBrowser() {
  const loaded = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const location = useLocation();
  const applier = useFetcher<typeof action>();
  const [applying, setApplying] = useState<Refs | null>(null);

  const pending = navigation.state === 'loading' ? navigation.location : null;
  // Opening an image or a batch: its page is on its way.
  if (pending && pending.pathname.startsWith(`${STUDIO_PATH}/`)) return <StudioSkeleton title={t('studio.title')} />;
  const reloading = pending?.pathname === STUDIO_PATH ? pending : null;
  const paging = reloading !== null && filterKey(reloading.search) === filterKey(location.search);

  const applyFilters = (filters: BrowserFilters, options: { typing?: boolean } = {}) =>
    navigate(`${STUDIO_PATH}${browserSearch(filters)}`, { replace: options.typing, preventScrollReset: true });

  const failure =
    applier.data && 'ok' in applier.data && !applier.data.ok ? t(`studio.errors.${applier.data.code}`) : null;

  return (
    <Page>
      <TitleBar title={t('studio.title')} />
      {loaded.empty ? (
        <Card>
          <EmptyState heading={t('studio.browser.empty.heading')} image={EMPTY_STUDIO_IMAGE}>
            <p>{t('studio.browser.empty.body')}</p>
          </EmptyState>
        </Card>
      ) : (
        <Layout>
          <Layout.Section>
            <BlockStack gap="400">
              <Text as="p" tone="subdued">
                {t('studio.browser.description')}
              </Text>
              {loaded.analysing > 0 ? (
                <Banner tone="info">
                  <p>{t('studio.browser.analysingNote', { count: loaded.analysing })}</p>
                </Banner>
              ) : null}
              <Card padding="0">
                <MediaFilters
                  filters={loaded.filters}
                  loading={reloading !== null && !paging}
                  onChange={applyFilters}
                />
                <MediaTable
                  items={loaded.items}
                  locale={locale}
                  paging={paging}
                  loading={reloading !== null && !paging}
                  analysing={loaded.analysing > 0}
                  previousUrl={loaded.previousUrl}
                  nextUrl={loaded.nextUrl}
                  onApplyRecipe={setApplying}
                  emptyState={
                    <EmptySearchResult
                      title={t('studio.browser.noResults.heading')}
                      description={t(
                        loaded.nextUrl ? 'studio.browser.noResults.bodyMore' : 'studio.browser.noResults.body',
                      )}
                      withIllustration
                    />
                  }
                />
              </Card>
            </BlockStack>
          </Layout.Section>
          {loaded.batches.length > 0 ? (
            <Layout.Section>
              <RecentBatches batches={loaded.batches} locale={locale} timeZone={loaded.timeZone} />
            </Layout.Section>
          ) : null}
        </Layout>
      )}
      <ApplyRecipeModal
        open={applying !== null}
        count={applying?.length ?? 0}
        recipes={loaded.recipes}
        starting={applier.state !== 'idle'}
        error={failure}
        onClose={() => setApplying(null)}
        onStart={(recipeId) =>
          applier.submit({ intent: 'applyRecipe', recipeId, refs: JSON.stringify(applying ?? []) }, { method: 'post' })
        }
      />
    </Page>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const message =
    isRouteErrorResponse(error) && error.status === 400
      ? t('studio.errors.badFilter')
      : isRouteErrorResponse(error) && error.status === 503
        ? t('errors.shopifyUnavailable')
        : t('studio.errors.unexpected');
  return (
    <Page>
      <TitleBar title={t('studio.title')} />
      <Banner
        tone="critical"
        title={t('studio.errors.title')}
        action={{ content: t('studio.errors.back'), url: STUDIO_PATH }}
      >
        <p>{message}</p>
      </Banner>
    </Page>
  );
}
