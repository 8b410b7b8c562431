/**
 * Webhook payloads about the shop and the app: app/uninstalled (the shop
 * object), app/scopes_update, the compliance topics (customers/data_request,
 * customers/redact, shop/redact), themes/publish and bulk_operations/finish.
 */
import { gid } from '../engine/ids';
import { countryName } from '../resolvers/sales-address';
import type { ShopState } from '../state/shop-state';
import { shopTime, zoneOffset } from './format';

/** Where the seeded shops are, from their time zone (the records hold no shop address). */
const LOCATIONS: Record<
  string,
  { country: string; province: string | null; provinceCode: string | null; city: string }
> = {
  'America/Toronto': { country: 'CA', province: 'Ontario', provinceCode: 'ON', city: 'Toronto' },
  'Europe/Paris': { country: 'FR', province: null, provinceCode: null, city: 'Paris' },
};
const DEFAULT_LOCATION = { country: 'US', province: 'New York', provinceCode: 'NY', city: 'New York' };

export function shopPayload(state: ShopState) {
  const shop = state.shop;
  const place = LOCATIONS[shop.ianaTimezone] ?? DEFAULT_LOCATION;
  const owner = [...state.staff.values()].find((member) => member.isShopOwner);
  const primaryLocation = [...state.locations.values()][0];
  const symbol = shop.currencyCode === 'EUR' ? '€' : '$';
  return {
    id: shop.id,
    name: shop.name,
    email: shop.email,
    domain: shop.primaryDomain.host,
    province: place.province ?? '',
    country: place.country,
    address1: '',
    zip: '',
    city: place.city,
    source: null,
    phone: '',
    latitude: null,
    longitude: null,
    primary_locale: 'en',
    address2: null,
    created_at: shopTime(shop.createdAt, shop.ianaTimezone),
    updated_at: shopTime(shop.createdAt, shop.ianaTimezone),
    country_code: place.country,
    country_name: countryName(place.country),
    currency: shop.currencyCode,
    customer_email: shop.email,
    timezone: `(GMT${zoneOffset(new Date(), shop.ianaTimezone)}) ${shop.ianaTimezone}`,
    iana_timezone: shop.ianaTimezone,
    shop_owner: owner ? `${owner.firstName} ${owner.lastName}` : shop.name,
    money_format: `${symbol}{{amount}}`,
    money_with_currency_format: `${symbol}{{amount}} ${shop.currencyCode}`,
    weight_unit: 'kg',
    province_code: place.provinceCode ?? '',
    taxes_included: shop.currencyCode === 'EUR',
    auto_configure_tax_inclusivity: null,
    tax_shipping: null,
    county_taxes: true,
    plan_display_name: shop.plan.publicDisplayName,
    plan_name: shop.plan.publicDisplayName.toLowerCase().replace(/\s+/g, '_'),
    has_discounts: state.discounts.size > 0,
    has_gift_cards: false,
    myshopify_domain: shop.domain,
    google_apps_domain: null,
    google_apps_login_enabled: null,
    money_in_emails_format: `${symbol}{{amount}}`,
    money_with_currency_in_emails_format: `${symbol}{{amount}} ${shop.currencyCode}`,
    eligible_for_payments: true,
    requires_extra_payments_agreement: false,
    password_enabled: shop.passwordProtected,
    has_storefront: true,
    finances: true,
    primary_location_id: primaryLocation?.id ?? 0,
    checkout_api_supported: true,
    multi_location_enabled: state.locations.size > 1,
    setup_required: false,
    pre_launch_enabled: false,
    enabled_presentment_currencies: [shop.currencyCode],
    marketing_sms_consent_enabled_at_checkout: false,
    transactional_sms_disabled: false,
  };
}

export function scopesUpdatePayload(state: ShopState, previous: string[], id: number, at: string) {
  return {
    id,
    shop_id: gid('Shop', state.shop.id),
    previous,
    current: state.grantedScopes,
    updated_at: at,
  };
}

function customerIdentity(state: ShopState, customerId: number) {
  const customer = state.customers.get(customerId);
  return { id: customerId, email: customer?.email ?? null, phone: customer?.phone ?? null };
}

function ordersOf(state: ShopState, customerId: number): number[] {
  return [...state.orders.values()].filter((order) => order.customerId === customerId).map((order) => order.id);
}

export function dataRequestPayload(state: ShopState, customerId: number, requestId: number) {
  return {
    shop_id: state.shop.id,
    shop_domain: state.shop.domain,
    customer: customerIdentity(state, customerId),
    orders_requested: ordersOf(state, customerId),
    data_request: { id: requestId },
  };
}

export function customerRedactPayload(state: ShopState, customerId: number) {
  return {
    shop_id: state.shop.id,
    shop_domain: state.shop.domain,
    customer: customerIdentity(state, customerId),
    orders_to_redact: ordersOf(state, customerId),
  };
}

export function shopRedactPayload(state: ShopState) {
  return { shop_id: state.shop.id, shop_domain: state.shop.domain };
}

export function themePayload(state: ShopState, themeId: number) {
  const theme = state.themes.get(themeId);
  if (!theme) return null;
  const zone = state.shop.ianaTimezone;
  return {
    id: theme.id,
    name: theme.name,
    created_at: shopTime(theme.createdAt, zone),
    updated_at: shopTime(theme.updatedAt, zone),
    role: theme.role.toLowerCase(),
    theme_store_id: null,
    previewable: true,
    processing: false,
    admin_graphql_api_id: gid('OnlineStoreTheme', theme.id),
  };
}

export function bulkFinishPayload(state: ShopState, operationId: number) {
  const operation = state.bulkOperations.get(operationId);
  if (!operation) return null;
  const zone = state.shop.ianaTimezone;
  return {
    admin_graphql_api_id: gid('BulkOperation', operation.id),
    completed_at: shopTime(operation.completedAt, zone),
    created_at: shopTime(operation.createdAt, zone),
    error_code: operation.errorCode?.toLowerCase() ?? null,
    status: operation.status.toLowerCase(),
    type: operation.type.toLowerCase(),
  };
}
