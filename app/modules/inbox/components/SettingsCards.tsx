/**
 * The inbox settings page's cards: whether e-mail is set up, the
 * first-reply targets by priority, the reply templates and the rules (each
 * a link to its own page, with a button to add one).
 */
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  DataTable,
  Divider,
  InlineStack,
  Link,
  Text,
} from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import { PRIORITIES } from '../vocabulary';
import { PriorityBadge } from './TicketBadges';
import type { RuleView, TemplateView } from './types';

export function EmailBanner({ configured, from }: { configured: boolean; from: string | null }) {
  const { t } = useTranslation();
  return configured ? (
    <Banner tone="success">
      <p>{from ? t('inbox.settings.emailConfiguredBody', { from }) : t('inbox.settings.emailConfiguredShop')}</p>
    </Banner>
  ) : (
    <Banner tone="warning" title={t('inbox.settings.emailMissing')}>
      <p>{t('inbox.settings.emailMissingBody')}</p>
    </Banner>
  );
}

export function SlaCard({ hours }: { hours: Record<string, number> }) {
  const { t } = useTranslation();
  return (
    <Card>
      <BlockStack gap="300">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            {t('inbox.settings.sla.title')}
          </Text>
          <Text as="p" tone="subdued">
            {t('inbox.settings.sla.description')}
          </Text>
        </BlockStack>
        <DataTable
          columnContentTypes={['text', 'numeric']}
          headings={[t('inbox.properties.priority'), t('inbox.properties.sla')]}
          rows={[...PRIORITIES]
            .reverse()
            .map((priority) => [
              <PriorityBadge key={priority} priority={priority} />,
              t('inbox.settings.sla.hours', { count: hours[priority] ?? 0 }),
            ])}
        />
      </BlockStack>
    </Card>
  );
}

function ListCard({
  title,
  description,
  add,
  addUrl,
  empty,
  children,
}: {
  title: string;
  description: string;
  add: string;
  addUrl: string;
  empty: string | null;
  children: React.ReactNode;
}) {
  return (
    <Card padding="0">
      <Box padding="400">
        <InlineStack align="space-between" blockAlign="start" gap="300" wrap={false}>
          <BlockStack gap="100">
            <Text as="h2" variant="headingMd">
              {title}
            </Text>
            <Text as="p" tone="subdued">
              {description}
            </Text>
          </BlockStack>
          <div style={{ flexShrink: 0 }}>
            <Button url={addUrl}>{add}</Button>
          </div>
        </InlineStack>
      </Box>
      <Divider />
      {empty ? (
        <Box padding="400">
          <Text as="p" tone="subdued">
            {empty}
          </Text>
        </Box>
      ) : (
        children
      )}
    </Card>
  );
}

const firstLine = (text: string) => text.split('\n').find((line) => line.trim()) ?? '';

export function TemplatesCard({ templates }: { templates: TemplateView[] }) {
  const { t } = useTranslation();
  return (
    <ListCard
      title={t('inbox.settings.templates.title')}
      description={t('inbox.settings.templates.description')}
      add={t('inbox.settings.templates.add')}
      addUrl="/app/inbox/templates/new"
      empty={templates.length ? null : t('inbox.settings.templates.empty')}
    >
      <BlockStack as="ul">
        {templates.map((template, index) => (
          <li key={template.id}>
            {index > 0 ? <Divider /> : null}
            <Box paddingInline="400" paddingBlock="300">
              <BlockStack gap="050">
                <Link
                  url={`/app/inbox/templates/${template.id}`}
                  accessibilityLabel={t('inbox.settings.templates.edit', { name: template.name })}
                  removeUnderline
                >
                  <Text as="span" fontWeight="semibold">
                    {template.name}
                  </Text>
                </Link>
                <Text as="p" tone="subdued" truncate>
                  {firstLine(template.body)}
                </Text>
              </BlockStack>
            </Box>
          </li>
        ))}
      </BlockStack>
    </ListCard>
  );
}

/** A rule in words: "When the topic is Returns and the message mentions refund → tag returns, set priority High". */
export function useRuleSentence() {
  const { t } = useTranslation();
  const quote = (words: string[]) => words.map((word) => `“${word}”`).join(', ');
  return (rule: RuleView) => {
    const conditions = [
      ...(rule.topic ? [t('inbox.settings.rules.topicIs', { topic: t(`inbox.topic.${rule.topic}`) })] : []),
      ...(rule.keywords.length ? [t('inbox.settings.rules.mentions', { keywords: quote(rule.keywords) })] : []),
    ];
    const when =
      conditions.length === 2
        ? t('inbox.settings.rules.and', { first: conditions[0], second: conditions[1] })
        : (conditions[0] ?? t('inbox.settings.rules.anyTicket'));
    const actions = [
      ...(rule.addTags.length ? [t('inbox.settings.rules.addTags', { tags: rule.addTags.join(', ') })] : []),
      ...(rule.setPriority
        ? [t('inbox.settings.rules.setPriority', { priority: t(`inbox.priority.${rule.setPriority}`) })]
        : []),
      ...(rule.assigneeId ? [t('inbox.settings.rules.assignTo', { name: rule.assigneeName ?? rule.assigneeId })] : []),
      ...(rule.autoAcknowledge ? [t('inbox.settings.rules.acknowledge')] : []),
    ];
    return {
      when,
      then: actions.length ? actions.join(', ') : t('inbox.settings.rules.nothing'),
    };
  };
}

export function RulesCard({ rules }: { rules: RuleView[] }) {
  const { t } = useTranslation();
  const sentence = useRuleSentence();
  return (
    <ListCard
      title={t('inbox.settings.rules.title')}
      description={t('inbox.settings.rules.description')}
      add={t('inbox.settings.rules.add')}
      addUrl="/app/inbox/rules/new"
      empty={rules.length ? null : t('inbox.settings.rules.empty')}
    >
      <BlockStack as="ol">
        {rules.map((rule, index) => {
          const { when, then } = sentence(rule);
          return (
            <li key={rule.id}>
              {index > 0 ? <Divider /> : null}
              <Box paddingInline="400" paddingBlock="300">
                <BlockStack gap="100">
                  <InlineStack gap="200" blockAlign="center">
                    <Link
                      url={`/app/inbox/rules/${rule.id}`}
                      accessibilityLabel={t('inbox.settings.rules.edit', { name: rule.name })}
                      removeUnderline
                    >
                      <Text as="span" fontWeight="semibold">
                        {rule.name}
                      </Text>
                    </Link>
                    {rule.enabled ? null : <Badge>{t('inbox.settings.rules.disabled')}</Badge>}
                  </InlineStack>
                  <Text as="p" tone="subdued">
                    <Text as="span" fontWeight="medium">
                      {t('inbox.settings.rules.when')}
                    </Text>{' '}
                    {when}
                  </Text>
                  <Text as="p" tone="subdued">
                    <Text as="span" fontWeight="medium">
                      {t('inbox.settings.rules.then')}
                    </Text>{' '}
                    {then}
                  </Text>
                </BlockStack>
              </Box>
            </li>
          );
        })}
      </BlockStack>
    </ListCard>
  );
}
