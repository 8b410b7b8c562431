/**
 * Beside the thread: who wrote (name, e-mail), what they have spent and
 * their last orders with their payment and fulfilment status, each a link
 * to Shopify admin (opened in the admin's window, outside the app's frame).
 * A visitor without an account shows as the name and address they typed.
 */
import { Badge, BlockStack, Box, Card, Divider, InlineStack, Link, Text } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import type { Formatter } from '~/i18n/format';
import type { CustomerView, OrderView } from './types';

function OrderStatus({ order }: { order: OrderView }) {
  const { t } = useTranslation();
  const label = (kind: 'financial' | 'fulfillment', status: string | null) =>
    status
      ? t(`inbox.orderStatus.${kind}.${status.toLowerCase()}`, {
          defaultValue: status.toLowerCase().replace(/_/g, ' '),
        })
      : null;
  const financial = label('financial', order.financialStatus);
  const fulfillment = label('fulfillment', order.fulfillmentStatus ?? 'unfulfilled');
  return (
    <InlineStack gap="100">
      {financial ? (
        <Badge tone={order.financialStatus?.toLowerCase() === 'paid' ? undefined : 'warning'} size="small">
          {financial}
        </Badge>
      ) : null}
      {fulfillment ? (
        <Badge
          tone={order.fulfillmentStatus?.toLowerCase() === 'fulfilled' ? undefined : 'attention'}
          progress={order.fulfillmentStatus?.toLowerCase() === 'fulfilled' ? 'complete' : 'incomplete'}
          size="small"
        >
          {fulfillment}
        </Badge>
      ) : null}
    </InlineStack>
  );
}

export function CustomerCard({
  customer,
  wroteFrom,
  format,
}: {
  customer: CustomerView;
  /** The address the customer typed in the form, when it is not their account's. */
  wroteFrom: string | null;
  format: Formatter;
}) {
  const { t } = useTranslation();
  const name = customer.name || customer.email || t('inbox.anonymous');
  return (
    <Card padding="0">
      <Box padding="400">
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            {t('inbox.customer.title')}
          </Text>
          {customer.id === null ? (
            <Text as="p" variant="bodySm" tone="subdued">
              {t('inbox.customer.unknown')}
            </Text>
          ) : null}
          <BlockStack gap="050">
            {customer.adminUrl ? (
              <Link url={customer.adminUrl} target="_top" removeUnderline>
                <Text as="span" fontWeight="semibold" breakWord>
                  {name}
                </Text>
              </Link>
            ) : (
              <Text as="p" fontWeight="semibold" breakWord>
                {name}
              </Text>
            )}
            {customer.email && customer.name ? (
              <Text as="p" tone="subdued" breakWord>
                {customer.email}
              </Text>
            ) : null}
            {wroteFrom ? (
              <Text as="p" variant="bodySm" tone="subdued" breakWord>
                {t('inbox.customer.wroteFrom', { email: wroteFrom })}
              </Text>
            ) : null}
          </BlockStack>
          {customer.id !== null ? (
            <InlineStack gap="400">
              <BlockStack gap="050">
                <Text as="p" variant="bodySm" tone="subdued">
                  {t('inbox.customer.totalSpent')}
                </Text>
                <Text as="p" variant="headingSm">
                  {customer.totalSpent ? format.money(customer.totalSpent.amount) : '—'}
                </Text>
              </BlockStack>
              {customer.numberOfOrders !== null ? (
                <BlockStack gap="050">
                  <Text as="p" variant="bodySm" tone="subdued">
                    {t('inbox.customer.ordersLabel')}
                  </Text>
                  <Text as="p" variant="headingSm">
                    {t('inbox.customer.orders', { count: customer.numberOfOrders })}
                  </Text>
                </BlockStack>
              ) : null}
            </InlineStack>
          ) : null}
        </BlockStack>
      </Box>
      {customer.id !== null ? (
        <>
          <Divider />
          <Box padding="400">
            <BlockStack gap="300">
              <Text as="h3" variant="headingSm">
                {t('inbox.customer.lastOrders')}
              </Text>
              {customer.lastOrders.length === 0 ? (
                <Text as="p" tone="subdued">
                  {t('inbox.customer.noOrders')}
                </Text>
              ) : (
                <BlockStack as="ul" gap="300">
                  {customer.lastOrders.map((order) => (
                    <li key={order.id}>
                      <BlockStack gap="100">
                        <InlineStack align="space-between" blockAlign="center" gap="200">
                          <Link
                            url={order.adminUrl}
                            target="_top"
                            accessibilityLabel={t('inbox.customer.orderLink', { name: order.name })}
                          >
                            {order.name}
                          </Link>
                          <Text as="span" numeric>
                            {format.money(order.total)}
                          </Text>
                        </InlineStack>
                        {order.processedAt ? (
                          <Text as="p" variant="bodySm" tone="subdued">
                            <time dateTime={order.processedAt}>{format.date(order.processedAt)}</time>
                          </Text>
                        ) : null}
                        <OrderStatus order={order} />
                      </BlockStack>
                    </li>
                  ))}
                </BlockStack>
              )}
            </BlockStack>
          </Box>
        </>
      ) : null}
    </Card>
  );
}
