/**
 * Tickets overdue on Today: how many customers wait past their first-reply
 * target, the most overdue few (number, subject as text, customer, when the
 * reply was due), and a link to all of them in the inbox.
 */
import { Badge, BlockStack, Box, Card, Divider, InlineStack, Link, Text } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import type { Formatter } from '~/i18n/format';
import type { TicketRowView } from '~/modules/inbox/components/types';

export const OVERDUE_INBOX_URL = '/app/inbox?overdue=1';

export function OverdueTicketsCard({
  count,
  tickets,
  format,
}: {
  count: number;
  tickets: TicketRowView[];
  format: Formatter;
}) {
  const { t } = useTranslation();
  return (
    <Card padding="0">
      <Box paddingInline="400" paddingBlockStart="400" paddingBlockEnd="200">
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <BlockStack gap="100">
            <Text as="h2" variant="headingMd">
              {t('inbox.today.title')}
            </Text>
            <Text as="p" variant="bodySm" tone="subdued">
              {t('inbox.today.description')}
            </Text>
          </BlockStack>
          {count > 0 ? <Badge tone="critical">{t('inbox.today.count', { count })}</Badge> : null}
        </InlineStack>
      </Box>
      {count === 0 ? (
        <Box paddingInline="400" paddingBlockEnd="400">
          <Text as="p" tone="subdued">
            {t('inbox.today.none')}
          </Text>
        </Box>
      ) : (
        <>
          <BlockStack as="ul">
            {tickets.map((ticket, index) => (
              <li key={ticket.number}>
                {index > 0 ? <Divider /> : null}
                <Box paddingInline="400" paddingBlock="300">
                  <BlockStack gap="100">
                    <Link url={`/app/inbox/${ticket.number}`} removeUnderline>
                      <Text as="span" fontWeight="semibold" truncate>
                        {t('inbox.ticketNumber', { number: ticket.number })} {ticket.subject || t('inbox.noSubject')}
                      </Text>
                    </Link>
                    <Text as="p" variant="bodySm" tone="subdued">
                      {ticket.customerName || ticket.customerEmail || t('inbox.anonymous')} ·{' '}
                      {ticket.sla.state === 'overdue' ? (
                        <time dateTime={ticket.sla.dueAt}>
                          {t('inbox.today.since', { time: format.shortDateTime(ticket.sla.dueAt) })}
                        </time>
                      ) : null}
                    </Text>
                  </BlockStack>
                </Box>
              </li>
            ))}
          </BlockStack>
          <Divider />
          <Box padding="400">
            <Link url={OVERDUE_INBOX_URL}>{t('inbox.today.seeAll')}</Link>
          </Box>
        </>
      )}
    </Card>
  );
}
