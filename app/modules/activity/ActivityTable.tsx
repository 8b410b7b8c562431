/**
 * The activity log's rows (Polaris IndexTable): when (shop time zone), who,
 * what happened (rendered in the reader's language), and a link to the
 * resource in Shopify admin or in Steward. Newer/Older are links carrying
 * keyset cursors; while another page loads its rows are skeletons.
 */
import { BlockStack, IndexTable, Link, SkeletonBodyText, Text } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import type { Formatter } from '~/i18n/format';
import { actorLabel, actorTypeLabel, resourceLabel } from './labels';
import { entrySentence } from './sentence';
import type { ActivityView } from './types';

interface Props {
  entries: ActivityView[];
  format: Formatter;
  /** A new page is on its way: show skeleton rows instead of the old ones. */
  paging: boolean;
  /** Filters changed: keep the rows, mark the table as loading. */
  loading: boolean;
  newerUrl: string | null;
  olderUrl: string | null;
  /** Shown when the filters match nothing. */
  emptyState: React.ReactNode;
}

const SKELETON_ROWS = 10;

function Actor({ actor }: { actor: ActivityView['actor'] }) {
  const { i18n } = useTranslation();
  return (
    <BlockStack>
      <Text as="span" fontWeight="medium">
        {actorLabel(i18n, actor)}
      </Text>
      {actor.name ? (
        <Text as="span" variant="bodySm" tone="subdued">
          {actorTypeLabel(i18n, actor.type)}
        </Text>
      ) : null}
    </BlockStack>
  );
}

function Resource({ entry }: { entry: ActivityView }) {
  const { i18n } = useTranslation();
  const label = resourceLabel(i18n, entry.resource);
  if (!entry.link) return <Text as="span">{label}</Text>;
  return (
    <Link url={entry.link.href} target={entry.link.external ? '_top' : undefined} removeUnderline>
      {label}
    </Link>
  );
}

export function ActivityTable({ entries, format, paging, loading, newerUrl, olderUrl, emptyState }: Props) {
  const { t, i18n } = useTranslation();
  const rows = paging
    ? Array.from({ length: SKELETON_ROWS }, (_, index) => (
        <IndexTable.Row id={`skeleton-${index}`} key={`skeleton-${index}`} position={index}>
          {[0, 1, 2, 3].map((cell) => (
            <IndexTable.Cell key={cell}>
              <SkeletonBodyText lines={1} />
            </IndexTable.Cell>
          ))}
        </IndexTable.Row>
      ))
    : entries.map((entry, index) => (
        <IndexTable.Row id={entry.id} key={entry.id} position={index}>
          <IndexTable.Cell>
            <Text as="span" tone="subdued">
              <time dateTime={entry.occurredAt}>{format.shortDateTime(entry.occurredAt)}</time>
            </Text>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <Actor actor={entry.actor} />
          </IndexTable.Cell>
          <IndexTable.Cell>
            <Text as="span" breakWord>
              {entrySentence(i18n, entry)}
            </Text>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <Resource entry={entry} />
          </IndexTable.Cell>
        </IndexTable.Row>
      ));

  return (
    <IndexTable
      resourceName={{ singular: t('activity.resourceName.singular'), plural: t('activity.resourceName.plural') }}
      itemCount={paging ? SKELETON_ROWS : entries.length}
      selectable={false}
      loading={loading}
      emptyState={emptyState}
      headings={[
        { title: t('activity.columns.time') },
        { title: t('activity.columns.actor') },
        { title: t('activity.columns.event') },
        { title: t('activity.columns.resource') },
      ]}
      pagination={{
        hasPrevious: newerUrl !== null,
        previousURL: newerUrl ?? undefined,
        hasNext: olderUrl !== null,
        nextURL: olderUrl ?? undefined,
        accessibilityLabel: t('activity.pagination.label'),
        accessibilityLabels: { previous: t('activity.pagination.newer'), next: t('activity.pagination.older') },
        previousTooltip: t('activity.pagination.newer'),
        nextTooltip: t('activity.pagination.older'),
      }}
    >
      {rows}
    </IndexTable>
  );
}
