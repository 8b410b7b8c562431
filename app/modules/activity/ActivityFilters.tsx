/**
 * The activity page's search and filters (Polaris Filters): full-text
 * search, type, resource, who, and a date range in the shop's time zone.
 * Every change is written to the URL (the loader reads it from there); the
 * search and name fields wait for a pause in typing.
 */
import { BlockStack, ChoiceList, DatePicker, Filters, Text, TextField } from '@shopify/polaris';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NO_FILTERS, type ActivityFilters as Filter } from './filters';
import { actorTypeLabel, resourceTypeLabel, verbLabel } from './labels';
import { ACTOR_TYPES, RESOURCE_TYPES, VERBS } from './vocabulary';

interface Props {
  filters: Filter;
  /** Today in the shop's time zone (YYYY-MM-DD): the date picker opens on its month. */
  today: string;
  timeZone: string;
  loading: boolean;
  onChange: (filters: Filter, options?: { typing?: boolean }) => void;
}

const TYPING_PAUSE_MS = 350;

/** A calendar day as the date picker's local Date, and back. */
const toPicker = (day: string) => {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date);
};
const fromPicker = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/** Text that follows the URL, and is written back after a pause in typing. */
function useTypedText(value: string, apply: (text: string) => void) {
  const [text, setText] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  // Follow the URL (back button, "clear all"), but keep what is being typed when the URL only trimmed it.
  useEffect(() => setText((current) => (current.trim() === value ? current : value)), [value]);
  useEffect(() => () => clearTimeout(timer.current), []);
  const change = (next: string) => {
    setText(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => apply(next.trim()), TYPING_PAUSE_MS);
  };
  const clear = () => {
    clearTimeout(timer.current);
    setText('');
    apply('');
  };
  return { text, change, clear };
}

function withCurrent(known: readonly string[], selected: string[]): string[] {
  return [...known, ...selected.filter((value) => !known.includes(value))];
}

export function ActivityFilters({ filters, today, timeZone, loading, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const search = useTypedText(filters.q, (q) => onChange({ ...filters, q }, { typing: true }));
  const name = useTypedText(filters.actorName, (actorName) => onChange({ ...filters, actorName }, { typing: true }));
  const [month, setMonth] = useState(() => {
    const shown = toPicker(filters.to ?? filters.from ?? today);
    return { month: shown.getMonth(), year: shown.getFullYear() };
  });

  const dates = (
    <BlockStack gap="200">
      <DatePicker
        month={month.month}
        year={month.year}
        onMonthChange={(nextMonth, year) => setMonth({ month: nextMonth, year })}
        allowRange
        multiMonth={false}
        disableDatesAfter={toPicker(today)}
        selected={
          filters.from || filters.to
            ? { start: toPicker(filters.from ?? (filters.to as string)), end: toPicker(filters.to ?? today) }
            : undefined
        }
        onChange={({ start, end }) => onChange({ ...filters, from: fromPicker(start), to: fromPicker(end) })}
      />
      <Text as="p" variant="bodySm" tone="subdued">
        {t('activity.filters.datesHelp', { timeZone })}
      </Text>
    </BlockStack>
  );

  // Calendar days, written in the merchant's language ("Nov 27, 2026"): noon UTC is the same day everywhere.
  const dayFormat = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' });
  const day = (value: string) => dayFormat.format(new Date(`${value}T12:00:00Z`));
  const dateLabel = (from: string | null, to: string | null) => {
    if (from && to) return from === to ? day(from) : t('activity.filters.range', { from: day(from), to: day(to) });
    return from ? t('activity.filters.since', { from: day(from) }) : t('activity.filters.until', { to: day(to ?? '') });
  };

  const choiceGroups: {
    key: 'verbs' | 'resourceTypes' | 'actorTypes';
    title: string;
    known: readonly string[];
    label: (value: string) => string;
  }[] = [
    { key: 'verbs', title: t('activity.filters.verb'), known: VERBS, label: (value) => verbLabel(i18n, value) },
    {
      key: 'resourceTypes',
      title: t('activity.filters.resourceType'),
      known: RESOURCE_TYPES,
      label: (value) => resourceTypeLabel(i18n, value),
    },
    {
      key: 'actorTypes',
      title: t('activity.filters.actorType'),
      known: ACTOR_TYPES,
      label: (value) => actorTypeLabel(i18n, value),
    },
  ];

  const applied = [
    ...choiceGroups
      .filter(({ key }) => filters[key].length > 0)
      .map(({ key, title, label }) => ({
        key,
        label: `${title}: ${filters[key].map(label).join(', ')}`,
        onRemove: () => onChange({ ...filters, [key]: [] }),
      })),
    ...(filters.actorName
      ? [
          {
            key: 'actorName',
            label: `${t('activity.filters.actorName')}: ${filters.actorName}`,
            onRemove: () => name.clear(),
          },
        ]
      : []),
    ...(filters.from || filters.to
      ? [
          {
            key: 'dates',
            label: dateLabel(filters.from, filters.to),
            onRemove: () => onChange({ ...filters, from: null, to: null }),
          },
        ]
      : []),
  ];

  return (
    <Filters
      queryValue={search.text}
      queryPlaceholder={t('activity.searchPlaceholder')}
      onQueryChange={search.change}
      onQueryClear={search.clear}
      onClearAll={() => onChange(NO_FILTERS)}
      loading={loading}
      filters={[
        ...choiceGroups.map(({ key, title, known, label }) => ({
          key,
          label: title,
          pinned: true,
          filter: (
            <ChoiceList
              title={title}
              titleHidden
              allowMultiple
              choices={withCurrent(known, filters[key]).map((value) => ({ value, label: label(value) }))}
              selected={filters[key]}
              onChange={(selected) => onChange({ ...filters, [key]: selected })}
            />
          ),
        })),
        {
          key: 'actorName',
          label: t('activity.filters.actorName'),
          filter: (
            <TextField
              label={t('activity.filters.actorName')}
              labelHidden
              value={name.text}
              onChange={name.change}
              autoComplete="off"
            />
          ),
        },
        { key: 'dates', label: t('activity.filters.dates'), pinned: true, filter: dates },
      ]}
      appliedFilters={applied}
    />
  );
}
