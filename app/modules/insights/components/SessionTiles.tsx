/**
 * Sessions and conversion rate tiles, streamed in after the rest of the page
 * (ShopifyQL is a live call to Shopify). Where the shop's plan has no
 * analytics, or Shopify could not answer, the tiles say so in words. The
 * server and hydration render the loading tiles; the Suspense boundary that
 * awaits the streamed answer starts after hydration (see useHydrated).
 */
import { Await } from '@remix-run/react';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionsView } from '../pages.server';
import type { InsightsFormatter } from './insights-format';
import { KpiTile } from './KpiTile';
import { sessionKpis } from './kpis';
import { useHydrated } from './useHydrated';

function Tiles({ result, format }: { result: SessionsView; format: InsightsFormatter }) {
  const { t } = useTranslation();
  const labels = [t('insights.kpi.labels.sessions'), t('insights.kpi.labels.conversionRate')];
  if (result.status !== 'available') {
    const reason = result.status === 'unavailable' ? t('insights.kpi.sessionsPlan') : t('insights.kpi.sessionsError');
    return (
      <>
        {labels.map((label) => (
          <KpiTile key={label} label={label} unavailable={reason} />
        ))}
      </>
    );
  }
  const [sessions, conversion] = sessionKpis(result, format);
  return (
    <>
      <KpiTile label={labels[0] as string} kpi={sessions} />
      <KpiTile label={labels[1] as string} kpi={conversion} />
    </>
  );
}

export function SessionTiles({ sessions, format }: { sessions: Promise<SessionsView>; format: InsightsFormatter }) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const loading = (
    <>
      <KpiTile label={t('insights.kpi.labels.sessions')} loading />
      <KpiTile label={t('insights.kpi.labels.conversionRate')} loading />
    </>
  );
  if (!hydrated) return loading;
  return (
    <Suspense fallback={loading}>
      <Await resolve={sessions} errorElement={<Tiles result={{ status: 'error' }} format={format} />}>
        {(result) => <Tiles result={result} format={format} />}
      </Await>
    </Suspense>
  );
}
