/**
 * A list of findings in a card, weak and strong points together as the
 * rules ranked them (money at stake first), with an empty message when
 * nothing stands out. Findings are recomputed by a job as data changes,
 * never on page load; the card says when that is. Compact (Today, the
 * overview): the top few, with a link to the whole list.
 */
import { Box, Card, Divider, InlineStack, Link, Text } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import type { FindingView } from '../finding-view.server';
import { CardHeading } from './CardHeading';
import { FindingCard } from './FindingCard';
import type { FindingThresholds } from './finding-text';
import type { InsightsFormatter } from './insights-format';
import { useFindingAction } from './useFindingAction';

interface Props {
  title: string;
  findings: FindingView[];
  /** The rules' thresholds, from the loader. */
  thresholds: FindingThresholds;
  format: InsightsFormatter;
  empty: string;
  compact?: boolean;
}

export function FindingsList({ title, findings, thresholds, format, empty, compact }: Props) {
  const action = useFindingAction();
  const { t } = useTranslation();
  return (
    <Card padding="0">
      <Box paddingInline="400" paddingBlockStart="400" paddingBlockEnd="200">
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <CardHeading title={title} description={t('insights.findings.windowHelp')} />
          {compact ? <Link url="/app/insights/findings">{t('insights.findings.seeAll')}</Link> : null}
        </InlineStack>
      </Box>
      {findings.length === 0 ? (
        <Box paddingInline="400" paddingBlockEnd="400">
          <Text as="p" tone="subdued">
            {empty}
          </Text>
        </Box>
      ) : (
        <ul aria-label={title} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {findings.map((finding, index) => (
            <li key={finding.id}>
              {index > 0 ? <Divider /> : null}
              <FindingCard
                finding={finding}
                format={format}
                action={action}
                thresholds={thresholds}
                compact={compact}
              />
            </li>
          ))}
        </ul>
      )}
      <Box paddingInline="400" paddingBlockEnd="300">
        <Text as="p" variant="bodySm" tone="subdued">
          {t('insights.findings.recomputed')}
        </Text>
      </Box>
    </Card>
  );
}
