/**
 * The bulk editor's views and search (Polaris IndexFilters): all products,
 * or those missing alt text, an SEO title or a meta description, or whose
 * listing is too long, each with its count; a search of titles and handles.
 * Every change is written to the URL and starts again from the first page.
 */
import { IndexFilters, useSetIndexFiltersMode } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import { LISTING_VIEWS, type ListingView } from '../seo/listing-filters';
import { useTypedSearch } from './use-typed-search';

interface Filters {
  view: ListingView;
  search: string;
}

interface Props {
  filters: Filters;
  counts: Record<ListingView, number>;
  loading: boolean;
  onChange: (filters: Filters, options?: { typing?: boolean }) => void;
}

export function ListingFilters({ filters, counts, loading, onChange }: Props) {
  const { t } = useTranslation();
  const { mode, setMode } = useSetIndexFiltersMode();
  const search = useTypedSearch(filters.search, (text) => onChange({ ...filters, search: text }, { typing: true }));
  return (
    <IndexFilters
      tabs={LISTING_VIEWS.map((view) => ({
        id: `content-view-${view}`,
        content: t(`content.listings.views.${view}`),
        badge: String(counts[view]),
        isLocked: true,
      }))}
      selected={LISTING_VIEWS.indexOf(filters.view)}
      onSelect={(index) => {
        const view = LISTING_VIEWS[index] ?? 'all';
        if (view !== filters.view) onChange({ ...filters, view });
      }}
      canCreateNewView={false}
      queryValue={search.text}
      queryPlaceholder={t('content.listings.searchPlaceholder')}
      onQueryChange={search.change}
      onQueryClear={search.clear}
      filters={[]}
      hideFilters
      onClearAll={search.clear}
      cancelAction={{ onAction: search.clear, disabled: false, loading: false }}
      mode={mode}
      setMode={setMode}
      loading={loading}
    />
  );
}
