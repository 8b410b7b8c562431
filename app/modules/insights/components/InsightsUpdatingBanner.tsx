/**
 * Said above figures that are not complete yet: while a sync copies the
 * store, or while every day is being added up again (after a full sync or a
 * change of time zone), the numbers below are partial. Nothing while the
 * figures are whole.
 */
import { Banner } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import type { InsightsReadiness } from '../readiness.server';

export function InsightsUpdatingBanner({ readiness }: { readiness: InsightsReadiness }) {
  const { t } = useTranslation();
  if (!readiness.hasSales || !(readiness.syncing || readiness.rebuilding)) return null;
  return (
    <Banner tone="info" title={t('insights.updating.title')}>
      <p>{t(readiness.syncing ? 'insights.updating.syncing' : 'insights.updating.rebuilding')}</p>
    </Banner>
  );
}
