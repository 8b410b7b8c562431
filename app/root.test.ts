import { describe, expect, it, vi } from 'vitest';
import { loader } from './root';

const load = (path: string) =>
  loader({ request: new Request(`https://my-test-app.myshopify.io${path}`), params: {}, context: {} });

describe('root', () => {
  it('loads App Bridge (with the client id) on embedded pages only', async () => {
    const shopifyScript = { apiKey: 'testApiKey', src: 'https://cdn.shopify.com/shopifycloud/app-bridge.js' };
    expect(await load('/app?locale=fr')).toEqual({ locale: 'fr', appBridge: shopifyScript });
    expect(await load('/app/anything')).toMatchObject({ appBridge: shopifyScript });
    expect(await load('/auth/login')).toMatchObject({ appBridge: null });
    expect(await load('/apps/steward/support')).toMatchObject({ appBridge: null });
  });
});

describe('root with the devstore', () => {
  it('loads the devstore’s App Bridge stand-in only when DEVSTORE_URL is set', async () => {
    vi.resetModules();
    vi.stubEnv('DEVSTORE_URL', 'http://127.0.0.1:4100');
    const { loader: devLoader } = await import('./root');
    const result = await devLoader({
      request: new Request('https://my-test-app.myshopify.io/app'),
      params: {},
      context: {},
    });
    expect(result.appBridge?.src).toBe('http://127.0.0.1:4100/app-bridge.js');
    vi.unstubAllEnvs();
  });
});
