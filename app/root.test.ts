import { describe, expect, it } from 'vitest';
import { loader } from './root';

const load = (path: string) =>
  loader({ request: new Request(`https://my-test-app.myshopify.io${path}`), params: {}, context: {} });

describe('root', () => {
  it('loads App Bridge (with the client id) on embedded pages only', async () => {
    expect(await load('/app?locale=fr')).toEqual({ locale: 'fr', appBridgeApiKey: 'testApiKey' });
    expect(await load('/app/anything')).toMatchObject({ appBridgeApiKey: 'testApiKey' });
    expect(await load('/auth/login')).toMatchObject({ appBridgeApiKey: null });
    expect(await load('/apps/steward/support')).toMatchObject({ appBridgeApiKey: null });
  });
});
