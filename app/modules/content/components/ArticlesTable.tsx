/**
 * The articles list's rows (Polaris IndexTable): title (to the editor) with
 * its image, blog, author, whether the store shows it, tags, and when it
 * last changed. Previous/Next carry Shopify's cursors.
 */
import { Badge, IndexTable, InlineStack, Link, Text, Thumbnail } from '@shopify/polaris';
import { ImageIcon } from '@shopify/polaris-icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArticleRow } from '../articles/types';

interface Props {
  rows: ArticleRow[];
  loading: boolean;
  previousUrl: string | null;
  nextUrl: string | null;
  formatDate: (iso: string) => string;
  emptyState: ReactNode;
}

export function visibilityOf(article: { isPublished: boolean; publishedAt: string | null }, now = Date.now()) {
  if (article.isPublished) return 'published' as const;
  return article.publishedAt && Date.parse(article.publishedAt) > now ? ('scheduled' as const) : ('hidden' as const);
}

const TONES = { published: 'success', scheduled: 'info', hidden: undefined } as const;

export function ArticlesTable({ rows, loading, previousUrl, nextUrl, formatDate, emptyState }: Props) {
  const { t } = useTranslation();
  return (
    <IndexTable
      resourceName={{
        singular: t('content.articles.resourceName.singular'),
        plural: t('content.articles.resourceName.plural'),
      }}
      itemCount={rows.length}
      selectable={false}
      loading={loading}
      emptyState={emptyState}
      headings={[
        { title: t('content.articles.columns.title') },
        { title: t('content.articles.columns.blog') },
        { title: t('content.articles.columns.author') },
        { title: t('content.articles.columns.visibility') },
        { title: t('content.articles.columns.tags') },
        { title: t('content.articles.columns.updated') },
      ]}
      pagination={{
        hasPrevious: previousUrl !== null,
        previousURL: previousUrl ?? undefined,
        hasNext: nextUrl !== null,
        nextURL: nextUrl ?? undefined,
        accessibilityLabel: t('content.articles.pagination'),
      }}
    >
      {rows.map((article, index) => {
        const visibility = visibilityOf(article);
        return (
          <IndexTable.Row id={article.id} key={article.id} position={index}>
            <IndexTable.Cell>
              <InlineStack gap="300" blockAlign="center" wrap={false}>
                <Thumbnail source={article.image?.url ?? ImageIcon} alt={article.image?.altText ?? ''} size="small" />
                <Link url={`/app/content/articles/${article.id}`} removeUnderline>
                  <Text as="span" fontWeight="semibold">
                    {article.title}
                  </Text>
                </Link>
              </InlineStack>
            </IndexTable.Cell>
            <IndexTable.Cell>{article.blogTitle}</IndexTable.Cell>
            <IndexTable.Cell>{article.author}</IndexTable.Cell>
            <IndexTable.Cell>
              <Badge tone={TONES[visibility]}>{t(`content.articles.visibility.${visibility}`)}</Badge>
            </IndexTable.Cell>
            <IndexTable.Cell>
              <Text as="span" tone="subdued">
                {article.tags.join(', ')}
              </Text>
            </IndexTable.Cell>
            <IndexTable.Cell>
              {article.updatedAt ? <time dateTime={article.updatedAt}>{formatDate(article.updatedAt)}</time> : null}
            </IndexTable.Cell>
          </IndexTable.Row>
        );
      })}
    </IndexTable>
  );
}
