import { describe, expect, it } from 'vitest';
import { allowDevstoreFraming, devstoreUrlFor } from './devstore-routing.server';

describe('devstore routing', () => {
  it('sends https://<shop>/… to the devstore, keeping path and query', () => {
    expect(
      devstoreUrlFor('http://127.0.0.1:4100/', 'https://maple-thread.myshopify.com/admin/api/2026-10/graphql.json?x=1'),
    ).toBe('http://127.0.0.1:4100/shops/maple-thread.myshopify.com/admin/api/2026-10/graphql.json?x=1');
  });

  it('lets the devstore admin shell frame the app, next to Shopify’s origins', () => {
    const headers = new Headers({
      'Content-Security-Policy': 'frame-ancestors https://a.myshopify.com https://admin.shopify.com;',
      Link: '<https://cdn.shopify.com/shopifycloud/app-bridge.js>; rel="preload"; as="script";',
    });
    allowDevstoreFraming('http://localhost:4100', headers);
    expect(headers.get('Link')).toBe('<http://localhost:4100/app-bridge.js>; rel="preload"; as="script";');
    expect(headers.get('Content-Security-Policy')).toBe(
      'frame-ancestors http://localhost:4100 https://a.myshopify.com https://admin.shopify.com;',
    );
    allowDevstoreFraming('http://localhost:4100', headers);
    expect(headers.get('Content-Security-Policy')?.match(/localhost:4100/g)).toHaveLength(1);
  });
});
