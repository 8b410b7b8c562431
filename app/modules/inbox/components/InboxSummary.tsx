/**
 * Above the list: open tickets, how many wait past their first-reply target
 * (a link to them) and the customers' average satisfaction (1–5) with how
 * many ratings it rests on. Counts follow the filters in use.
 */
import { BlockStack, Card, InlineGrid, InlineStack, Link, Text } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import type { Formatter } from '~/i18n/format';
import { Stars } from './RatingCard';

interface Props {
  open: number;
  overdue: number;
  overdueUrl: string;
  satisfaction: { average: number | null; count: number };
  format: Formatter;
}

function Tile({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Card>
      <section aria-label={label}>
        <BlockStack gap="200">
          <Text as="h2" variant="headingSm" tone="subdued">
            {label}
          </Text>
          {children}
        </BlockStack>
      </section>
    </Card>
  );
}

export function InboxSummary({ open, overdue, overdueUrl, satisfaction, format }: Props) {
  const { t } = useTranslation();
  return (
    <InlineGrid columns={{ xs: 1, sm: 3 }} gap="400">
      <Tile label={t('inbox.summary.open')}>
        <Text as="p" variant="headingXl">
          {format.number(open)}
        </Text>
      </Tile>
      <Tile label={t('inbox.summary.overdue')}>
        <Text as="p" variant="headingXl" tone={overdue > 0 ? 'critical' : undefined}>
          {overdue > 0 ? (
            <Link
              url={overdueUrl}
              monochrome
              removeUnderline
              accessibilityLabel={t('inbox.summary.overdueLink', { count: overdue })}
            >
              {format.number(overdue)}
            </Link>
          ) : (
            format.number(0)
          )}
        </Text>
      </Tile>
      <Tile label={t('inbox.summary.satisfaction')}>
        {satisfaction.average === null ? (
          <Text as="p" variant="headingMd" tone="subdued">
            {t('inbox.summary.noRatings')}
          </Text>
        ) : (
          <InlineStack gap="200" blockAlign="baseline">
            <Text as="p" variant="headingXl">
              {t('inbox.summary.satisfactionValue', { average: format.number(satisfaction.average) })}
            </Text>
            <Stars rating={Math.round(satisfaction.average)} />
            <Text as="span" tone="subdued">
              {t('inbox.summary.ratings', { count: satisfaction.count })}
            </Text>
          </InlineStack>
        )}
      </Tile>
    </InlineGrid>
  );
}
