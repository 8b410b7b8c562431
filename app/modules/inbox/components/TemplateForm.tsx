/**
 * A reply template's page: its name and text, the variables it may use
 * (a click inserts one where the cursor is), a warning for any variable
 * Steward does not know, the save bar while there are unsaved changes, and
 * delete (after a confirmation) for a saved template.
 */
import { BlockStack, Box, Button, Card, InlineStack, Layout, Text, TextField } from '@shopify/polaris';
import { PlusIcon } from '@shopify/polaris-icons';
import { useTranslation } from 'react-i18next';
import { renderTemplate, TEMPLATE_VARIABLES } from '../render-template';
import { ConfirmDelete } from './ConfirmDelete';
import { FormSaveBar } from './FormSaveBar';
import type { TemplateView } from './types';
import { useSettingsForm } from './useSettingsForm';

const BODY_ID = 'inbox-template-body';

export function TemplateForm({ template }: { template: TemplateView | null }) {
  const { t } = useTranslation();
  const form = useSettingsForm(
    { name: template?.name ?? '', body: template?.body ?? '' },
    { saved: t('inbox.template.saved'), deleted: t('inbox.template.deleted') },
  );
  const unknown = renderTemplate(form.values.body, {}).problems.filter((problem) => problem.reason === 'unknown');
  const error = (field: string) =>
    form.errors[field]
      ? t(`inbox.template.errors.${form.errors[field]}`, { defaultValue: t('inbox.template.errors.invalid') })
      : undefined;

  /** Puts {{variable}} where the cursor is in the text (at the end when the field never had focus). */
  const insert = (variable: string) => {
    const placeholder = `{{${variable}}}`;
    const area = document.getElementById(BODY_ID) as HTMLTextAreaElement | null;
    const body = form.values.body;
    const start = area?.selectionStart ?? body.length;
    const end = area?.selectionEnd ?? body.length;
    form.set('body', body.slice(0, start) + placeholder + body.slice(end));
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(start + placeholder.length, start + placeholder.length);
    });
  };

  return (
    <Layout>
      <FormSaveBar
        id="inbox-template-save-bar"
        open={form.dirty || template === null}
        busy={form.busy}
        onSave={form.save}
        onDiscard={form.reset}
      />
      <Layout.Section>
        <Card>
          <BlockStack gap="400">
            <TextField
              label={t('inbox.template.name')}
              helpText={t('inbox.template.nameHelp')}
              value={form.values.name}
              onChange={(name) => form.set('name', name)}
              autoComplete="off"
              maxLength={80}
              error={error('name')}
            />
            <TextField
              id={BODY_ID}
              label={t('inbox.template.body')}
              helpText={t('inbox.template.bodyHelp')}
              value={form.values.body}
              onChange={(body) => form.set('body', body)}
              multiline={10}
              maxHeight={600}
              autoComplete="off"
              error={
                unknown.length
                  ? t('inbox.template.unknownVariables', {
                      variables: unknown.map((problem) => `{{${problem.variable}}}`).join(', '),
                    })
                  : error('body')
              }
            />
            <InlineStack align="space-between">
              {template ? (
                <ConfirmDelete
                  label={t('inbox.template.delete')}
                  question={t('inbox.template.deleteConfirm')}
                  busy={form.busy}
                  onConfirm={form.remove}
                />
              ) : (
                <span />
              )}
              <Button variant="primary" onClick={form.save} loading={form.busy}>
                {t('inbox.template.save')}
              </Button>
            </InlineStack>
          </BlockStack>
        </Card>
      </Layout.Section>
      <Layout.Section variant="oneThird">
        <Card>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">
              {t('inbox.template.variables')}
            </Text>
            <BlockStack as="ul" gap="200">
              {TEMPLATE_VARIABLES.map((variable) => (
                <li key={variable}>
                  <InlineStack align="space-between" blockAlign="center" gap="200" wrap={false}>
                    <BlockStack gap="050">
                      <Text as="span" variant="bodySm">
                        {t(`inbox.template.variable.${variable}`)}
                      </Text>
                      <Box>
                        <code>{`{{${variable}}}`}</code>
                      </Box>
                    </BlockStack>
                    <Button
                      size="slim"
                      icon={PlusIcon}
                      onClick={() => insert(variable)}
                      accessibilityLabel={t('inbox.template.insert', { variable: `{{${variable}}}` })}
                    />
                  </InlineStack>
                </li>
              ))}
            </BlockStack>
          </BlockStack>
        </Card>
      </Layout.Section>
    </Layout>
  );
}
