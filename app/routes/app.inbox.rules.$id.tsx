/** An inbox rule's page ("new" to add one): what it matches and what it does, saved or deleted through its action. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { TitleBar } from '@shopify/app-bridge-react';
import { Page } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import prisma from '~/db.server';
import { InboxErrorBoundary } from '~/modules/inbox/components/InboxErrorBoundary';
import { RuleForm } from '~/modules/inbox/components/RuleForm';
import { SETTINGS_URL } from '~/modules/inbox/components/useSettingsForm';
import { applyRuleForm, loadRulePage } from '~/modules/inbox/settings-pages.server';
import { withAdmin } from '~/platform/shopify/admin-request.server';

export const loader = ({ request, params }: LoaderFunctionArgs) =>
  withAdmin(request, (admin) => loadRulePage(prisma, admin, params.id ?? ''));

export const action = ({ request, params }: ActionFunctionArgs) =>
  withAdmin(request, (admin) => applyRuleForm(prisma, request, admin, params.id ?? ''));

export default function InboxRule() {
  const { rule, staff, templates, nextPosition } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const title = rule ? t('inbox.rule.editTitle', { name: rule.name }) : t('inbox.rule.newTitle');
  return (
    <Page backAction={{ content: t('inbox.settings.title'), url: SETTINGS_URL }} title={title}>
      <TitleBar title={title} />
      <RuleForm key={rule?.id ?? 'new'} rule={rule} staff={staff} templates={templates} nextPosition={nextPosition} />
    </Page>
  );
}

export const ErrorBoundary = InboxErrorBoundary;
