/**
 * One ticket: the conversation with the internal notes, the reply box
 * (templates filled for this customer and order, preview, send and set the
 * status), the ticket's status, priority, assignee and tags, the customer
 * with their last orders beside it, and their rating once given. Its action
 * carries out what the page posts.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData, useLocation, useNavigation, useRevalidator } from '@remix-run/react';
import { TitleBar } from '@shopify/app-bridge-react';
import { BlockStack, InlineStack, Layout, Page } from '@shopify/polaris';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import prisma from '~/db.server';
import { Composer } from '~/modules/inbox/components/Composer';
import { CustomerCard } from '~/modules/inbox/components/CustomerCard';
import { InboxErrorBoundary } from '~/modules/inbox/components/InboxErrorBoundary';
import { InboxSkeleton } from '~/modules/inbox/components/InboxSkeleton';
import { RatingCard } from '~/modules/inbox/components/RatingCard';
import { PriorityBadge, StatusBadge } from '~/modules/inbox/components/TicketBadges';
import { propertiesKey, TicketProperties } from '~/modules/inbox/components/TicketProperties';
import { Thread } from '~/modules/inbox/components/Thread';
import { useInboxFormat } from '~/modules/inbox/components/useInboxFormat';
import { applyTicketForm } from '~/modules/inbox/page-actions.server';
import { loadTicketPage, ticketNumber } from '~/modules/inbox/pages.server';
import { withAdmin } from '~/platform/shopify/admin-request.server';

const MAIL_POLL_MS = 3000;

export const loader = ({ request, params }: LoaderFunctionArgs) =>
  withAdmin(request, (admin) => loadTicketPage(prisma, admin, ticketNumber(params.number)));

export const action = ({ request, params }: ActionFunctionArgs) =>
  withAdmin(request, (admin) => applyTicketForm(prisma, request, admin, ticketNumber(params.number)));

export default function Ticket() {
  const { ticket, customer, staff, templates, emailConfigured, ...shop } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const navigation = useNavigation();
  const location = useLocation();
  const format = useInboxFormat(shop);
  const revalidator = useRevalidator();

  // A reply's mail goes out from a job: look again until none is on its way.
  const sending = ticket.messages.some((message) => message.mailStatus === 'queued');
  useEffect(() => {
    if (!sending) return;
    const timer = setInterval(() => revalidator.state === 'idle' && revalidator.revalidate(), MAIL_POLL_MS);
    return () => clearInterval(timer);
  }, [sending, revalidator]);

  // Another ticket, or the list, on its way (not a revalidation of this one): skeletons.
  if (navigation.state === 'loading' && navigation.location.pathname !== location.pathname) {
    if (/^\/app\/inbox\/\d+$/.test(navigation.location.pathname))
      return <InboxSkeleton title={t('inbox.title')} kind="ticket" />;
    if (navigation.location.pathname === '/app/inbox') return <InboxSkeleton title={t('inbox.title')} kind="list" />;
  }

  const customerName = customer.name || customer.email || t('inbox.anonymous');
  const title = t('inbox.ticket.title', { number: ticket.number, subject: ticket.subject || t('inbox.noSubject') });
  return (
    <Page
      backAction={{ content: t('inbox.ticket.back'), url: '/app/inbox' }}
      title={title}
      titleMetadata={
        <InlineStack gap="100">
          <StatusBadge status={ticket.status} />
          <PriorityBadge priority={ticket.priority} />
        </InlineStack>
      }
      subtitle={[
        t('inbox.ticket.opened', {
          time: format.shortDateTime(ticket.createdAt),
          channel: t(`inbox.channel.${ticket.channel}`).toLowerCase(),
        }),
        ...(ticket.topic ? [t('inbox.ticket.topic', { topic: t(`inbox.topic.${ticket.topic}`) })] : []),
        ...(ticket.orderRef ? [t('inbox.ticket.orderRef', { order: ticket.orderRef })] : []),
      ].join(' · ')}
    >
      <TitleBar title={t('inbox.ticketNumber', { number: ticket.number })} />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Thread messages={ticket.messages} customerName={customerName} format={format} />
            <Composer
              templates={templates}
              emailConfigured={emailConfigured}
              hasRecipient={Boolean(ticket.customerEmail)}
              closed={ticket.status === 'closed'}
            />
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <TicketProperties key={propertiesKey(ticket)} ticket={ticket} staff={staff} format={format} />
            <CustomerCard
              customer={customer}
              wroteFrom={
                ticket.customerEmail && ticket.customerEmail.toLowerCase() !== customer.email?.toLowerCase()
                  ? ticket.customerEmail
                  : null
              }
              format={format}
            />
            <RatingCard ticket={ticket} format={format} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export const ErrorBoundary = InboxErrorBoundary;
