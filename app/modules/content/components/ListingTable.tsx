/**
 * The bulk editor's rows (Polaris IndexTable): each product with its search
 * listing (SEO title and meta description, each with its length against the
 * guide, and the live search result preview) and its images' alt texts,
 * every text editable in place. Edits go to the page's drafts; problems show
 * under their field. Previous/Next carry keyset cursors; while another page
 * loads its rows are skeletons.
 */
import {
  Badge,
  BlockStack,
  IndexTable,
  InlineStack,
  Link,
  SkeletonBodyText,
  SkeletonThumbnail,
  Text,
  TextField,
  Thumbnail,
} from '@shopify/polaris';
import { ImageIcon } from '@shopify/polaris-icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListingRow } from '../seo/types';
import { LengthHint } from './LengthHint';
import { problemText } from './problem-text';
import { SnippetPreview } from './SnippetPreview';
import { altField, type DraftField, type ListingDrafts } from './use-listing-drafts';

interface Props {
  rows: ListingRow[];
  drafts: ListingDrafts;
  /** The shop's primary domain, for the search result's address. */
  host: string;
  /** Shopify admin, for links to the products. */
  adminBase: string;
  paging: boolean;
  loading: boolean;
  previousUrl: string | null;
  nextUrl: string | null;
  emptyState: ReactNode;
}

const SKELETON_ROWS = 5;

/** A field's visible label, and the product it belongs to for screen readers (the table repeats the labels). */
function FieldLabel({ text, product }: { text: string; product: string }) {
  const { t } = useTranslation();
  return (
    <>
      {text}
      <Text as="span" visuallyHidden>
        {t('content.listings.forProduct', { title: product })}
      </Text>
    </>
  );
}
// Inputs and previews wrap inside the table's cells, which otherwise keep to one line; the
// widths share a wide page between the search listing and the alt texts.
const LISTING_CELL = { whiteSpace: 'normal', minWidth: '20rem', maxWidth: '32rem' } as const;
const IMAGES_CELL = { whiteSpace: 'normal', minWidth: '22rem' } as const;

function useFieldError(drafts: ListingDrafts, productId: string) {
  const { t } = useTranslation();
  return (field: DraftField) => {
    const [problem] = drafts.problemsOf(productId, field);
    return problem ? problemText(t, problem) : undefined;
  };
}

function ListingCell({ row, drafts, host }: { row: ListingRow; drafts: ListingDrafts; host: string }) {
  const { t } = useTranslation();
  const errorOf = useFieldError(drafts, row.productId);
  const seoTitle = drafts.value(row, 'seoTitle');
  const seoDescription = drafts.value(row, 'seoDescription');
  return (
    <div style={LISTING_CELL}>
      <BlockStack gap="300">
        <TextField
          label={<FieldLabel text={t('content.listings.seoTitle')} product={row.title} />}
          value={seoTitle}
          onChange={(value) => drafts.edit(row, 'seoTitle', value)}
          autoComplete="off"
          placeholder={row.title}
          helpText={<LengthHint field="seoTitle" value={seoTitle} />}
          error={errorOf('seoTitle')}
        />
        <TextField
          label={<FieldLabel text={t('content.listings.seoDescription')} product={row.title} />}
          value={seoDescription}
          onChange={(value) => drafts.edit(row, 'seoDescription', value)}
          autoComplete="off"
          multiline={3}
          placeholder={row.descriptionText.slice(0, 160)}
          helpText={<LengthHint field="seoDescription" value={seoDescription} />}
          error={errorOf('seoDescription')}
        />
        <SnippetPreview
          productTitle={row.title}
          seoTitle={seoTitle}
          seoDescription={seoDescription}
          descriptionText={row.descriptionText}
          host={host}
          handle={row.handle}
        />
      </BlockStack>
    </div>
  );
}

