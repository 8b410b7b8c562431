/**
 * The articles list's views and filters (Polaris IndexFilters): all,
 * published or draft (hidden) articles, one blog, and a search. Every change
 * is written to the URL and starts again from the first page.
 */
import { ChoiceList, IndexFilters, useSetIndexFiltersMode } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import { ARTICLE_STATUSES, type ArticleStatus } from '../articles/article-filters';
import type { BlogOption } from '../articles/types';
import { useTypedSearch } from './use-typed-search';

interface Filters {
  blog: string | null;
  status: ArticleStatus;
  search: string;
}

interface Props {
  filters: Filters;
  blogs: BlogOption[];
  loading: boolean;
  onChange: (filters: Filters, options?: { typing?: boolean }) => void;
}

export function ArticleFilters({ filters, blogs, loading, onChange }: Props) {
  const { t } = useTranslation();
  const { mode, setMode } = useSetIndexFiltersMode();
  const search = useTypedSearch(filters.search, (text) => onChange({ ...filters, search: text }, { typing: true }));
  const blog = blogs.find((candidate) => candidate.id === filters.blog);
  const clearAll = () => onChange({ ...filters, blog: null, search: '' });
  return (
    <IndexFilters
      tabs={ARTICLE_STATUSES.map((status) => ({
        id: `content-articles-${status}`,
        content: t(`content.articles.views.${status}`),
        isLocked: true,
      }))}
      selected={ARTICLE_STATUSES.indexOf(filters.status)}
      onSelect={(index) => {
        const status = ARTICLE_STATUSES[index] ?? 'all';
        if (status !== filters.status) onChange({ ...filters, status });
      }}
      canCreateNewView={false}
      queryValue={search.text}
      queryPlaceholder={t('content.articles.searchPlaceholder')}
      onQueryChange={search.change}
      onQueryClear={search.clear}
      filters={[
        {
          key: 'blog',
          label: t('content.articles.filters.blog'),
          pinned: true,
          filter: (
            <ChoiceList
              title={t('content.articles.filters.blog')}
              titleHidden
              choices={blogs.map((option) => ({ label: option.title, value: option.id }))}
              selected={filters.blog ? [filters.blog] : []}
              onChange={([value]) => onChange({ ...filters, blog: value ?? null })}
            />
          ),
        },
      ]}
      appliedFilters={
        blog
          ? [
              {
                key: 'blog',
                label: t('content.articles.filters.blogApplied', { blog: blog.title }),
                onRemove: () => onChange({ ...filters, blog: null }),
              },
            ]
          : []
      }
      onClearAll={clearAll}
      cancelAction={{ onAction: clearAll, disabled: false, loading: false }}
      mode={mode}
      setMode={setMode}
      loading={loading}
    />
  );
}
