/**
 * Sales by channel (polaris-viz DonutChart): each channel's share of the
 * period's net sales, the six largest and the rest together (legend at the
 * right: the one polaris-viz lets us translate); the table lists
 * every channel with its orders, net sales, share and change against the
 * previous period.
 */
import { DonutChart } from '@shopify/polaris-viz';
import { useTranslation } from 'react-i18next';
import type { ChannelSales } from '../channels.server';
import { ChartCard } from './ChartCard';
import { channelLabel } from './channel-label';
import type { InsightsFormatter } from './insights-format';

const SLICES = 6;

interface Props {
  channels: ChannelSales[];
  format: InsightsFormatter;
}

export function ChannelChart({ channels, format }: Props) {
  const { t } = useTranslation();
  const selling = channels.filter((channel) => channel.netSales > 0);
  const slices = selling
    .slice(0, SLICES)
    .map((channel) => ({ name: channelLabel(t, channel), value: channel.netSales }));
  const rest = selling.slice(SLICES).reduce((sum, channel) => sum + channel.netSales, 0);
  if (rest > 0) slices.push({ name: t('insights.channels.other'), value: rest });
  const largest = selling[0];
  return (
    <ChartCard
      title={t('insights.charts.channels.title')}
      description={t('insights.charts.channels.description')}
      summary={
        largest
          ? t('insights.charts.channels.summary', {
              channel: channelLabel(t, largest),
              share: format.percent(largest.share ?? 0),
              n: channels.length,
            })
          : t('insights.charts.channels.empty')
      }
      chart={() => (
        <DonutChart
          data={slices.map((slice) => ({ name: slice.name, data: [{ key: slice.name, value: slice.value }] }))}
          labelFormatter={(value) => format.money(Number(value ?? 0))}
          legendPosition="right"
          showLegendValues
          renderHiddenLegendLabel={(count) => t('insights.chart.moreInLegend', { n: count })}
        />
      )}
      table={{
        headings: [
          t('insights.charts.channels.columns.channel'),
          t('insights.charts.channels.columns.orders'),
          t('insights.charts.channels.columns.netSales'),
          t('insights.charts.channels.columns.share'),
          t('insights.charts.channels.columns.change'),
        ],
        types: ['text', 'numeric', 'numeric', 'numeric', 'numeric'],
        rows: channels.map((channel) => [
          channelLabel(t, channel),
          format.number(channel.orders),
          format.money(channel.netSales),
          channel.share === null ? '—' : format.percent(channel.share),
          channel.netSalesChange.relative === null ? '—' : format.signedPercent(channel.netSalesChange.relative),
        ]),
      }}
    />
  );
}
