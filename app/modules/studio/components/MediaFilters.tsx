/**
 * The media browser's search (by product) and filters (Polaris Filters):
 * missing alt text, file size, aspect ratio, background type. Every change
 * goes to the URL, which the loader reads; the search waits for a pause in
 * typing.
 */
import { ChoiceList, Filters } from '@shopify/polaris';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ASPECT_CHOICES, BACKGROUND_CHOICES, SIZE_CLASS_CHOICES, type BrowserFilters } from './browser-url';

interface Props {
  filters: BrowserFilters;
  loading: boolean;
  onChange: (filters: BrowserFilters, options?: { typing?: boolean }) => void;
}

const TYPING_PAUSE_MS = 350;

type ChoiceKey = 'size' | 'aspect' | 'background';

export function MediaFilters({ filters, loading, onChange }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState(filters.query ?? '');
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(
    () => setText((current) => (current.trim() === (filters.query ?? '') ? current : (filters.query ?? ''))),
    [filters.query],
  );
  useEffect(() => () => clearTimeout(timer.current), []);

  const type = (next: string) => {
    setText(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(
      () => onChange({ ...filters, query: next.trim() || undefined }, { typing: true }),
      TYPING_PAUSE_MS,
    );
  };
  const clearText = () => {
    clearTimeout(timer.current);
    setText('');
    onChange({ ...filters, query: undefined });
  };

  const groups: { key: ChoiceKey; title: string; choices: readonly string[]; label: (value: string) => string }[] = [
    {
      key: 'size',
      title: t('studio.browser.filters.size'),
      choices: SIZE_CLASS_CHOICES,
      label: (value) => t(`studio.browser.sizes.${value}`),
    },
    {
      key: 'aspect',
      title: t('studio.browser.filters.aspect'),
      choices: ASPECT_CHOICES,
      label: (value) => t(`studio.browser.aspects.${value}`),
    },
    {
      key: 'background',
      title: t('studio.browser.filters.background'),
      choices: BACKGROUND_CHOICES,
      label: (value) => t(`studio.browser.backgrounds.${value}`),
    },
  ];

  const applied = [
    ...(filters.missingAlt
      ? [
          {
            key: 'missingAlt',
            label: t('studio.browser.filters.missingAltChoice'),
            onRemove: () => onChange({ ...filters, missingAlt: undefined }),
          },
        ]
      : []),
    ...groups.flatMap(({ key, title, label }) => {
      const value = filters[key];
      return value
        ? [{ key, label: `${title}: ${label(value)}`, onRemove: () => onChange({ ...filters, [key]: undefined }) }]
        : [];
    }),
  ];

  return (
    <Filters
      queryValue={text}
      queryPlaceholder={t('studio.browser.searchPlaceholder')}
      onQueryChange={type}
      onQueryClear={clearText}
      onClearAll={() => {
        clearTimeout(timer.current);
        setText('');
        onChange({});
      }}
      loading={loading}
      filters={[
        {
          key: 'missingAlt',
          label: t('studio.browser.filters.missingAlt'),
          pinned: true,
          filter: (
            <ChoiceList
              title={t('studio.browser.filters.missingAlt')}
              titleHidden
              allowMultiple
              choices={[{ label: t('studio.browser.filters.missingAltChoice'), value: 'missing' }]}
              selected={filters.missingAlt ? ['missing'] : []}
              onChange={(selected) => onChange({ ...filters, missingAlt: selected.includes('missing') || undefined })}
            />
          ),
        },
        ...groups.map(({ key, title, choices, label }) => ({
          key,
          label: title,
          pinned: true,
          filter: (
            <ChoiceList
              title={title}
              titleHidden
              choices={choices.map((value) => ({ value, label: label(value) }))}
              selected={filters[key] ? [filters[key] as string] : []}
              onChange={([value]) => onChange({ ...filters, [key]: value || undefined })}
            />
          ),
        })),
      ]}
      appliedFilters={applied}
    />
  );
}
