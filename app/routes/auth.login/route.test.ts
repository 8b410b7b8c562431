import { describe, expect, it } from 'vitest';
import { BROWSER_UA, call } from '../../../tests/support/shopify-requests';
import { action, loader } from './route';

const url = 'https://my-test-app.myshopify.io/auth/login';
const post = (shop: string) =>
  new Request(url, { method: 'POST', headers: { 'User-Agent': BROWSER_UA }, body: new URLSearchParams({ shop }) });

describe('/auth/login', () => {
  it('shows the form without an error on a plain visit', async () => {
    expect(await call(loader, new Request(url, { headers: { 'User-Agent': BROWSER_UA } }))).toEqual({
      error: undefined,
    });
  });

  it('explains a missing or invalid shop domain', async () => {
    expect(await call(action, post(''))).toEqual({ error: 'login.missingShop' });
    expect(await call(action, post('not a shop!'))).toEqual({ error: 'login.invalidShop' });
  });

  it('sends a valid shop to Shopify to install or open Steward', async () => {
    const result = await call(action, post('maple-thread'));
    expect(result).toBeInstanceOf(Response);
    expect((result as Response).status).toBe(302);
    expect((result as Response).headers.get('Location')).toBe(
      'https://admin.shopify.com/store/maple-thread/oauth/install?client_id=testApiKey',
    );
  });
});
