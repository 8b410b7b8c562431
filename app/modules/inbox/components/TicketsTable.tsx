/**
 * The inbox's tickets (Polaris IndexTable): number and subject (a link to
 * the ticket) with its tags, customer, status, priority, assignee,
 * first-reply deadline and last activity. Selected tickets can be given a status or an
 * assignee at once (bulk actions); pages are links carrying cursors, and
 * while another page loads its rows are skeletons.
 */
import {
  BlockStack,
  IndexTable,
  InlineStack,
  Link,
  SkeletonBodyText,
  Tag,
  Text,
  useIndexResourceState,
  type IndexTableProps,
} from '@shopify/polaris';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { TICKET_STATUSES } from '../vocabulary';
import { PriorityBadge, SlaBadge, StatusBadge } from './TicketBadges';
import type { StaffView, TicketRowView } from './types';
import type { InboxFormatter } from './useInboxFormat';

export type BulkChange = { intent: 'status'; status: string } | { intent: 'assign'; assigneeId: string | null };

interface Props {
  tickets: TicketRowView[];
  staff: StaffView[];
  format: InboxFormatter;
  /** A new page is on its way: skeleton rows instead of the old ones. */
  paging: boolean;
  /** Filters changed: keep the rows, mark the table as loading. */
  loading: boolean;
  previousUrl: string | null;
  nextUrl: string | null;
  emptyState: React.ReactNode;
  onBulk: (numbers: number[], change: BulkChange) => void;
}

const SKELETON_ROWS = 10;
const COLUMNS = 7;

function Customer({ ticket }: { ticket: TicketRowView }) {
  const { t } = useTranslation();
  return (
    <div style={{ maxWidth: '11rem' }}>
      <BlockStack>
        <Text as="span" truncate>
          {ticket.customerName || ticket.customerEmail || t('inbox.anonymous')}
        </Text>
        {ticket.customerName && ticket.customerEmail ? (
          <Text as="span" variant="bodySm" tone="subdued" truncate>
            {ticket.customerEmail}
          </Text>
        ) : null}
      </BlockStack>
    </div>
  );
}

export function TicketsTable({
  tickets,
  staff,
  format,
  paging,
  loading,
  previousUrl,
  nextUrl,
  emptyState,
  onBulk,
}: Props) {
  const { t } = useTranslation();
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } = useIndexResourceState(
    tickets.map((ticket) => ({ id: String(ticket.number) })),
  );
  // A new page or a new filter: nothing stays selected that is no longer shown.
  const shown = tickets.map((ticket) => ticket.number).join(',');
  useEffect(() => clearSelection(), [shown, clearSelection]);

  const selected = () =>
    (allResourcesSelected ? tickets.map((ticket) => String(ticket.number)) : selectedResources).map(Number);
  const bulk = (change: BulkChange) => () => onBulk(selected(), change);

  const bulkActions: IndexTableProps['bulkActions'] = [
    {
      title: t('inbox.bulk.setStatus'),
      items: TICKET_STATUSES.map((status) => ({
        content: t('inbox.bulk.markAs', { status: t(`inbox.status.${status}`).toLowerCase() }),
        onAction: bulk({ intent: 'status', status }),
      })),
    },
    {
      title: t('inbox.bulk.assign'),
      items: [
        ...staff.map((member) => ({
          content: t('inbox.bulk.assignTo', { name: member.name }),
          onAction: bulk({ intent: 'assign', assigneeId: member.id }),
        })),
        { content: t('inbox.bulk.unassign'), onAction: bulk({ intent: 'assign', assigneeId: null }) },
      ],
    },
  ];
  const promotedBulkActions: IndexTableProps['promotedBulkActions'] = [
    {
      content: t('inbox.bulk.markAs', { status: t('inbox.status.solved').toLowerCase() }),
      onAction: bulk({ intent: 'status', status: 'solved' }),
    },
  ];

  const rows = paging
    ? Array.from({ length: SKELETON_ROWS }, (_, index) => (
        <IndexTable.Row id={`skeleton-${index}`} key={`skeleton-${index}`} position={index} disabled>
          {Array.from({ length: COLUMNS }, (_, cell) => (
            <IndexTable.Cell key={cell}>
              <SkeletonBodyText lines={1} />
            </IndexTable.Cell>
          ))}
        </IndexTable.Row>
      ))
    : tickets.map((ticket, index) => (
        <IndexTable.Row
          id={String(ticket.number)}
          key={ticket.number}
          position={index}
          selected={allResourcesSelected || selectedResources.includes(String(ticket.number))}
          tone={ticket.sla.state === 'overdue' ? 'critical' : undefined}
        >
          <IndexTable.Cell>
            <div style={{ maxWidth: '17rem' }}>
              <BlockStack gap="100">
                <Link url={`/app/inbox/${ticket.number}`} dataPrimaryLink removeUnderline monochrome>
                  <Text as="span" fontWeight="semibold" truncate>
                    {t('inbox.ticketNumber', { number: ticket.number })} {ticket.subject || t('inbox.noSubject')}
                  </Text>
                </Link>
                {ticket.tags.length ? (
                  <InlineStack gap="100">
                    {ticket.tags.map((tag) => (
                      <Tag key={tag}>{tag}</Tag>
                    ))}
                  </InlineStack>
                ) : null}
              </BlockStack>
            </div>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <Customer ticket={ticket} />
          </IndexTable.Cell>
          <IndexTable.Cell>
            <StatusBadge status={ticket.status} />
          </IndexTable.Cell>
          <IndexTable.Cell>
            <PriorityBadge priority={ticket.priority} />
          </IndexTable.Cell>
          <IndexTable.Cell>
            <Text as="span" tone={ticket.assigneeName ? undefined : 'subdued'}>
              {ticket.assigneeName ?? t('inbox.unassigned')}
            </Text>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <SlaBadge sla={ticket.sla} format={format} />
          </IndexTable.Cell>
          <IndexTable.Cell>
            <Text as="span" tone="subdued">
              <time dateTime={ticket.lastMessageAt}>{format.compactDateTime(ticket.lastMessageAt)}</time>
            </Text>
          </IndexTable.Cell>
        </IndexTable.Row>
      ));

  return (
    <IndexTable
      resourceName={{ singular: t('inbox.resourceName.singular'), plural: t('inbox.resourceName.plural') }}
      itemCount={paging ? SKELETON_ROWS : tickets.length}
      selectedItemsCount={allResourcesSelected ? 'All' : selectedResources.length}
      onSelectionChange={handleSelectionChange}
      selectable={!paging}
      loading={loading}
      emptyState={emptyState}
      bulkActions={bulkActions}
      promotedBulkActions={promotedBulkActions}
      headings={[
        { title: t('inbox.columns.subject') },
        { title: t('inbox.columns.customer') },
        { title: t('inbox.columns.status') },
        { title: t('inbox.columns.priority') },
        { title: t('inbox.columns.assignee') },
        { title: t('inbox.columns.sla') },
        { title: t('inbox.columns.lastActivity') },
      ]}
      pagination={{
        hasPrevious: previousUrl !== null,
        previousURL: previousUrl ?? undefined,
        hasNext: nextUrl !== null,
        nextURL: nextUrl ?? undefined,
        accessibilityLabel: t('inbox.pagination.label'),
        accessibilityLabels: { previous: t('inbox.pagination.newer'), next: t('inbox.pagination.older') },
        previousTooltip: t('inbox.pagination.newer'),
        nextTooltip: t('inbox.pagination.older'),
      }}
    >
      {rows}
    </IndexTable>
  );
}
