/**
 * Net sales over time (polaris-viz LineChart), the previous period of equal
 * length as a second, dashed line; a day per point up to 92 days, a week per
 * point beyond. The table beside it lists every point with both periods.
 */
import { LineChart } from '@shopify/polaris-viz';
import { useTranslation } from 'react-i18next';
import type { PeriodChoice } from '../period-params';
import type { SeriesPoint } from '../series.server';
import { ChartCard } from './ChartCard';
import type { InsightsFormatter } from './insights-format';
import { bucketSeries } from './series-buckets';

interface Props {
  series: SeriesPoint[];
  choice: PeriodChoice;
  format: InsightsFormatter;
}

export function SalesChart({ series, choice, format }: Props) {
  const { t } = useTranslation();
  const { grain, buckets } = bucketSeries(series);
  const label = (start: string, end: string) =>
    grain === 'day' ? format.shortCalendarDate(start) : format.period({ start, end });
  const byKey = new Map(buckets.map((bucket) => [bucket.start, bucket]));
  const total = buckets.reduce((sum, bucket) => sum + bucket.netSales, 0);
  const previousTotal = buckets.reduce((sum, bucket) => sum + bucket.previousNetSales, 0);
  const currentName = format.period(choice);
  const previousName = format.period(choice.comparison);
  return (
    <ChartCard
      title={t('insights.charts.sales.title')}
      description={t(`insights.charts.sales.grain.${grain}`)}
      summary={t('insights.charts.sales.summary', {
        total: format.money(total),
        period: currentName,
        previousTotal: format.money(previousTotal),
        previousPeriod: previousName,
      })}
      chart={() => (
        <LineChart
          data={[
            { name: currentName, data: buckets.map((bucket) => ({ key: bucket.start, value: bucket.netSales })) },
            {
              name: previousName,
              isComparison: true,
              data: buckets.map((bucket) => ({ key: bucket.start, value: bucket.previousNetSales })),
            },
          ]}
          xAxisOptions={{
            labelFormatter: (key) => {
              const bucket = byKey.get(String(key));
              return bucket ? format.shortCalendarDate(bucket.start) : String(key);
            },
          }}
          yAxisOptions={{ labelFormatter: (value) => format.compactMoney(Number(value ?? 0)) }}
          tooltipOptions={{
            titleFormatter: (key) => {
              const bucket = byKey.get(String(key));
              return bucket ? label(bucket.start, bucket.end) : String(key);
            },
            valueFormatter: (value) => format.money(Number(value ?? 0)),
          }}
        />
      )}
      table={{
        headings: [
          t(`insights.charts.sales.columns.${grain}`),
          t('insights.charts.sales.columns.netSales'),
          t('insights.charts.sales.columns.orders'),
          t('insights.charts.sales.columns.previousDay'),
          t('insights.charts.sales.columns.previousNetSales'),
        ],
        types: ['text', 'numeric', 'numeric', 'text', 'numeric'],
        rows: buckets.map((bucket) => [
          label(bucket.start, bucket.end),
          format.money(bucket.netSales),
          format.number(bucket.orders),
          label(bucket.previousStart, bucket.previousEnd),
          format.money(bucket.previousNetSales),
        ]),
      }}
    />
  );
}
