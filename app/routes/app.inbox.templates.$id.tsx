/** A reply template's page ("new" to write one): its name and text, saved or deleted through its action. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { TitleBar } from '@shopify/app-bridge-react';
import { Page } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import prisma from '~/db.server';
import { InboxErrorBoundary } from '~/modules/inbox/components/InboxErrorBoundary';
import { TemplateForm } from '~/modules/inbox/components/TemplateForm';
import { SETTINGS_URL } from '~/modules/inbox/components/useSettingsForm';
import { applyTemplateForm, loadTemplatePage } from '~/modules/inbox/settings-pages.server';
import { withAdmin } from '~/platform/shopify/admin-request.server';
import { authenticate } from '~/shopify.server';

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return loadTemplatePage(prisma, session.shop, params.id ?? '');
};

export const action = ({ request, params }: ActionFunctionArgs) =>
  withAdmin(request, (admin) => applyTemplateForm(prisma, request, admin, params.id ?? ''));

export default function InboxTemplate() {
  const { template } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const title = template ? t('inbox.template.editTitle', { name: template.name }) : t('inbox.template.newTitle');
  return (
    <Page backAction={{ content: t('inbox.settings.title'), url: SETTINGS_URL }} title={title}>
      <TitleBar title={title} />
      <TemplateForm key={template?.id ?? 'new'} template={template} />
    </Page>
  );
}

export const ErrorBoundary = InboxErrorBoundary;
