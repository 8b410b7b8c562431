/**
 * Content › Blog articles: every article of the shop's blogs, newest change
 * first, filtered by blog, published or draft, and a search (all in the
 * URL), paged with Shopify's cursors; "Write an article" opens the editor.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData, useNavigate, useNavigation } from '@remix-run/react';
import { TitleBar } from '@shopify/app-bridge-react';
import { BlockStack, Card, EmptySearchResult, EmptyState, Page } from '@shopify/polaris';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ArticleFilters } from '~/modules/content/components/ArticleFilters';
import { ArticlesTable } from '~/modules/content/components/ArticlesTable';
import { ContentErrorBoundary } from '~/modules/content/components/ContentErrorBoundary';
import { ContentTabs } from '~/modules/content/components/ContentTabs';
import { EMPTY_CONTENT_IMAGE } from '~/modules/content/components/empty-illustration';
import { ARTICLES_PATH, articleSearchParams } from '~/modules/content/articles/article-filters';
import { loadArticleList } from '~/modules/content/articles/article-pages.server';
import { withAdmin } from '~/platform/shopify/admin-request.server';
import { useLocale } from '~/root';

export const loader = ({ request }: LoaderFunctionArgs) =>
  withAdmin(request, (admin) => loadArticleList(request, admin));

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

export default function ContentArticles() {
  const loaded = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const formatDate = useMemo(() => {
    const format = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: loaded.timeZone,
    });
    return (iso: string) => format.format(new Date(iso));
  }, [locale, loaded.timeZone]);

  const loading = navigation.state === 'loading' && navigation.location.pathname === ARTICLES_PATH;
  const applyFilters = (filters: Loaded['filters'], options: { typing?: boolean } = {}) => {
    const params = articleSearchParams(filters).toString();
    navigate(
      { pathname: ARTICLES_PATH, search: params ? `?${params}` : '' },
      { replace: options.typing, preventScrollReset: true },
    );
  };
  const filtered = loaded.filters.blog !== null || loaded.filters.status !== 'all' || loaded.filters.search !== '';
  const write = () => navigate(`${ARTICLES_PATH}/new`);

  return (
    <Page fullWidth>
      <TitleBar title={t('content.articles.title')}>
        {/* `variant` is App Bridge's attribute on the title bar's buttons, not React's. */}
        {/* eslint-disable-next-line react/no-unknown-property */}
        <button variant="primary" onClick={write}>
          {t('content.articles.write')}
        </button>
      </TitleBar>
      <BlockStack gap="400">
        <ContentTabs selected="articles" />
        {loaded.rows.length === 0 && !filtered && !loading ? (
          <Card>
            <EmptyState
              heading={t('content.articles.empty.heading')}
              image={EMPTY_CONTENT_IMAGE}
              action={{ content: t('content.articles.write'), onAction: write }}
            >
              <p>{t('content.articles.empty.body')}</p>
            </EmptyState>
          </Card>
        ) : (
          <Card padding="0">
            <ArticleFilters filters={loaded.filters} blogs={loaded.blogs} loading={loading} onChange={applyFilters} />
            <ArticlesTable
              rows={loaded.rows}
              loading={loading}
              previousUrl={loaded.previousUrl}
              nextUrl={loaded.nextUrl}
              formatDate={formatDate}
              emptyState={
                <EmptySearchResult
                  title={t('content.articles.noResults.heading')}
                  description={t('content.articles.noResults.body')}
                  withIllustration
                />
              }
            />
          </Card>
        )}
      </BlockStack>
    </Page>
  );
}

export const ErrorBoundary = ContentErrorBoundary;