function ImagesCell({ row, drafts }: { row: ListingRow; drafts: ListingDrafts }) {
  const { t } = useTranslation();
  const errorOf = useFieldError(drafts, row.productId);
  if (row.images.length === 0) {
    return (
      <Text as="span" tone="subdued">
        {t('content.listings.noImages')}
      </Text>
    );
  }
  return (
    <div style={IMAGES_CELL}>
      <BlockStack gap="300">
        {row.images.map((image, index) => {
          const field = altField(image.id);
          const alt = drafts.value(row, field);
          return (
            <InlineStack key={image.id} gap="300" wrap={false} blockAlign="start">
              <Thumbnail source={image.url ?? ImageIcon} alt={alt} size="small" />
              <div style={{ flex: 1 }}>
                <TextField
                  label={
                    <FieldLabel
                      text={t('content.listings.altLabel', { position: index + 1, count: row.images.length })}
                      product={row.title}
                    />
                  }
                  value={alt}
                  onChange={(value) => drafts.edit(row, field, value)}
                  autoComplete="off"
                  placeholder={t('content.listings.altPlaceholder')}
                  helpText={<LengthHint field="alt" value={alt} />}
                  error={errorOf(field)}
                />
              </div>
            </InlineStack>
          );
        })}
      </BlockStack>
    </div>
  );
}

function ProductCell({ row, drafts, adminBase }: { row: ListingRow; drafts: ListingDrafts; adminBase: string }) {
  const { t } = useTranslation();
  const [productProblem] = drafts.problemsOf(row.productId, 'product');
  const first = row.images[0];
  const missing = row.images.filter((image) => drafts.value(row, altField(image.id)).trim() === '').length;
  return (
    <div style={{ whiteSpace: 'normal', minWidth: '12rem', maxWidth: '16rem' }}>
      <BlockStack gap="200">
        <Thumbnail source={first?.url ?? ImageIcon} alt="" size="medium" />
        <Link url={`${adminBase}/products/${row.productId}`} target="_top" removeUnderline>
          <Text as="span" fontWeight="semibold" breakWord>
            {row.title}
          </Text>
        </Link>
        <InlineStack gap="100">
          {row.status !== 'ACTIVE' ? <Badge>{t(`content.listings.status.${row.status}`, row.status)}</Badge> : null}
          {missing > 0 ? <Badge tone="attention">{t('content.listings.missingAlt', { count: missing })}</Badge> : null}
        </InlineStack>
        {productProblem ? (
          <Text as="p" tone="critical">
            {problemText(t, productProblem)}
          </Text>
        ) : null}
      </BlockStack>
    </div>
  );
}

export function ListingTable(props: Props) {
  const { t } = useTranslation();
  const { rows, drafts, paging } = props;
  const body = paging
    ? Array.from({ length: SKELETON_ROWS }, (_, index) => (
        <IndexTable.Row id={`skeleton-${index}`} key={`skeleton-${index}`} position={index}>
          <IndexTable.Cell>
            <SkeletonThumbnail size="medium" />
          </IndexTable.Cell>
          <IndexTable.Cell>
            <SkeletonBodyText lines={4} />
          </IndexTable.Cell>
          <IndexTable.Cell>
            <SkeletonBodyText lines={2} />
          </IndexTable.Cell>
        </IndexTable.Row>
      ))
    : rows.map((row, index) => (
        <IndexTable.Row id={row.productId} key={row.productId} position={index}>
          <IndexTable.Cell>
            <ProductCell row={row} drafts={drafts} adminBase={props.adminBase} />
          </IndexTable.Cell>
          <IndexTable.Cell>
            <ListingCell row={row} drafts={drafts} host={props.host} />
          </IndexTable.Cell>
          <IndexTable.Cell>
            <ImagesCell row={row} drafts={drafts} />
          </IndexTable.Cell>
        </IndexTable.Row>
      ));
  return (
    <IndexTable
      resourceName={{
        singular: t('content.listings.resourceName.singular'),
        plural: t('content.listings.resourceName.plural'),
      }}
      itemCount={paging ? SKELETON_ROWS : rows.length}
      selectable={false}
      loading={props.loading}
      emptyState={props.emptyState}
      headings={[
        { title: t('content.listings.columns.product') },
        { title: t('content.listings.columns.listing') },
        { title: t('content.listings.columns.images') },
      ]}
      pagination={{
        hasPrevious: props.previousUrl !== null,
        previousURL: props.previousUrl ?? undefined,
        hasNext: props.nextUrl !== null,
        nextURL: props.nextUrl ?? undefined,
        accessibilityLabel: t('content.listings.pagination'),
      }}
    >
      {body}
    </IndexTable>
  );
}
