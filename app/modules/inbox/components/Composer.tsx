/**
 * The reply box under a ticket's thread. Reply: pick a template and the
 * server fills its variables from this ticket's customer and order (the
 * filled text lands in the box, to edit); Preview shows the text exactly as
 * the customer will read it, with any variable that could not be filled;
 * Send, or send and set the status. Internal note: text only the team sees.
 * What was typed stays when sending fails, with the reason under the field.
 */
import { useFetcher } from '@remix-run/react';
import { useAppBridge } from '@shopify/app-bridge-react';
import {
  Banner,
  BlockStack,
  Box,
  Button,
  ButtonGroup,
  Card,
  InlineStack,
  List,
  Link,
  Select,
  Spinner,
  Text,
  TextField,
} from '@shopify/polaris';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketActionResult } from '../page-actions.server';
import type { RenderedView, TemplateView } from './types';
import { useFetcherResult } from './useFetcherResult';

interface Props {
  templates: TemplateView[];
  emailConfigured: boolean;
  hasRecipient: boolean;
  closed: boolean;
}

type Mode = 'reply' | 'note';

function Problems({ problems }: { problems: RenderedView['problems'] }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <Banner tone="warning">
      <List>
        {problems.map((problem) => (
          <List.Item key={problem.variable}>
            {t(problem.reason === 'unknown' ? 'inbox.composer.problemUnknown' : 'inbox.composer.problemMissing', {
              variable: `{{${problem.variable}}}`,
              interpolation: { escapeValue: false },
            })}
          </List.Item>
        ))}
      </List>
    </Banner>
  );
}

