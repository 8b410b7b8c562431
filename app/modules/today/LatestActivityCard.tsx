/**
 * The latest entries of the activity log on Today: when (shop time zone),
 * what happened in the reader's language, and a link to the record; the
 * whole log is one click away.
 */
import { BlockStack, Box, Card, Divider, InlineStack, Link, Text } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import type { Formatter } from '~/i18n/format';
import { entrySentence } from '~/modules/activity/sentence';
import type { ActivityView } from '~/modules/activity/types';

export function LatestActivityCard({ entries, format }: { entries: ActivityView[]; format: Formatter }) {
  const { t, i18n } = useTranslation();
  return (
    <Card padding="0">
      <Box paddingInline="400" paddingBlockStart="400" paddingBlockEnd="200">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {t('home.activity.title')}
          </Text>
          <Link url="/app/activity">{t('home.activity.seeAll')}</Link>
        </InlineStack>
      </Box>
      {entries.length === 0 ? (
        <Box paddingInline="400" paddingBlockEnd="400">
          <Text as="p" tone="subdued">
            {t('home.activity.none')}
          </Text>
        </Box>
      ) : (
        <ul aria-label={t('home.activity.title')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {entries.map((entry, index) => (
            <li key={entry.id}>
              {index > 0 ? <Divider /> : null}
              <Box paddingInline="400" paddingBlock="300">
                <BlockStack gap="100">
                  <Text as="p" breakWord>
                    {entry.link ? (
                      <Link url={entry.link.href} target={entry.link.external ? '_top' : undefined} removeUnderline>
                        {entrySentence(i18n, entry)}
                      </Link>
                    ) : (
                      entrySentence(i18n, entry)
                    )}
                  </Text>
                  <Text as="p" variant="bodySm" tone="subdued">
                    <time dateTime={entry.occurredAt}>{format.shortDateTime(entry.occurredAt)}</time>
                  </Text>
                </BlockStack>
              </Box>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
