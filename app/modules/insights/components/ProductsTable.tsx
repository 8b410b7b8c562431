/**
 * Top or bottom products of the period (Polaris DataTable): net sales
 * ("revenue"), units sold, refund rate, margin — "—" where a unit sold has
 * no unit cost, never a made-up zero — and the change against the previous
 * period. Each product links to it in Shopify admin.
 */
import { BlockStack, Box, Card, DataTable, Link, Text } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import type { ProductPerformance } from '../products.server';
import { CardHeading } from './CardHeading';
import type { InsightsFormatter } from './insights-format';
import { CUSTOM_ITEMS_ID, productTitle } from './product-title';

interface Props {
  title: string;
  description: string;
  products: ProductPerformance[];
  format: InsightsFormatter;
  adminBase: string;
}

export function ProductsTable({ title, description, products, format, adminBase }: Props) {
  const { t } = useTranslation();
  const anyWithoutMargin = products.some((product) => product.unitsSold > 0 && product.margin === null);
  return (
    <Card padding="0">
      <BlockStack gap="200">
        <Box paddingInline="400" paddingBlockStart="400">
          <CardHeading title={title} description={description} />
        </Box>
        {products.length === 0 ? (
          <Box paddingInline="400" paddingBlockEnd="400">
            <Text as="p" tone="subdued">
              {t('insights.products.none')}
            </Text>
          </Box>
        ) : (
          <DataTable
            columnContentTypes={['text', 'numeric', 'numeric', 'numeric', 'numeric', 'numeric']}
            headings={[
              t('insights.products.columns.product'),
              t('insights.products.columns.netSales'),
              t('insights.products.columns.units'),
              t('insights.products.columns.refundRate'),
              t('insights.products.columns.margin'),
              t('insights.products.columns.change'),
            ]}
            rows={products.map((product) => [
              product.productId === CUSTOM_ITEMS_ID ? (
                productTitle(t, product)
              ) : (
                <Link
                  key={product.productId}
                  url={`${adminBase}/products/${product.productId}`}
                  target="_top"
                  removeUnderline
                >
                  {productTitle(t, product)}
                </Link>
              ),
              format.money(product.netSales),
              format.number(product.unitsSold),
              product.refundRate === null ? '—' : format.percent(product.refundRate),
              product.margin === null ? '—' : format.percent(product.margin),
              product.netSalesChange.relative === null ? '—' : format.signedPercent(product.netSalesChange.relative),
            ])}
            footerContent={anyWithoutMargin ? t('insights.products.marginUnknown') : undefined}
          />
        )}
      </BlockStack>
    </Card>
  );
}