export function Composer({ templates, emailConfigured, hasRecipient, closed }: Props) {
  const { t } = useTranslation();
  const shopify = useAppBridge();
  const [mode, setMode] = useState<Mode>('reply');
  const [body, setBody] = useState('');
  const [note, setNote] = useState('');
  const [templateId, setTemplateId] = useState('');
  const [preview, setPreview] = useState<RenderedView | null>(null);
  const render = useFetcher<TicketActionResult>();
  const send = useFetcher<TicketActionResult>();
  const rendering = render.state !== 'idle';
  const sending = send.state !== 'idle';
  /** What the pending render is for: filling the box from a template, or only previewing it. */
  const [renderFor, setRenderFor] = useState<'fill' | 'preview'>('preview');

  useFetcherResult(render, (result) => {
    if (!result.ok || result.intent !== 'render') return;
    if (renderFor === 'fill') setBody(result.rendered.text);
    setPreview(result.rendered);
  });
  useFetcherResult(send, (result) => {
    if (!result.ok) return;
    if (result.intent === 'note') {
      setNote('');
      shopify.toast.show(t('inbox.composer.noted'));
    } else if (result.intent === 'reply') {
      setBody('');
      setTemplateId('');
      setPreview(null);
      shopify.toast.show(
        result.mailStatus === 'not_configured' ? t('inbox.composer.stored') : t('inbox.composer.sent'),
      );
    }
  });

  const chooseTemplate = (id: string) => {
    setTemplateId(id);
    if (!id) return;
    setRenderFor('fill');
    render.submit({ intent: 'render', templateId: id }, { method: 'post' });
  };
  const showPreview = () => {
    setRenderFor('preview');
    render.submit({ intent: 'render', body }, { method: 'post' });
  };
  const submitReply = (status?: string) =>
    send.submit({ intent: 'reply', body, templateId, ...(status ? { status } : {}) }, { method: 'post' });
  const submitNote = () => send.submit({ intent: 'note', body: note }, { method: 'post' });

  const failed = send.data && !send.data.ok && send.data.intent === mode ? send.data : null;
  const errorOf = (field: string) => {
    const code = failed?.errors[field];
    return code ? t(`inbox.composer.errors.${code}`, { defaultValue: t('inbox.composer.errors.invalid') }) : undefined;
  };
  // Not about the text: a closed ticket (status), a template since deleted, a form the page did not send right.
  const otherCode = failed ? (failed.errors.status ?? failed.errors.templateId ?? failed.errors.form) : undefined;
  const formError = otherCode
    ? t(`inbox.composer.errors.${otherCode}`, { defaultValue: t('inbox.composer.errors.invalid') })
    : null;

  if (closed) {
    return (
      <Card>
        <Text as="p" tone="subdued">
          {t('inbox.composer.closed')}
        </Text>
      </Card>
    );
  }

  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <Text as="h2" variant="headingMd">
            {t('inbox.composer.label')}
          </Text>
          <ButtonGroup variant="segmented">
            <Button pressed={mode === 'reply'} onClick={() => setMode('reply')}>
              {t('inbox.composer.reply')}
            </Button>
            <Button pressed={mode === 'note'} onClick={() => setMode('note')}>
              {t('inbox.composer.note')}
            </Button>
          </ButtonGroup>
        </InlineStack>
        {formError ? <Banner tone="critical">{formError}</Banner> : null}
        {mode === 'reply' ? (
          <BlockStack gap="300">
            {!emailConfigured ? (
              <Banner tone="info">{t('inbox.composer.noEmail')}</Banner>
            ) : !hasRecipient ? (
              <Banner tone="info">{t('inbox.composer.noRecipient')}</Banner>
            ) : null}
            <InlineStack gap="200" blockAlign="end" wrap={false}>
              <div style={{ flex: 1 }}>
                <Select
                  label={t('inbox.composer.template')}
                  options={[
                    {
                      label: templates.length ? t('inbox.composer.noTemplate') : t('inbox.composer.noTemplates'),
                      value: '',
                    },
                    ...templates.map((template) => ({ label: template.name, value: template.id })),
                  ]}
                  value={templateId}
                  onChange={chooseTemplate}
                  disabled={templates.length === 0 || rendering}
                />
              </div>
              <Box paddingBlockEnd="150">
                <Link url="/app/inbox/settings">{t('inbox.composer.manageTemplates')}</Link>
              </Box>
            </InlineStack>
            <TextField
              label={t('inbox.composer.bodyLabel')}
              value={body}
              onChange={(value) => {
                setBody(value);
                setPreview(null);
              }}
              multiline={6}
              maxHeight={480}
              autoComplete="off"
              error={errorOf('body')}
              disabled={rendering && renderFor === 'fill'}
              helpText={rendering && renderFor === 'fill' ? t('inbox.composer.filling') : undefined}
            />
            <Problems problems={failed?.problems ?? preview?.problems ?? []} />
            {preview ? (
              <Box padding="400" background="bg-surface-secondary" borderRadius="200">
                <BlockStack gap="200">
                  <Text as="h3" variant="headingSm">
                    {t('inbox.composer.previewTitle')}
                  </Text>
                  <p style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0 }}>{preview.text}</p>
                </BlockStack>
              </Box>
            ) : null}
            <InlineStack align="end" gap="200" blockAlign="center">
              {rendering ? <Spinner size="small" accessibilityLabel={t('inbox.composer.previewing')} /> : null}
              <Button onClick={showPreview} disabled={!body.trim() || rendering || sending}>
                {t('inbox.composer.preview')}
              </Button>
              <ButtonGroup variant="segmented">
                <Button
                  variant="primary"
                  onClick={() => submitReply()}
                  loading={sending}
                  disabled={!body.trim() || rendering}
                >
                  {t('inbox.composer.send')}
                </Button>
                <Button
                  variant="primary"
                  onClick={() => submitReply('solved')}
                  disabled={!body.trim() || rendering || sending}
                >
                  {t('inbox.composer.sendAnd', { status: t('inbox.status.solved').toLowerCase() })}
                </Button>
              </ButtonGroup>
            </InlineStack>
          </BlockStack>
        ) : (
          <BlockStack gap="300">
            <Box padding="300" background="bg-surface-caution" borderRadius="200">
              <TextField
                label={t('inbox.composer.noteLabel')}
                helpText={t('inbox.ticket.noteHelp')}
                value={note}
                onChange={setNote}
                multiline={4}
                maxHeight={400}
                autoComplete="off"
                error={errorOf('body')}
              />
            </Box>
            <InlineStack align="end">
              <Button onClick={submitNote} loading={sending} disabled={!note.trim()}>
                {t('inbox.composer.addNote')}
              </Button>
            </InlineStack>
          </BlockStack>
        )}
      </BlockStack>
    </Card>
  );
}
