/**
 * The Admin API gateway for a shop outside any request (sync jobs): the
 * shop's offline session, refreshed by Shopify's library when its expiring
 * token is due. A shop without one (uninstalled) is an error naming it.
 */
import { unauthenticated } from '../../shopify.server';
import type { AdminGateway } from '../shopify/admin-gateway.server';
import { gatewayFor } from '../shopify/gateway.server';

export async function gatewayForShop(shop: string): Promise<AdminGateway> {
  const { session } = await unauthenticated.admin(shop);
  return gatewayFor(session);
}
