/**
 * A ticket's conversation, oldest first: the customer's messages, the
 * replies (with whether the e-mail went out) and the team's internal notes,
 * which look different (a dashed, warm box marked "Internal note") so no
 * one mistakes them for something the customer saw. Every body is rendered
 * as text by React (escaped), its line breaks kept with white-space: pre-wrap.
 */
import { Badge, BlockStack, Box, Card, InlineStack, Text } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import type { Formatter } from '~/i18n/format';
import type { MessageView } from './types';

const BODY_STYLE: React.CSSProperties = { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0 };

function MailStatus({ message }: { message: MessageView }) {
  const { t } = useTranslation();
  if (message.direction !== 'out' || !message.mailStatus) return null;
  const label =
    message.mailStatus === 'failed'
      ? message.mailError
        ? t('inbox.ticket.mail.failed', { error: message.mailError })
        : t('inbox.ticket.mail.failedUnknown')
      : t(`inbox.ticket.mail.${message.mailStatus}`);
  const tone = message.mailStatus === 'sent' ? 'success' : message.mailStatus === 'failed' ? 'critical' : undefined;
  return (
    <Badge tone={tone} size="small">
      {label}
    </Badge>
  );
}

function author(t: (key: string) => string, message: MessageView, customerName: string): string {
  if (message.direction === 'in') return message.authorName || customerName;
  if (message.authorType === 'steward') return t('inbox.ticket.fromSteward');
  return message.authorName || t('inbox.ticket.fromStaff');
}

function Message({ message, customerName, format }: { message: MessageView; customerName: string; format: Formatter }) {
  const { t } = useTranslation();
  const note = message.direction === 'note';
  const outbound = message.direction === 'out';
  return (
    <article aria-label={note ? t('inbox.ticket.note') : author(t, message, customerName)}>
      <Box
        padding="400"
        borderRadius="300"
        borderWidth={note ? '050' : '025'}
        borderStyle={note ? 'dashed' : 'solid'}
        borderColor={note ? 'border-caution' : outbound ? 'border-info' : 'border'}
        background={note ? 'bg-surface-caution' : outbound ? 'bg-surface-info' : 'bg-surface'}
      >
        <BlockStack gap="200">
          <InlineStack align="space-between" blockAlign="center" gap="200">
            <InlineStack gap="200" blockAlign="center">
              <Text as="h3" variant="headingSm">
                {author(t, message, customerName)}
              </Text>
              {note ? <Badge tone="warning">{t('inbox.ticket.note')}</Badge> : null}
              {message.direction === 'in' ? <Badge>{t('inbox.ticket.fromCustomer')}</Badge> : null}
              <MailStatus message={message} />
            </InlineStack>
            <Text as="span" variant="bodySm" tone="subdued">
              <time dateTime={message.createdAt}>{format.shortDateTime(message.createdAt)}</time>
            </Text>
          </InlineStack>
          <p style={BODY_STYLE}>{message.body}</p>
        </BlockStack>
      </Box>
    </article>
  );
}

export function Thread({
  messages,
  customerName,
  format,
}: {
  messages: MessageView[];
  customerName: string;
  format: Formatter;
}) {
  const { t } = useTranslation();
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          {t('inbox.ticket.thread')}
        </Text>
        <BlockStack as="ol" gap="300">
          {messages.map((message) => (
            <li key={message.id}>
              <Message message={message} customerName={customerName} format={format} />
            </li>
          ))}
        </BlockStack>
      </BlockStack>
    </Card>
  );
}
