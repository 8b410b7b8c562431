/**
 * Inbox settings: whether e-mail is set up, the first-reply targets by
 * priority, the reply templates and the rules (each edited on its own page).
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { TitleBar } from '@shopify/app-bridge-react';
import { BlockStack, Layout, Page } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import prisma from '~/db.server';
import { InboxErrorBoundary } from '~/modules/inbox/components/InboxErrorBoundary';
import { EmailBanner, RulesCard, SlaCard, TemplatesCard } from '~/modules/inbox/components/SettingsCards';
import { loadSettings } from '~/modules/inbox/settings-pages.server';
import { authenticate } from '~/shopify.server';

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return loadSettings(prisma, session.shop);
};

export default function InboxSettings() {
  const settings = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <Page backAction={{ content: t('inbox.title'), url: '/app/inbox' }} title={t('inbox.settings.title')}>
      <TitleBar title={t('inbox.settings.title')} />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <EmailBanner configured={settings.emailConfigured} from={settings.mailFrom} />
            <TemplatesCard templates={settings.templates} />
            <RulesCard rules={settings.rules} />
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <SlaCard hours={settings.slaHours} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export const ErrorBoundary = InboxErrorBoundary;
