/**
 * Monthly acquisition cohorts as a table: one row per month of first
 * purchase (with its customers), one column per month since then; each cell
 * the cohort's cumulative repeat-purchase rate or net revenue per customer,
 * shaded by value so the pattern reads at a glance. A real <table> with a
 * caption and row and column headers, so screen readers can walk it.
 */
import { BlockStack, Box, Button, ButtonGroup, Card, InlineStack, Text } from '@shopify/polaris';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Cohort } from '../cohorts.server';
import { CardHeading } from './CardHeading';
import type { InsightsFormatter } from './insights-format';

type Measure = 'repeatRate' | 'revenuePerCustomer';

interface Props {
  cohorts: Cohort[];
  format: InsightsFormatter;
}

const cell: React.CSSProperties = {
  padding: 'var(--p-space-200) var(--p-space-300)',
  textAlign: 'right',
  whiteSpace: 'nowrap',
  borderBottom: 'var(--p-border-width-025) solid var(--p-color-border-secondary)',
  fontVariantNumeric: 'tabular-nums',
};
const header: React.CSSProperties = { ...cell, fontWeight: 600 };

/** A green of the given strength (0–1), dark text on light shades and light text on dark ones. */
function shade(strength: number): React.CSSProperties {
  const alpha = 0.08 + 0.72 * Math.min(Math.max(strength, 0), 1);
  return { background: `rgba(4, 123, 93, ${alpha.toFixed(3)})`, color: alpha > 0.5 ? '#fff' : undefined };
}

export function CohortsTable({ cohorts, format }: Props) {
  const { t } = useTranslation();
  const [measure, setMeasure] = useState<Measure>('repeatRate');
  const offsets = Math.max(0, ...cohorts.map((cohort) => cohort.months.length));
  const values = cohorts.flatMap((cohort) => cohort.months.map((month) => month[measure] ?? 0));
  const max = Math.max(0, ...values);
  const show = (value: number | null) =>
    value === null ? '—' : measure === 'repeatRate' ? format.percent(value) : format.money(value);
  return (
    <Card padding="0">
      <BlockStack gap="300">
        <Box paddingInline="400" paddingBlockStart="400">
          <InlineStack align="space-between" blockAlign="center" gap="300">
            <CardHeading
              title={t('insights.cohorts.tableTitle')}
              description={t(`insights.cohorts.measures.${measure}Help`)}
            />
            <ButtonGroup variant="segmented">
              {(['repeatRate', 'revenuePerCustomer'] as const).map((option) => (
                <Button key={option} pressed={measure === option} onClick={() => setMeasure(option)}>
                  {t(`insights.cohorts.measures.${option}`)}
                </Button>
              ))}
            </ButtonGroup>
          </InlineStack>
        </Box>
        {/* A scrollable region must be reachable by keyboard to scroll it (WCAG 2.1.1). */}
        {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
        <div style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={t('insights.cohorts.tableTitle')}>
          <table style={{ borderCollapse: 'collapse', width: '100%' }}>
            <caption>
              <Text as="span" visuallyHidden>
                {t('insights.cohorts.caption', { measure: t(`insights.cohorts.measures.${measure}`) })}
              </Text>
            </caption>
            <thead>
              <tr>
                <th scope="col" style={{ ...header, textAlign: 'left' }}>
                  {t('insights.cohorts.columns.cohort')}
                </th>
                <th scope="col" style={header}>
                  {t('insights.cohorts.columns.customers')}
                </th>
                {Array.from({ length: offsets }, (_, offset) => (
                  <th key={offset} scope="col" style={header}>
                    {t('insights.cohorts.columns.month', { offset })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {cohorts.map((cohort) => (
                <tr key={cohort.month}>
                  <th scope="row" style={{ ...header, textAlign: 'left' }}>
                    {format.month(cohort.month)}
                  </th>
                  <td style={cell}>{format.number(cohort.customers)}</td>
                  {Array.from({ length: offsets }, (_, offset) => {
                    const month = cohort.months[offset];
                    if (!month) return <td key={offset} style={cell} />;
                    const value = cohort.customers === 0 ? null : month[measure];
                    return (
                      <td key={offset} style={{ ...cell, ...(value !== null && max > 0 ? shade(value / max) : {}) }}>
                        {show(value)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </BlockStack>
    </Card>
  );
}
