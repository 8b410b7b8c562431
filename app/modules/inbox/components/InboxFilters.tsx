/**
 * The inbox list's tabs (saved views by status), search and filters
 * (Polaris IndexFilters): status, priority, assignee, tag, overdue. Every
 * change is written to the URL (the loader reads it from there) and starts
 * again from the first page; the search waits for a pause in typing.
 */
import {
  Checkbox,
  ChoiceList,
  IndexFilters,
  IndexFiltersMode,
  useSetIndexFiltersMode,
  type IndexFiltersProps,
} from '@shopify/polaris';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRIORITIES, TICKET_STATUSES } from '../vocabulary';
import { NO_FILTERS, TABS, tabOf, type InboxFilters as Filters } from './filters';
import type { StaffView } from './types';

interface Props {
  filters: Filters;
  counts: Partial<Record<(typeof TABS)[number], number>>;
  staff: StaffView[];
  tags: string[];
  loading: boolean;
  onChange: (filters: Filters, options?: { typing?: boolean }) => void;
}

const TYPING_PAUSE_MS = 350;
const UNASSIGNED = 'none';

/** The search text: follows the URL, and is written back after a pause in typing. */
function useTypedSearch(value: string, apply: (text: string) => void) {
  const [text, setText] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => setText((current) => (current.trim() === value ? current : value)), [value]);
  useEffect(() => () => clearTimeout(timer.current), []);
  return {
    text,
    change(next: string) {
      setText(next);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => apply(next.trim()), TYPING_PAUSE_MS);
    },
    clear() {
      clearTimeout(timer.current);
      setText('');
      apply('');
    },
  };
}

export function InboxFilters({ filters, counts, staff, tags, loading, onChange }: Props) {
  const { t } = useTranslation();
  const update = (changes: Partial<Filters>, options?: { typing?: boolean }) =>
    onChange({ ...filters, ...changes, cursor: null }, options);
  const search = useTypedSearch(filters.q, (q) => update({ q }, { typing: true }));
  const filtered = Boolean(
    filters.q || filters.priority || filters.assignee || filters.tag || filters.overdue || filters.status === 'closed',
  );
  const { mode, setMode } = useSetIndexFiltersMode(filtered ? IndexFiltersMode.Filtering : IndexFiltersMode.Default);
  // Filters newly applied (also by a link, such as Today's or the overdue count) come into sight.
  const appliedKey = filtered
    ? [filters.q, filters.priority, filters.assignee, filters.tag, filters.overdue, filters.status].join('\u0000')
    : '';
  useEffect(() => {
    if (appliedKey) setMode(IndexFiltersMode.Filtering);
  }, [appliedKey, setMode]);

  const assigneeName = (id: string) =>
    id === UNASSIGNED ? t('inbox.unassigned') : (staff.find((member) => member.id === id)?.name ?? id);
  const assignees = [
    { value: UNASSIGNED, label: t('inbox.unassigned') },
    ...staff.map((member) => ({ value: member.id, label: member.name })),
    ...(filters.assignee && filters.assignee !== UNASSIGNED && !staff.some((member) => member.id === filters.assignee)
      ? [{ value: filters.assignee, label: filters.assignee }]
      : []),
  ];
  const knownTags = filters.tag && !tags.includes(filters.tag) ? [...tags, filters.tag] : tags;

  const single = (key: 'status' | 'priority' | 'assignee' | 'tag', choices: { value: string; label: string }[]) => (
    <ChoiceList
      title={t(`inbox.filters.${key}`)}
      titleHidden
      choices={choices}
      selected={filters[key] ? [filters[key] as string] : []}
      onChange={([value]) => update({ [key]: value ?? null })}
    />
  );

  const filterList: IndexFiltersProps['filters'] = [
    {
      key: 'status',
      label: t('inbox.filters.status'),
      filter: single(
        'status',
        TICKET_STATUSES.map((status) => ({ value: status, label: t(`inbox.status.${status}`) })),
      ),
    },
    {
      key: 'priority',
      label: t('inbox.filters.priority'),
      pinned: true,
      filter: single(
        'priority',
        [...PRIORITIES].reverse().map((priority) => ({ value: priority, label: t(`inbox.priority.${priority}`) })),
      ),
    },
    { key: 'assignee', label: t('inbox.filters.assignee'), pinned: true, filter: single('assignee', assignees) },
    {
      key: 'tag',
      label: t('inbox.filters.tag'),
      pinned: true,
      disabled: knownTags.length === 0,
      filter: single(
        'tag',
        knownTags.map((tag) => ({ value: tag, label: tag })),
      ),
    },
    {
      key: 'overdue',
      label: t('inbox.filters.overdue'),
      pinned: true,
      filter: (
        <Checkbox
          label={t('inbox.filters.overdueOnly')}
          checked={filters.overdue}
          onChange={(overdue) => update({ overdue })}
        />
      ),
    },
  ];

  const applied = (key: keyof Filters, value: string, clear: Partial<Filters>) => ({
    key,
    label: t('inbox.filters.applied', { filter: t(`inbox.filters.${key}`), value }),
    onRemove: () => update(clear),
  });
  const appliedFilters: IndexFiltersProps['appliedFilters'] = [
    // Open, pending and solved are tabs; closed has none, so it shows as a filter.
    ...(filters.status === 'closed' ? [applied('status', t(`inbox.status.${filters.status}`), { status: null })] : []),
    ...(filters.priority ? [applied('priority', t(`inbox.priority.${filters.priority}`), { priority: null })] : []),
    ...(filters.assignee ? [applied('assignee', assigneeName(filters.assignee), { assignee: null })] : []),
    ...(filters.tag ? [applied('tag', filters.tag, { tag: null })] : []),
    ...(filters.overdue
      ? [{ key: 'overdue', label: t('inbox.filters.overdue'), onRemove: () => update({ overdue: false }) }]
      : []),
  ];

  const tab = tabOf(filters);
  return (
    <IndexFilters
      tabs={TABS.map((id) => ({
        id: `inbox-tab-${id}`,
        content: t(`inbox.tabs.${id}`),
        badge: counts[id] ? String(counts[id]) : undefined,
        isLocked: true,
      }))}
      selected={TABS.indexOf(tab)}
      onSelect={(index) => {
        const id = TABS[index] ?? 'all';
        if (id !== tab) update({ status: id === 'all' ? null : id });
      }}
      canCreateNewView={false}
      queryValue={search.text}
      queryPlaceholder={t('inbox.searchPlaceholder')}
      onQueryChange={search.change}
      onQueryClear={search.clear}
      filters={filterList}
      appliedFilters={appliedFilters}
      onClearAll={() => onChange({ ...NO_FILTERS, status: filters.status === 'closed' ? null : filters.status })}
      cancelAction={{
        onAction: () => onChange({ ...NO_FILTERS, status: filters.status === 'closed' ? null : filters.status }),
        disabled: false,
        loading: false,
      }}
      mode={mode}
      setMode={setMode}
      loading={loading}
    />
  );
}
