/**
 * The frame every Insights page shares: the title bar and the tabs, the
 * page's shape in skeletons while another period or tab loads, and the
 * first-sync empty state in place of the content until there are sales.
 */
import { useNavigation } from '@remix-run/react';
import { TitleBar } from '@shopify/app-bridge-react';
import { BlockStack, Page } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import type { InsightsReadiness } from '../readiness.server';
import { firstSyncState, InsightsEmpty } from './InsightsEmpty';
import { InsightsSkeleton } from './InsightsSkeleton';
import { InsightsTabs, type InsightsTab } from './InsightsTabs';

interface Props {
  tab: InsightsTab;
  readiness: InsightsReadiness;
  /** Headline tiles in the loading skeleton. */
  tiles?: number;
  children: React.ReactNode;
}

export function InsightsPage({ tab, readiness, tiles = 0, children }: Props) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const title = t('insights.title');

  if (navigation.state === 'loading' && navigation.location.pathname.startsWith('/app/insights'))
    return <InsightsSkeleton title={title} tiles={tiles} />;

  const firstSync = firstSyncState(readiness);
  return (
    <Page>
      <TitleBar title={title} />
      <BlockStack gap="400">
        <InsightsTabs selected={tab} />
        {firstSync ? <InsightsEmpty state={firstSync} /> : children}
      </BlockStack>
    </Page>
  );
}
