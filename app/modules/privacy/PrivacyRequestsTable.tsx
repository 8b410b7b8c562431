/**
 * The privacy requests table (Polaris IndexTable): what Shopify asked on the
 * customer's behalf, when it arrived and was carried out, and, for a data
 * request, the export to download.
 */
import { Badge, BlockStack, Button, IndexTable, Text } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import type { Formatter } from '~/i18n/format';
import type { PrivacyRequestView } from './requests.server';

interface Props {
  requests: PrivacyRequestView[];
  format: Formatter;
  /** The id of the export being downloaded, if any. */
  downloading: string | null;
  onDownload: (request: PrivacyRequestView) => void;
  pagination: { hasNext: boolean; onNext: () => void; hasPrevious: boolean; onPrevious: () => void };
}

function When({ value, format }: { value: string; format: Formatter }) {
  return <time dateTime={value}>{format.shortDateTime(value)}</time>;
}

function ExportCell({
  request,
  format,
  downloading,
  onDownload,
}: Omit<Props, 'requests' | 'pagination'> & {
  request: PrivacyRequestView;
}) {
  const { t } = useTranslation();
  if (request.exportState === 'erased')
    return (
      <Text as="span" tone="subdued">
        {t('privacy.export.erased')}
      </Text>
    );
  if (request.exportState === 'none')
    return (
      <Text as="span" tone="subdued">
        —
      </Text>
    );
  return (
    <BlockStack gap="100" inlineAlign="start">
      <Button
        size="slim"
        onClick={() => onDownload(request)}
        loading={downloading === request.id}
        accessibilityLabel={t('privacy.export.downloadFor', { customer: request.customerId ?? '' })}
      >
        {t('privacy.export.download')}
      </Button>
      {request.downloadedAt ? (
        <Text as="span" variant="bodySm" tone="subdued">
          {t('privacy.export.downloadedAt', { when: format.shortDateTime(request.downloadedAt) })}
        </Text>
      ) : null}
    </BlockStack>
  );
}

export function PrivacyRequestsTable({ requests, format, downloading, onDownload, pagination }: Props) {
  const { t } = useTranslation();
  return (
    <IndexTable
      resourceName={{ singular: t('privacy.resource.singular'), plural: t('privacy.resource.plural') }}
      itemCount={requests.length}
      selectable={false}
      headings={[
        { title: t('privacy.columns.topic') },
        { title: t('privacy.columns.customer') },
        { title: t('privacy.columns.received') },
        { title: t('privacy.columns.completed') },
        { title: t('privacy.columns.export') },
      ]}
      pagination={pagination}
    >
      {requests.map((request, index) => (
        <IndexTable.Row id={request.id} key={request.id} position={index}>
          <IndexTable.Cell>
            <Text as="span" fontWeight="medium">
              {t(request.topic === 'customers/redact' ? 'privacy.topic.redact' : 'privacy.topic.dataRequest')}
            </Text>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <BlockStack>
              <Text as="span">{t('privacy.customer', { id: request.customerId ?? '—' })}</Text>
              {request.customerEmail ? (
                <Text as="span" variant="bodySm" tone="subdued">
                  {request.customerEmail}
                </Text>
              ) : null}
            </BlockStack>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <When value={request.receivedAt} format={format} />
          </IndexTable.Cell>
          <IndexTable.Cell>
            {request.completedAt ? (
              <When value={request.completedAt} format={format} />
            ) : (
              <Badge tone="attention">{t('privacy.pending')}</Badge>
            )}
          </IndexTable.Cell>
          <IndexTable.Cell>
            <ExportCell request={request} format={format} downloading={downloading} onDownload={onDownload} />
          </IndexTable.Cell>
        </IndexTable.Row>
      ))}
    </IndexTable>
  );
}
