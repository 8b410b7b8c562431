/**
 * What a page shows before there is anything to analyse: while the first
 * sync reads the store, after a sync that found no orders, or when the
 * chosen period has no orders (with the way back to a period that has).
 */
import { Card, EmptyState } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import type { InsightsReadiness } from '../readiness.server';
import { EMPTY_INSIGHTS_IMAGE } from './empty-illustration';

export type FirstSyncState = 'syncing' | 'preparing' | 'noSync' | 'noSales';

export function firstSyncState(readiness: InsightsReadiness): FirstSyncState | null {
  if (readiness.hasSales) return null;
  if (readiness.syncing) return 'syncing';
  if (!readiness.ordersSynced) return 'noSync';
  return readiness.rollupsPending ? 'preparing' : 'noSales';
}

export function InsightsEmpty({ state }: { state: FirstSyncState | 'noOrdersInPeriod' }) {
  const { t } = useTranslation();
  const action =
    state === 'noOrdersInPeriod'
      ? { content: t('insights.empty.noOrdersInPeriod.action'), url: '/app/insights?period=last90' }
      : undefined;
  return (
    <Card>
      <EmptyState heading={t(`insights.empty.${state}.heading`)} image={EMPTY_INSIGHTS_IMAGE} action={action}>
        <p>{t(`insights.empty.${state}.body`)}</p>
      </EmptyState>
    </Card>
  );
}
