/** The gateway for an authenticated session (what loaders and jobs call). */
import type { Session } from '@shopify/shopify-api';
import { createAdminGateway, type AdminGateway } from './admin-gateway.server.ts';

export function gatewayFor(session: Session): AdminGateway {
  if (!session.accessToken) throw new Error(`Session ${session.id} has no access token`);
  return createAdminGateway({ shop: session.shop, accessToken: session.accessToken });
}
