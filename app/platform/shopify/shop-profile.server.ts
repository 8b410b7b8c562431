/**
 * The shop's identity, currency and time zone: every area formats money and
 * dates with them.
 */
import type { AdminGateway } from './admin-gateway.server.ts';

export const SHOP_PROFILE_QUERY = `#graphql
  query ShopProfile {
    shop {
      name
      currencyCode
      ianaTimezone
      plan {
        publicDisplayName
      }
      primaryDomain {
        host
        sslEnabled
      }
    }
  }
`;

export interface ShopProfile {
  name: string;
  currencyCode: string;
  timeZone: string;
  plan: string;
  primaryDomain: { host: string; sslEnabled: boolean };
}

export async function readShopProfile(gateway: AdminGateway): Promise<ShopProfile> {
  const { shop } = await gateway.request(SHOP_PROFILE_QUERY);
  return {
    name: shop.name,
    currencyCode: shop.currencyCode,
    timeZone: shop.ianaTimezone,
    plan: shop.plan.publicDisplayName,
    primaryDomain: {
      host: shop.primaryDomain.host,
      sslEnabled: shop.primaryDomain.sslEnabled,
    },
  };
}
