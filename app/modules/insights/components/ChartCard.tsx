/**
 * A chart with its data as a table, for everyone who cannot read a chart:
 * the chart is an image with a one-sentence summary for screen readers; the
 * table below it (Polaris DataTable) is always in the page — visually hidden
 * until "Show data table" is pressed, so screen readers always reach it.
 * The chart renders in the browser only (polaris-viz needs `window`); until
 * the page hydrates a skeleton of the same height holds its place.
 */
import { BlockStack, Box, Button, Card, DataTable, InlineStack, SkeletonBodyText } from '@shopify/polaris';
import { PolarisVizProvider } from '@shopify/polaris-viz';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CardHeading } from './CardHeading';
import { useHydrated } from './useHydrated';

export interface ChartTable {
  headings: string[];
  rows: (string | number)[][];
  /** One per column: text (left) or numeric (right). */
  types: ('text' | 'numeric')[];
}

interface Props {
  title: string;
  /** What the chart shows, in a sentence (its accessible name). */
  summary: string;
  /** Rendered in the browser only. */
  chart: () => React.ReactNode;
  table: ChartTable;
  height?: number;
  /** Under the title: what the figures are. */
  description?: string;
}

export function ChartCard({ title, summary, chart, table, height = 280, description }: Props) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const [showTable, setShowTable] = useState(false);
  const tableId = useId();
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="start" gap="200">
          <CardHeading title={title} description={description} />
          <Button
            variant="plain"
            onClick={() => setShowTable((shown) => !shown)}
            ariaExpanded={showTable}
            ariaControls={tableId}
          >
            {showTable ? t('insights.chart.hideTable') : t('insights.chart.showTable')}
          </Button>
        </InlineStack>
        <div role="img" aria-label={summary} style={{ height }}>
          {hydrated ? (
            <PolarisVizProvider defaultTheme="Light">{chart()}</PolarisVizProvider>
          ) : (
            <SkeletonBodyText lines={Math.max(3, Math.round(height / 40))} />
          )}
        </div>
        <Box id={tableId} visuallyHidden={!showTable}>
          <DataTable
            columnContentTypes={table.types}
            headings={table.headings}
            rows={table.rows}
            increasedTableDensity
          />
        </Box>
      </BlockStack>
    </Card>
  );
}
