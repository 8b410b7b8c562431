/**
 * A ticket's status, priority, assignee and tags, edited in place. Changes
 * are kept in the form until saved: App Bridge's save bar appears while
 * anything differs from the ticket, and Save posts them together (each
 * change is logged to the activity log by the module). Give the component a
 * key built from the saved values so it starts again from them after a save.
 */
import { useFetcher } from '@remix-run/react';
import { useAppBridge } from '@shopify/app-bridge-react';
import { BlockStack, Button, Card, Form, InlineStack, Select, Tag, Text, TextField } from '@shopify/polaris';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRIORITIES, TICKET_STATUSES } from '../vocabulary';
import type { TicketActionResult } from '../page-actions.server';
import { FormSaveBar } from './FormSaveBar';
import { SlaBadge } from './TicketBadges';
import type { StaffView, TicketView } from './types';
import type { InboxFormatter } from './useInboxFormat';
import { useFetcherResult } from './useFetcherResult';

const SAVE_BAR_ID = 'inbox-ticket-save-bar';
const MAX_TAG = 40;

/** The key that makes the form start again from a ticket's saved values. */
export const propertiesKey = (ticket: TicketView) =>
  [ticket.status, ticket.priority, ticket.assigneeId ?? '', ...ticket.tags].join('|');

export function TicketProperties({
  ticket,
  staff,
  format,
}: {
  ticket: TicketView;
  staff: StaffView[];
  format: InboxFormatter;
}) {
  const { t } = useTranslation();
  const shopify = useAppBridge();
  const fetcher = useFetcher<TicketActionResult>();
  const saved = {
    status: ticket.status,
    priority: ticket.priority,
    assigneeId: ticket.assigneeId ?? '',
    tags: ticket.tags,
  };
  const [form, setForm] = useState(saved);
  const [newTag, setNewTag] = useState('');
  const closed = ticket.status === 'closed';
  const dirty =
    form.status !== saved.status ||
    form.priority !== saved.priority ||
    form.assigneeId !== saved.assigneeId ||
    form.tags.join('\n') !== saved.tags.join('\n');
  const errors = fetcher.data && !fetcher.data.ok ? fetcher.data.errors : {};

  useFetcherResult(fetcher, (result) => {
    if (result.ok) shopify.toast.show(t('inbox.properties.saved'));
    else shopify.toast.show(t('inbox.saveFailed'), { isError: true });
  });

  const save = () => {
    const data = new FormData();
    data.set('intent', 'update');
    data.set('status', form.status);
    data.set('priority', form.priority);
    data.set('assigneeId', form.assigneeId);
    for (const tag of form.tags) data.append('tags', tag);
    fetcher.submit(data, { method: 'post' });
  };
  const discard = () => {
    setForm(saved);
    setNewTag('');
  };
  const addTags = (text: string) => {
    const added = text
      .split(',')
      .map((tag) => tag.trim().slice(0, MAX_TAG))
      .filter((tag) => tag && !form.tags.includes(tag));
    if (added.length) setForm({ ...form, tags: [...form.tags, ...new Set(added)] });
    setNewTag('');
  };

  const assignees = [
    { label: t('inbox.unassigned'), value: '' },
    ...staff.map((member) => ({ label: member.name, value: member.id })),
    ...(ticket.assigneeId && !staff.some((member) => member.id === ticket.assigneeId)
      ? [{ label: ticket.assigneeName ?? ticket.assigneeId, value: ticket.assigneeId }]
      : []),
  ];

  return (
    <Card>
      <FormSaveBar id={SAVE_BAR_ID} open={dirty} busy={fetcher.state !== 'idle'} onSave={save} onDiscard={discard} />
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t('inbox.properties.title')}
        </Text>
        <Select
          label={t('inbox.properties.status')}
          options={TICKET_STATUSES.map((status) => ({ label: t(`inbox.status.${status}`), value: status }))}
          value={form.status}
          onChange={(status) => setForm({ ...form, status })}
          disabled={closed}
          helpText={closed ? t('inbox.properties.closedHelp') : undefined}
          error={errors.status ? t('inbox.rule.errors.invalid') : undefined}
        />
        <Select
          label={t('inbox.properties.priority')}
          options={[...PRIORITIES]
            .reverse()
            .map((priority) => ({ label: t(`inbox.priority.${priority}`), value: priority }))}
          value={form.priority}
          onChange={(priority) => setForm({ ...form, priority })}
          disabled={closed}
          error={errors.priority ? t('inbox.rule.errors.invalid') : undefined}
        />
        <Select
          label={t('inbox.properties.assignee')}
          options={assignees}
          value={form.assigneeId}
          onChange={(assigneeId) => setForm({ ...form, assigneeId })}
          disabled={closed}
          error={errors.assigneeId ? t('inbox.rule.errors.invalid') : undefined}
        />
        <BlockStack gap="200">
          {/* Enter adds the tag typed. */}
          <Form onSubmit={() => addTags(newTag)}>
            <TextField
              label={t('inbox.properties.tags')}
              value={newTag}
              onChange={(value) => (value.includes(',') ? addTags(value) : setNewTag(value))}
              onBlur={() => newTag.trim() && addTags(newTag)}
              helpText={t('inbox.properties.tagsHelp')}
              autoComplete="off"
              disabled={closed}
              error={errors.tags ? t('inbox.rule.errors.too_long') : undefined}
              connectedRight={
                <Button submit disabled={closed || !newTag.trim()}>
                  {t('inbox.properties.addTag')}
                </Button>
              }
            />
          </Form>
          {form.tags.length ? (
            <InlineStack gap="100">
              {form.tags.map((tag) => (
                <Tag
                  key={tag}
                  onRemove={
                    closed ? undefined : () => setForm({ ...form, tags: form.tags.filter((kept) => kept !== tag) })
                  }
                  accessibilityLabel={t('inbox.properties.removeTag', { tag })}
                >
                  {tag}
                </Tag>
              ))}
            </InlineStack>
          ) : null}
        </BlockStack>
        <BlockStack gap="100">
          <Text as="h3" variant="headingSm">
            {t('inbox.properties.sla')}
          </Text>
          <SlaBadge sla={ticket.sla} format={format} />
        </BlockStack>
      </BlockStack>
    </Card>
  );
}
