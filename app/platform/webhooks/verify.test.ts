/**
 * verifyWebhook accepts and refuses exactly what the Shopify library's
 * authenticate.webhook accepts and refuses, on the same requests.
 */
import { API_SECRET_KEY, getHmac } from '@shopify/shopify-api/test-helpers';
import { describe, expect, it } from 'vitest';
import { authenticate } from '~/shopify.server';
import { webhookRequest } from '../../../tests/support/shopify-requests';
import { verifyWebhook } from './verify.server';

const SHOP = 'verify.myshopify.com';
const PAYLOAD = { id: 1, title: 'Café ☕', body_html: '<p>ünïcödé</p>' };

/** The library's verdict: 'valid', or the status it refuses with (401 bad HMAC, 400 anything missing). */
async function libraryVerdict(request: Request): Promise<'valid' | number> {
  try {
    await authenticate.webhook(request);
    return 'valid';
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

async function ourVerdict(request: Request) {
  const body = Buffer.from(await request.arrayBuffer());
  return verifyWebhook((name) => request.headers.get(name) ?? undefined, body, API_SECRET_KEY);
}

function withHeaders(request: Request, change: (headers: Headers) => void, body?: string): Request {
  const headers = new Headers(request.headers);
  change(headers);
  return new Request(request.url, { method: 'POST', headers, body: body ?? JSON.stringify(PAYLOAD) });
}

const genuine = () => webhookRequest('orders/updated', SHOP, PAYLOAD, { eventId: 'evt-1', webhookId: 'wh-1' });

const CASES: [string, () => Request][] = [
  ['a genuine delivery', genuine],
  ['a wrong HMAC', () => webhookRequest('orders/updated', SHOP, PAYLOAD, { hmac: getHmac('{}', API_SECRET_KEY) })],
  [
    'an HMAC made with another secret',
    () => webhookRequest('orders/updated', SHOP, PAYLOAD, { hmac: getHmac(JSON.stringify(PAYLOAD), 'other-secret') }),
  ],
  ['no HMAC', () => webhookRequest('orders/updated', SHOP, PAYLOAD, { hmac: null })],
  [
    'an HMAC with trailing junk',
    () => withHeaders(genuine(), (h) => h.set('X-Shopify-Hmac-Sha256', `${h.get('X-Shopify-Hmac-Sha256')}AA`)),
  ],
  [
    'an HMAC in hex',
    () =>
      withHeaders(genuine(), (h) =>
        h.set('X-Shopify-Hmac-Sha256', Buffer.from(h.get('X-Shopify-Hmac-Sha256')!, 'base64').toString('hex')),
      ),
  ],
  ['a body changed after signing', () => withHeaders(genuine(), () => {}, JSON.stringify({ ...PAYLOAD, id: 2 }))],
  [
    'an empty body',
    () =>
      withHeaders(
        webhookRequest('orders/updated', SHOP, PAYLOAD),
        (h) => h.set('X-Shopify-Hmac-Sha256', getHmac('', API_SECRET_KEY)),
        '',
      ),
  ],
  ...(['X-Shopify-Topic', 'X-Shopify-Shop-Domain', 'X-Shopify-API-Version', 'X-Shopify-Webhook-Id'] as const).map(
    (name): [string, () => Request] => [`no ${name}`, () => withHeaders(genuine(), (h) => h.delete(name))],
  ),
  ['no event id (older deliveries)', () => withHeaders(genuine(), (h) => h.delete('X-Shopify-Event-Id'))],
  ['no triggered-at', () => withHeaders(genuine(), (h) => h.delete('X-Shopify-Triggered-At'))],
  [
    'a Shopify Events delivery',
    () => {
      const body = JSON.stringify(PAYLOAD);
      return new Request('https://my-test-app.myshopify.io/webhooks', {
        method: 'POST',
        body,
        headers: {
          'shopify-hmac-sha256': getHmac(body, API_SECRET_KEY),
          'shopify-topic': 'orders/updated',
          'shopify-shop-domain': SHOP,
          'shopify-api-version': '2026-10',
          'shopify-webhook-id': 'wh-events',
          'shopify-triggered-at': '2026-11-27T10:00:00.000Z',
        },
      });
    },
  ],
];

describe('verifyWebhook', () => {
  it.each(CASES)('agrees with authenticate.webhook on %s', async (_label, build) => {
    const library = await libraryVerdict(build());
    const ours = await ourVerdict(build());
    if (library === 'valid') expect(ours.valid).toBe(true);
    else if (library === 401) expect(ours).toEqual({ valid: false, reason: 'invalid_hmac' });
    else {
      expect(library).toBe(400);
      expect(ours.valid).toBe(false);
      expect(ours.valid === false && ours.reason).not.toBe('invalid_hmac');
    }
  });

  it('reads the fields the inbox stores, the event id falling back to the webhook id', async () => {
    const verified = await ourVerdict(genuine());
    expect(verified.valid && verified.headers).toMatchObject({
      shop: SHOP,
      topic: 'orders/updated',
      webhookId: 'wh-1',
      eventId: 'evt-1',
      apiVersion: '2026-10',
    });
    expect(verified.valid && verified.headers.triggeredAt).toBeInstanceOf(Date);
    const older = await ourVerdict(withHeaders(genuine(), (h) => h.delete('X-Shopify-Event-Id')));
    expect(older.valid && older.headers.eventId).toBe('wh-1');
    const garbled = await ourVerdict(withHeaders(genuine(), (h) => h.set('X-Shopify-Triggered-At', 'yesterday')));
    expect(garbled.valid && garbled.headers.triggeredAt).toBeNull();
  });
});
