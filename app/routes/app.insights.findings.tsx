/**
 * Insights, findings: the shop's weak and strong points with their evidence
 * and links to the records behind them (?show=hidden lists the dismissed and
 * snoozed ones, to restore). Its action is where every page posts dismiss,
 * snooze and restore — scoped to the session's shop.
 */
import { data as dataResponse, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData, useNavigate } from '@remix-run/react';
import { Tabs } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import { FindingsList } from '~/modules/insights/components/FindingsList';
import { InsightsErrorBoundary } from '~/modules/insights/components/InsightsErrorBoundary';
import { InsightsPage } from '~/modules/insights/components/InsightsPage';
import { useInsightsFormat } from '~/modules/insights/components/useInsightsFormat';
import { applyFindingForm } from '~/modules/insights/finding-actions.server';
import { withInsights } from '~/modules/insights/insights-context.server';
import { loadFindings } from '~/modules/insights/pages.server';
import { authenticate } from '~/shopify.server';

export const loader = ({ request }: LoaderFunctionArgs) =>
  withInsights(request, (context) => {
    const show = new URL(request.url).searchParams.get('show') ?? 'open';
    if (show !== 'open' && show !== 'hidden') throw dataResponse({ problem: 'show' }, { status: 400 });
    return loadFindings(context, show);
  });

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return applyFindingForm(session.shop, await request.formData());
};

export default function InsightsFindings() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const format = useInsightsFormat(data.shop);
  const views = ['open', 'hidden'] as const;
  return (
    <InsightsPage tab="findings" readiness={data.readiness}>
      <Tabs
        selected={views.indexOf(data.show)}
        onSelect={(index) => navigate(index === 1 ? '?show=hidden' : '.', { preventScrollReset: true })}
        tabs={[
          { id: 'findings-open', content: t('insights.findings.views.open'), panelID: 'findings-panel' },
          {
            id: 'findings-hidden',
            content: t('insights.findings.views.hidden'),
            panelID: 'findings-panel',
            badge: data.hiddenCount ? format.number(data.hiddenCount) : undefined,
          },
        ]}
        fitted
      />
      <FindingsList
        title={t(`insights.findings.views.${data.show}Title`)}
        findings={data.findings}
        thresholds={data.thresholds}
        format={format}
        empty={t(`insights.findings.views.${data.show}Empty`)}
      />
    </InsightsPage>
  );
}

export const ErrorBoundary = () => <InsightsErrorBoundary tab="findings" />;
