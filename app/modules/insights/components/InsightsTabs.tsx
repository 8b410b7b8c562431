/**
 * The Insights pages as tabs — overview, products & inventory, cohorts,
 * findings — keeping the chosen period when moving between them.
 */
import { useLocation, useNavigate } from '@remix-run/react';
import { Tabs } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';

export const INSIGHTS_TABS = [
  { id: 'overview', path: '/app/insights' },
  { id: 'products', path: '/app/insights/products' },
  { id: 'cohorts', path: '/app/insights/cohorts' },
  { id: 'findings', path: '/app/insights/findings' },
] as const;

export type InsightsTab = (typeof INSIGHTS_TABS)[number]['id'];

/** The period part of the current URL, carried to the other tabs. */
function periodQuery(search: string): string {
  const current = new URLSearchParams(search);
  const kept = new URLSearchParams();
  for (const key of ['period', 'start', 'end']) {
    const value = current.get(key);
    if (value) kept.set(key, value);
  }
  const text = kept.toString();
  return text ? `?${text}` : '';
}

export function InsightsTabs({ selected }: { selected: InsightsTab }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  return (
    <Tabs
      selected={INSIGHTS_TABS.findIndex((tab) => tab.id === selected)}
      onSelect={(index) => {
        const tab = INSIGHTS_TABS[index];
        if (tab && tab.id !== selected) navigate(`${tab.path}${periodQuery(location.search)}`);
      }}
      tabs={INSIGHTS_TABS.map((tab) => ({
        id: `insights-tab-${tab.id}`,
        content: t(`insights.tabs.${tab.id}`),
        panelID: `insights-panel-${tab.id}`,
      }))}
    />
  );
}
