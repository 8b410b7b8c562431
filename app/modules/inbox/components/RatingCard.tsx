/**
 * The customer's satisfaction with this ticket, 1–5, with their comment
 * (as text), or where the request stands when they have not rated yet.
 */
import { BlockStack, Card, InlineStack, Text } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import type { Formatter } from '~/i18n/format';
import type { TicketView } from './types';

export function Stars({ rating }: { rating: number }) {
  const { t } = useTranslation();
  return (
    <span role="img" aria-label={t('inbox.rating.stars', { rating })} style={{ letterSpacing: '0.1em' }}>
      <span aria-hidden style={{ color: 'var(--p-color-icon-caution)' }}>
        {'★'.repeat(rating)}
      </span>
      <span aria-hidden style={{ color: 'var(--p-color-icon-disabled)' }}>
        {'★'.repeat(5 - rating)}
      </span>
    </span>
  );
}

export function RatingCard({ ticket, format }: { ticket: TicketView; format: Formatter }) {
  const { t } = useTranslation();
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {t('inbox.rating.title')}
        </Text>
        {ticket.rating !== null ? (
          <BlockStack gap="200">
            <InlineStack gap="200" blockAlign="center">
              <Text as="span" variant="headingLg">
                <Stars rating={ticket.rating} />
              </Text>
              <Text as="span" tone="subdued">
                {t('inbox.rating.value', { rating: ticket.rating })}
              </Text>
            </InlineStack>
            {ticket.ratingComment ? (
              <p style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0 }}>{ticket.ratingComment}</p>
            ) : null}
            {ticket.ratedAt ? (
              <Text as="p" variant="bodySm" tone="subdued">
                {t('inbox.rating.ratedAt', { time: format.shortDateTime(ticket.ratedAt) })}
              </Text>
            ) : null}
          </BlockStack>
        ) : (
          <Text as="p" tone="subdued">
            {ticket.satisfactionSentAt
              ? t('inbox.rating.requestSent', { time: format.shortDateTime(ticket.satisfactionSentAt) })
              : t('inbox.rating.afterSolved')}
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}
