/**
 * The period's best sellers by net sales (polaris-viz horizontal BarChart),
 * with the previous period's net sales as a second bar; the table lists the
 * same products with units sold.
 */
import { BarChart } from '@shopify/polaris-viz';
import { useTranslation } from 'react-i18next';
import type { PeriodChoice } from '../period-params';
import type { ProductPerformance } from '../products.server';
import { ChartCard } from './ChartCard';
import type { InsightsFormatter } from './insights-format';
import { productTitle } from './product-title';

interface Props {
  products: ProductPerformance[];
  choice: PeriodChoice;
  format: InsightsFormatter;
}

export function TopProductsChart({ products, choice, format }: Props) {
  const { t } = useTranslation();
  const shown = products.slice(0, 8);
  const names = shown.map((product) => productTitle(t, product));
  const best = shown[0];
  return (
    <ChartCard
      title={t('insights.charts.products.title')}
      description={t('insights.charts.products.description')}
      height={Math.max(280, shown.length * 64 + 80)}
      summary={
        best
          ? t('insights.charts.products.summary', {
              product: productTitle(t, best),
              netSales: format.money(best.netSales),
              period: format.period(choice),
            })
          : t('insights.charts.products.empty')
      }
      chart={() => (
        <BarChart
          direction="horizontal"
          data={[
            {
              name: format.period(choice),
              data: shown.map((product, index) => ({ key: names[index] as string, value: product.netSales })),
            },
            {
              name: format.period(choice.comparison),
              color: 'rgba(138, 138, 138, 0.55)',
              data: shown.map((product, index) => ({ key: names[index] as string, value: product.previousNetSales })),
            },
          ]}
          xAxisOptions={{ labelFormatter: (value) => format.compactMoney(Number(value ?? 0)) }}
          tooltipOptions={{ valueFormatter: (value) => format.money(Number(value ?? 0)) }}
        />
      )}
      table={{
        headings: [
          t('insights.products.columns.product'),
          t('insights.products.columns.netSales'),
          t('insights.products.columns.previousNetSales'),
          t('insights.products.columns.units'),
        ],
        types: ['text', 'numeric', 'numeric', 'numeric'],
        rows: shown.map((product, index) => [
          names[index] as string,
          format.money(product.netSales),
          format.money(product.previousNetSales),
          format.number(product.unitsSold),
        ]),
      }}
    />
  );
}
