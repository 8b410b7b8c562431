/**
 * Every webhook topic Steward subscribes to (shopify.app.toml) arrives here.
 * The HMAC is verified first; a bad or missing one gets 401.
 */
import type { ActionFunctionArgs } from '@remix-run/node';
import { authenticateWebhook } from '~/platform/webhooks/authenticate-webhook.server';
import { dispatchWebhook } from '~/platform/webhooks/handlers.server';

export const action = async ({ request }: ActionFunctionArgs) => {
  await dispatchWebhook(await authenticateWebhook(request));
  return new Response(null, { status: 200 });
};
