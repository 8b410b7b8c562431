/** Shopify's auth paths (/auth/session-token bounce, /auth/exit-iframe), handled by the library. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { env } from '~/env.server';
import { allowDevstoreFraming } from '~/platform/shopify/devstore-routing.server';
import { authenticate } from '~/shopify.server';

export const loader = async ({ request }: LoaderFunctionArgs) => {
  try {
    await authenticate.admin(request);
    return null;
  } catch (error) {
    // The bounce page is the library's own response: let the devstore's admin shell frame it too.
    if (error instanceof Response && env.DEVSTORE_URL) allowDevstoreFraming(env.DEVSTORE_URL, error.headers);
    throw error;
  }
};
