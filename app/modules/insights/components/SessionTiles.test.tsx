/**
 * The sessions tiles on the server, as Remix streams the page while Shopify's
 * ShopifyQL answer is still on its way: loading tiles and no Suspense
 * boundary. A boundary still pending at hydration is reached by the context
 * update Polaris's providers make right after mounting, and React drops it
 * with "This Suspense boundary received an update before it finished
 * hydrating" (a browser test caught it when ShopifyQL answered slowly).
 */
import { AppProvider } from '@shopify/polaris';
import { renderToString } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { createI18n } from '~/i18n/i18n';
import { POLARIS_TRANSLATIONS } from '~/i18n/polaris';
import type { SessionsView } from '../pages.server';
import { createInsightsFormatter } from './insights-format';
import { SessionTiles } from './SessionTiles';

function serverHtml(sessions: Promise<SessionsView>): string {
  const format = createInsightsFormatter({ locale: 'en', currencyCode: 'CAD', timeZone: 'America/Toronto' });
  return renderToString(
    <AppProvider i18n={POLARIS_TRANSLATIONS.en}>
      <I18nextProvider i18n={createI18n('en')}>
        <SessionTiles sessions={sessions} format={format} />
      </I18nextProvider>
    </AppProvider>,
  );
}

describe('SessionTiles on the server', () => {
  it('renders the two tiles loading, outside any Suspense boundary, while the answer is pending', () => {
    const html = serverHtml(new Promise<SessionsView>(() => {}));
    expect(html).toContain('Sessions');
    expect(html).toContain('Conversion rate');
    // React marks a Suspense boundary in server HTML with <!--$-->, <!--$?--> or <!--$!-->.
    expect(html).not.toMatch(/<!--\$/);
  });

  it('renders them loading even when the answer is already there: hydration must see the same HTML', () => {
    const html = serverHtml(Promise.resolve({ status: 'unavailable' } as SessionsView));
    expect(html).not.toMatch(/<!--\$/);
    expect(html).toBe(serverHtml(new Promise<SessionsView>(() => {})));
  });
});
