/** The two halves of Content as tabs: products' search listings and alt texts, and blog articles. */
import { useNavigate } from '@remix-run/react';
import { Tabs } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';

const TABS = [
  { id: 'listings', url: '/app/content' },
  { id: 'articles', url: '/app/content/articles' },
] as const;

export function ContentTabs({ selected }: { selected: (typeof TABS)[number]['id'] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Tabs
      tabs={TABS.map((tab) => ({ id: `content-${tab.id}`, content: t(`content.tabs.${tab.id}`), url: tab.url }))}
      selected={TABS.findIndex((tab) => tab.id === selected)}
      onSelect={(index) => navigate(TABS[index]?.url ?? '/app/content')}
    />
  );
}
