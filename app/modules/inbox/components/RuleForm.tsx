/**
 * A rule's page: when a new ticket matches (topic, keywords), what happens
 * (tags, priority, assignee, an acknowledgement by e-mail, from a template
 * or Steward's standard text), whether it is on and where it runs in the
 * order; the rule in words as it will read in the list; the save bar while
 * there are unsaved changes, and delete (after a confirmation).
 */
import {
  BlockStack,
  Button,
  Card,
  Checkbox,
  FormLayout,
  InlineStack,
  Layout,
  Select,
  Text,
  TextField,
} from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import { PRIORITIES, TOPICS } from '../vocabulary';
import { ConfirmDelete } from './ConfirmDelete';
import { FormSaveBar } from './FormSaveBar';
import { useRuleSentence } from './SettingsCards';
import type { RuleView, StaffView, TemplateView } from './types';
import { useSettingsForm } from './useSettingsForm';

const list = (text: string) =>
  text
    .split(',')
    .map((word) => word.trim())
    .filter(Boolean);

export function RuleForm({
  rule,
  staff,
  templates,
  nextPosition,
}: {
  rule: RuleView | null;
  staff: StaffView[];
  templates: TemplateView[];
  nextPosition: number;
}) {
  const { t } = useTranslation();
  const sentence = useRuleSentence();
  const form = useSettingsForm(
    {
      name: rule?.name ?? '',
      enabled: String(rule?.enabled ?? true),
      position: String(rule?.position ?? nextPosition),
      topic: rule?.topic ?? '',
      keywords: rule?.keywords.join(', ') ?? '',
      addTags: rule?.addTags.join(', ') ?? '',
      setPriority: rule?.setPriority ?? '',
      assigneeId: rule?.assigneeId ?? '',
      autoAcknowledge: String(rule?.autoAcknowledge ?? false),
      acknowledgeTemplateId: rule?.acknowledgeTemplateId ?? '',
    },
    { saved: t('inbox.rule.saved'), deleted: t('inbox.rule.deleted') },
  );
  const { values } = form;
  const error = (field: string) =>
    form.errors[field]
      ? t(`inbox.rule.errors.${form.errors[field]}`, { defaultValue: t('inbox.rule.errors.invalid') })
      : undefined;
  const errorOfList = (field: string) =>
    error(field) ?? error(Object.keys(form.errors).find((key) => key.startsWith(`${field}.`)) ?? '');

  const assignees = [
    { label: t('inbox.rule.noAssignee'), value: '' },
    ...staff.map((member) => ({ label: member.name, value: member.id })),
    ...(rule?.assigneeId && !staff.some((member) => member.id === rule.assigneeId)
      ? [{ label: rule.assigneeName ?? rule.assigneeId, value: rule.assigneeId }]
      : []),
  ];
  const preview = sentence({
    id: rule?.id ?? 'new',
    name: values.name,
    position: Number(values.position),
    enabled: values.enabled === 'true',
    keywords: list(values.keywords),
    topic: values.topic || null,
    addTags: list(values.addTags),
    setPriority: values.setPriority || null,
    assigneeId: values.assigneeId || null,
    assigneeName: assignees.find((option) => option.value === values.assigneeId)?.label ?? null,
    autoAcknowledge: values.autoAcknowledge === 'true',
    acknowledgeTemplateId: values.acknowledgeTemplateId || null,
  });

  return (
    <Layout>
      <FormSaveBar
        id="inbox-rule-save-bar"
        open={form.dirty || rule === null}
        busy={form.busy}
        onSave={form.save}
        onDiscard={form.reset}
      />
      <Layout.Section>
        <BlockStack gap="400">
          <Card>
            <FormLayout>
              <TextField
                label={t('inbox.rule.name')}
                value={values.name}
                onChange={(name) => form.set('name', name)}
                autoComplete="off"
                maxLength={80}
                error={error('name')}
              />
              <FormLayout.Group>
                <Checkbox
                  label={t('inbox.rule.enabled')}
                  helpText={t('inbox.rule.enabledHelp')}
                  checked={values.enabled === 'true'}
                  onChange={(enabled) => form.set('enabled', String(enabled))}
                />
                <TextField
                  label={t('inbox.rule.position')}
                  helpText={t('inbox.rule.positionHelp')}
                  type="number"
                  min={0}
                  max={10000}
                  value={values.position}
                  onChange={(position) => form.set('position', position)}
                  autoComplete="off"
                  error={error('position')}
                />
              </FormLayout.Group>
            </FormLayout>
          </Card>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {t('inbox.rule.conditions')}
              </Text>
              <FormLayout>
                <Select
                  label={t('inbox.rule.topic')}
                  options={[
                    { label: t('inbox.rule.anyTopic'), value: '' },
                    ...TOPICS.map((topic) => ({ label: t(`inbox.topic.${topic}`), value: topic })),
                  ]}
                  value={values.topic}
                  onChange={(topic) => form.set('topic', topic)}
                  error={error('topic')}
                />
                <TextField
                  label={t('inbox.rule.keywords')}
                  helpText={t('inbox.rule.keywordsHelp')}
                  value={values.keywords}
                  onChange={(keywords) => form.set('keywords', keywords)}
                  autoComplete="off"
                  error={errorOfList('keywords')}
                />
              </FormLayout>
            </BlockStack>
          </Card>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {t('inbox.rule.actions')}
              </Text>
              <FormLayout>
                <TextField
                  label={t('inbox.rule.addTags')}
                  helpText={t('inbox.rule.addTagsHelp')}
                  value={values.addTags}
                  onChange={(addTags) => form.set('addTags', addTags)}
                  autoComplete="off"
                  error={errorOfList('addTags')}
                />
                <FormLayout.Group>
                  <Select
                    label={t('inbox.rule.setPriority')}
                    options={[
                      { label: t('inbox.rule.keepPriority'), value: '' },
                      ...[...PRIORITIES]
                        .reverse()
                        .map((priority) => ({ label: t(`inbox.priority.${priority}`), value: priority })),
                    ]}
                    value={values.setPriority}
                    onChange={(priority) => form.set('setPriority', priority)}
                    error={error('setPriority')}
                  />
                  <Select
                    label={t('inbox.rule.assignee')}
                    options={assignees}
                    value={values.assigneeId}
                    onChange={(assigneeId) => form.set('assigneeId', assigneeId)}
                    error={errorOfList('assignee')}
                  />
                </FormLayout.Group>
                <Checkbox
                  label={t('inbox.rule.autoAcknowledge')}
                  helpText={t('inbox.rule.autoAcknowledgeHelp')}
                  checked={values.autoAcknowledge === 'true'}
                  onChange={(on) => form.set('autoAcknowledge', String(on))}
                />
                {values.autoAcknowledge === 'true' ? (
                  <Select
                    label={t('inbox.rule.acknowledgeTemplate')}
                    options={[
                      { label: t('inbox.rule.defaultAcknowledgement'), value: '' },
                      ...templates.map((template) => ({ label: template.name, value: template.id })),
                    ]}
                    value={values.acknowledgeTemplateId}
                    onChange={(id) => form.set('acknowledgeTemplateId', id)}
                    error={error('acknowledgeTemplateId')}
                  />
                ) : null}
              </FormLayout>
            </BlockStack>
          </Card>
          <InlineStack align="space-between">
            {rule ? (
              <ConfirmDelete
                label={t('inbox.rule.delete')}
                question={t('inbox.rule.deleteConfirm')}
                busy={form.busy}
                onConfirm={form.remove}
              />
            ) : (
              <span />
            )}
            <Button variant="primary" onClick={form.save} loading={form.busy}>
              {t('inbox.rule.save')}
            </Button>
          </InlineStack>
        </BlockStack>
      </Layout.Section>
      <Layout.Section variant="oneThird">
        <Card>
          <BlockStack gap="200">
            <Text as="h2" variant="headingMd">
              {t('inbox.rule.summary')}
            </Text>
            <Text as="p">
              <Text as="span" fontWeight="medium">
                {t('inbox.settings.rules.when')}
              </Text>{' '}
              {preview.when}
            </Text>
            <Text as="p">
              <Text as="span" fontWeight="medium">
                {t('inbox.settings.rules.then')}
              </Text>{' '}
              {preview.then}
            </Text>
          </BlockStack>
        </Card>
      </Layout.Section>
    </Layout>
  );
}
