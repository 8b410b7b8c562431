/**
 * The media browser's rows (Polaris IndexTable): the thumbnail, the product
 * (a link to the image's editor), its alt text or a "missing" badge,
 * dimensions, file size, aspect and background type. Rows can be selected
 * for a bulk "Apply recipe…". While another page loads its rows are
 * skeletons.
 */
import {
  Badge,
  BlockStack,
  IndexTable,
  Link,
  SkeletonBodyText,
  SkeletonThumbnail,
  Text,
  Thumbnail,
  useIndexResourceState,
} from '@shopify/polaris';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MediaItem } from '../media.server';
import { editorPath } from './browser-url';
import { dimensions, fileSize } from './format';

export type MediaRow = Pick<
  MediaItem,
  | 'productId'
  | 'productTitle'
  | 'mediaId'
  | 'thumbnailUrl'
  | 'alt'
  | 'width'
  | 'height'
  | 'bytes'
  | 'aspect'
  | 'background'
  | 'position'
  | 'edited'
>;

interface Props {
  items: MediaRow[];
  locale: string;
  /** A new page is on its way: show skeleton rows instead of the current ones. */
  paging: boolean;
  /** Filters changed: keep the rows, mark the table as loading. */
  loading: boolean;
  /** Backgrounds still being analysed (the background filter is on). */
  analysing: boolean;
  previousUrl: string | null;
  nextUrl: string | null;
  emptyState: ReactNode;
  onApplyRecipe: (refs: { productId: string; mediaId: string }[]) => void;
}

const SKELETON_ROWS = 8;

export function MediaTable(props: Props) {
  const { items, locale, paging, loading, analysing, previousUrl, nextUrl, emptyState, onApplyRecipe } = props;
  const { t } = useTranslation();
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } = useIndexResourceState(
    items.map((item) => ({ id: item.mediaId })),
  );
  // A new page or new filters: what was selected is no longer on screen.
  const itemsKey = items.map((item) => item.mediaId).join(',');
  useEffect(() => clearSelection(), [itemsKey, clearSelection]);

  const unknown = (
    <Text as="span" tone="subdued">
      {t('studio.browser.unknown')}
    </Text>
  );

  const rows = paging
    ? Array.from({ length: SKELETON_ROWS }, (_, index) => (
        <IndexTable.Row id={`skeleton-${index}`} key={`skeleton-${index}`} position={index} disabled>
          <IndexTable.Cell>
            <SkeletonThumbnail size="medium" />
          </IndexTable.Cell>
          {[0, 1, 2, 3, 4, 5].map((cell) => (
            <IndexTable.Cell key={cell}>
              <SkeletonBodyText lines={1} />
            </IndexTable.Cell>
          ))}
        </IndexTable.Row>
      ))
    : items.map((item, index) => {
        const position = item.position + 1;
        return (
          <IndexTable.Row
            id={item.mediaId}
            key={item.mediaId}
            position={index}
            selected={selectedResources.includes(item.mediaId)}
          >
            <IndexTable.Cell>
              <Thumbnail
                source={item.thumbnailUrl}
                size="medium"
                alt={t('studio.browser.thumbnailAlt', { product: item.productTitle, position })}
              />
            </IndexTable.Cell>
            <IndexTable.Cell>
              <BlockStack gap="050">
                <Link
                  url={editorPath(item.productId, item.mediaId)}
                  dataPrimaryLink
                  removeUnderline
                  accessibilityLabel={t('studio.browser.edit', { product: item.productTitle, position })}
                >
                  <Text as="span" fontWeight="semibold">
                    {item.productTitle}
                  </Text>
                </Link>
                <Text as="span" variant="bodySm" tone="subdued">
                  {t('studio.browser.position', { position })}
                  {item.edited ? ` · ${t('studio.browser.edited')}` : ''}
                </Text>
              </BlockStack>
            </IndexTable.Cell>
            <IndexTable.Cell>
              {item.alt?.trim() ? (
                <div style={{ maxWidth: 260, whiteSpace: 'normal' }}>
                  <Text as="span" breakWord>
                    {item.alt}
                  </Text>
                </div>
              ) : (
                <Badge tone="critical">{t('studio.browser.missingAlt')}</Badge>
              )}
            </IndexTable.Cell>
            <IndexTable.Cell>
              <Text as="span" numeric>
                {dimensions(locale, item.width, item.height) ?? unknown}
              </Text>
            </IndexTable.Cell>
            <IndexTable.Cell>
              <Text as="span" numeric>
                {fileSize(locale, item.bytes) ?? unknown}
              </Text>
            </IndexTable.Cell>
            <IndexTable.Cell>{item.aspect ? t(`studio.browser.aspects.${item.aspect}`) : unknown}</IndexTable.Cell>
            <IndexTable.Cell>
              {item.background ? (
                t(`studio.browser.backgrounds.${item.background}`)
              ) : analysing ? (
                <Text as="span" tone="subdued">
                  {t('studio.browser.analysing')}
                </Text>
              ) : (
                unknown
              )}
            </IndexTable.Cell>
          </IndexTable.Row>
        );
      });

  const selected = items.filter((item) => allResourcesSelected || selectedResources.includes(item.mediaId));

  return (
    <IndexTable
      resourceName={{
        singular: t('studio.browser.resourceName.singular'),
        plural: t('studio.browser.resourceName.plural'),
      }}
      itemCount={paging ? SKELETON_ROWS : items.length}
      selectedItemsCount={allResourcesSelected ? 'All' : selectedResources.length}
      onSelectionChange={handleSelectionChange}
      selectable={!paging}
      loading={loading}
      emptyState={emptyState}
      promotedBulkActions={[
        {
          content: t('studio.browser.applyRecipe'),
          onAction: () => onApplyRecipe(selected.map((item) => ({ productId: item.productId, mediaId: item.mediaId }))),
        },
      ]}
      headings={[
        { title: t('studio.browser.columns.image') },
        { title: t('studio.browser.columns.product') },
        { title: t('studio.browser.columns.alt') },
        { title: t('studio.browser.columns.dimensions') },
        { title: t('studio.browser.columns.size') },
        { title: t('studio.browser.columns.aspect') },
        { title: t('studio.browser.columns.background') },
      ]}
      pagination={
        previousUrl || nextUrl
          ? {
              hasPrevious: previousUrl !== null,
              previousURL: previousUrl ?? undefined,
              hasNext: nextUrl !== null,
              nextURL: nextUrl ?? undefined,
              accessibilityLabel: t('studio.browser.pagination.label'),
              accessibilityLabels: {
                previous: t('studio.browser.pagination.previous'),
                next: t('studio.browser.pagination.next'),
              },
            }
          : undefined
      }
    >
      {rows}
    </IndexTable>
  );
}
