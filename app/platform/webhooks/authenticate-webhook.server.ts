/**
 * authenticate.webhook, with Shopify's rule for refusals: a webhook whose HMAC
 * is wrong OR missing gets 401 (the library answers 400 when the HMAC header
 * or another Shopify header is absent; app review expects 401).
 */
import { authenticate } from '../../shopify.server';

export async function authenticateWebhook(request: Request) {
  try {
    return await authenticate.webhook(request);
  } catch (error) {
    if (error instanceof Response && error.status === 400) {
      throw new Response(undefined, { status: 401, statusText: 'Unauthorized' });
    }
    throw error;
  }
}
