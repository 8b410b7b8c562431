/**
 * Webhook payloads for sales: orders/create|updated|paid|cancelled (the REST
 * order), refunds/create and customers/create|update|delete. Money comes
 * from the same whole-cent totals the Admin API resolvers use.
 */
import { gid } from '../engine/ids';
import { countryName } from '../resolvers/sales-address';
import { cents, decimal, lineTotals, orderTotals, refundedQuantity } from '../resolvers/sales-totals';
import type { ShopState } from '../state/shop-state';
import type * as R from '../state/types';
import { moneySet, shopTime } from './format';

type Bag = (amountInCents: number) => ReturnType<typeof moneySet>;

function bagFor(order: R.OrderRecord, state: ShopState): Bag {
  return (amount) =>
    moneySet(decimal(amount), state.shop.currencyCode, order.presentmentCurrencyCode, order.presentmentRate);
}

function addressPayload(address: R.AddressRecord | null) {
  if (!address) return null;
  return {
    first_name: address.firstName,
    address1: address.address1,
    phone: null,
    city: address.city,
    zip: address.zip,
    province: address.provinceCode,
    country: countryName(address.countryCode),
    last_name: address.lastName,
    address2: null,
    company: null,
    latitude: null,
    longitude: null,
    name: `${address.firstName} ${address.lastName}`.trim(),
    country_code: address.countryCode,
    province_code: address.provinceCode,
  };
}

function defaultAddress(customer: R.CustomerRecord) {
  const { address } = customer;
  return {
    id: customer.id,
    customer_id: customer.id,
    first_name: customer.firstName,
    last_name: customer.lastName,
    company: null,
    address1: address.address1,
    address2: null,
    city: address.city,
    province: address.provinceCode,
    country: countryName(address.countryCode),
    zip: address.zip,
    phone: customer.phone,
    name: `${customer.firstName} ${customer.lastName}`.trim(),
    province_code: address.provinceCode,
    country_code: address.countryCode,
    country_name: countryName(address.countryCode),
    default: true,
  };
}

/** The customer as embedded in orders and as the customers/* topics send it. */
export function customerPayload(customer: R.CustomerRecord, state: ShopState) {
  const zone = state.shop.ianaTimezone;
  return {
    id: customer.id,
    created_at: shopTime(customer.createdAt, zone),
    updated_at: shopTime(customer.updatedAt, zone),
    first_name: customer.firstName,
    last_name: customer.lastName,
    state: customer.state.toLowerCase(),
    note: null,
    verified_email: customer.email !== null,
    multipass_identifier: null,
    tax_exempt: false,
    email: customer.email,
    phone: customer.phone,
    currency: state.shop.currencyCode,
    tax_exemptions: [] as string[],
    admin_graphql_api_id: gid('Customer', customer.id),
    default_address: defaultAddress(customer),
  };
}

export function customerTopicPayload(customer: R.CustomerRecord, state: ShopState) {
  return { ...customerPayload(customer, state), addresses: [defaultAddress(customer)] };
}

export function customerDeletePayload(customerId: number) {
  return { id: customerId, tax_exemptions: [] as string[], admin_graphql_api_id: gid('Customer', customerId) };
}

function lineItemPayload(line: R.LineItemRecord, order: R.OrderRecord, state: ShopState) {
  const bag = bagFor(order, state);
  const totals = lineTotals(line);
  const product = line.productId === null ? undefined : state.products.get(line.productId);
  const current = line.quantity - refundedQuantity(order, line.id);
  return {
    id: line.id,
    admin_graphql_api_id: gid('LineItem', line.id),
    attributed_staffs: [] as { id: string; quantity: number }[],
    current_quantity: current,
    fulfillable_quantity: order.fulfillmentStatus === 'FULFILLED' ? 0 : current,
    fulfillment_service: 'manual',
    fulfillment_status: order.fulfillmentStatus === 'FULFILLED' ? 'fulfilled' : null,
    gift_card: false,
    grams: 0,
    name: line.variantTitle ? `${line.title} - ${line.variantTitle}` : line.title,
    price: decimal(totals.unitPrice),
    price_set: bag(totals.unitPrice),
    product_exists: product !== undefined,
    product_id: line.productId,
    properties: [] as { name: string; value: string }[],
    quantity: line.quantity,
    requires_shipping: true,
    sales_line_item_group_id: null,
    sku: line.sku,
    taxable: true,
    title: line.title,
    total_discount: decimal(totals.discount),
    total_discount_set: bag(totals.discount),
    variant_id: line.variantId,
    variant_inventory_management: line.variantId === null ? null : 'shopify',
    variant_title: line.variantTitle,
    vendor: product?.vendor ?? null,
    tax_lines: [] as unknown[],
    duties: [] as unknown[],
    discount_allocations:
      totals.discount > 0 && order.discountApplications.length > 0
        ? [{ amount: decimal(totals.discount), discount_application_index: 0, amount_set: bag(totals.discount) }]
        : [],
  };
}

function discountApplicationPayload(application: R.DiscountApplicationRecord) {
  return {
    target_type: application.targetType.toLowerCase(),
    type: { DISCOUNT_CODE: 'discount_code', AUTOMATIC: 'automatic', MANUAL: 'manual' }[application.kind],
    value: application.value,
    value_type: application.valueType.toLowerCase(),
    allocation_method: application.allocationMethod.toLowerCase(),
    target_selection: 'all',
    ...(application.code ? { code: application.code } : { title: application.title, description: application.title }),
  };
}

function shippingLinePayload(order: R.OrderRecord, bag: Bag) {
  const price = cents(order.shipping);
  return {
    id: order.id,
    carrier_identifier: null,
    code: 'Standard',
    current_discounted_price_set: bag(price),
    discounted_price: decimal(price),
    discounted_price_set: bag(price),
    is_removed: false,
    phone: null,
    price: decimal(price),
    price_set: bag(price),
    requested_fulfillment_service_id: null,
    source: 'shopify',
    title: 'Standard',
    tax_lines: [] as unknown[],
    discount_allocations: [] as unknown[],
  };
}

function taxLines(order: R.OrderRecord, totals: ReturnType<typeof orderTotals>, bag: Bag) {
  if (totals.tax === 0) return [];
  const rate = totals.subtotal > 0 ? Math.round((totals.tax / totals.subtotal) * 10_000) / 10_000 : 0;
  return [{ price: decimal(totals.tax), rate, title: 'Tax', price_set: bag(totals.tax), channel_liable: false }];
}

function landing(order: R.OrderRecord) {
  return { landing_site: order.journey?.landingPage ?? null, referring_site: order.journey?.referrerUrl ?? null };
}

export function orderPayload(order: R.OrderRecord, state: ShopState) {
  const zone = state.shop.ianaTimezone;
  const bag = bagFor(order, state);
  const totals = orderTotals(order);
  const current = totals.total - totals.refunded;
  const customer = order.customerId === null ? undefined : state.customers.get(order.customerId);
  const money = (amount: number) => decimal(amount);
  const zero = bag(0);
  return {
    id: order.id,
    admin_graphql_api_id: gid('Order', order.id),
    app_id: null,
    browser_ip: null,
    buyer_accepts_marketing: customer?.acceptsMarketing ?? false,
    cancel_reason: order.cancelReason?.toLowerCase() ?? null,
    cancelled_at: shopTime(order.cancelledAt, zone),
    cart_token: null,
    checkout_token: null,
    client_details: null,
    closed_at: null,
    confirmation_number: null,
    confirmed: true,
    contact_email: order.email,
    created_at: shopTime(order.createdAt, zone),
    currency: state.shop.currencyCode,
    current_shipping_price_set: bag(totals.shipping - totals.refundedShipping),
    current_subtotal_price: money(totals.subtotal - totals.refundedLines),
    current_subtotal_price_set: bag(totals.subtotal - totals.refundedLines),
    current_total_additional_fees_set: null,
    current_total_discounts: money(totals.discounts),
    current_total_discounts_set: bag(totals.discounts),
    current_total_duties_set: null,
    current_total_price: money(current),
    current_total_price_set: bag(current),
    current_total_tax: money(totals.tax),
    current_total_tax_set: bag(totals.tax),
    customer_locale: 'en',
    device_id: null,
    discount_codes: order.discountApplications
      .filter((application) => application.code)
      .map((application) => ({
        code: application.code as string,
        amount: money(totals.discounts),
        type: application.valueType === 'PERCENTAGE' ? 'percentage' : 'fixed_amount',
      })),
    duties_included: false,
    email: order.email,
    estimated_taxes: false,
    financial_status: order.financialStatus.toLowerCase(),
    fulfillment_status:
      order.fulfillmentStatus === 'UNFULFILLED'
        ? null
        : order.fulfillmentStatus === 'FULFILLED'
          ? 'fulfilled'
          : 'partial',
    ...landing(order),
    landing_site_ref: null,
    location_id: null,
    merchant_business_entity_id: Buffer.from(String(state.shop.id)).toString('base64url'),
    merchant_of_record_app_id: null,
    name: `#${order.number}`,
    note: null,
    note_attributes: [] as { name: string; value: string }[],
    number: order.number - 1000,
    order_number: order.number,
    order_status_url: `https://${state.shop.primaryDomain.host}/${state.shop.id}/orders/${order.id}/authenticate`,
    original_total_additional_fees_set: null,
    original_total_duties_set: null,
    payment_gateway_names: ['shopify_payments'],
    phone: null,
    po_number: null,
    presentment_currency: order.presentmentCurrencyCode,
    processed_at: shopTime(order.processedAt, zone),
    reference: null,
    source_identifier: null,
    source_name: order.sourceName,
    source_url: null,
    subtotal_price: money(totals.subtotal),
    subtotal_price_set: bag(totals.subtotal),
    tags: '',
    tax_exempt: false,
    tax_lines: taxLines(order, totals, bag),
    taxes_included: false,
    test: order.test,
    token: `${order.id.toString(16)}${state.shop.id.toString(16)}`,
    total_cash_rounding_payment_adjustment_set: zero,
    total_cash_rounding_refund_adjustment_set: zero,
    total_discounts: money(totals.discounts),
    total_discounts_set: bag(totals.discounts),
    total_line_items_price: money(totals.gross),
    total_line_items_price_set: bag(totals.gross),
    total_outstanding: money(
      totals.total - totals.received > 0 && !order.cancelledAt ? totals.total - totals.received : 0,
    ),
    total_price: money(totals.total),
    total_price_set: bag(totals.total),
    total_shipping_price_set: bag(totals.shipping),
    total_tax: money(totals.tax),
    total_tax_set: bag(totals.tax),
    total_tip_received: '0.00',
    total_weight: 0,
    updated_at: shopTime(order.updatedAt, zone),
    user_id: null,
    billing_address: addressPayload(order.billingAddress),
    customer: customer ? customerPayload(customer, state) : null,
    discount_applications: order.discountApplications.map(discountApplicationPayload),
    fulfillments: [] as unknown[],
    line_items: order.lineItems.map((line) => lineItemPayload(line, order, state)),
    payment_terms: null,
    refunds: order.refunds.map((refund) => refundPayload(refund, order, state)),
    shipping_address: addressPayload(order.shippingAddress),
    shipping_lines: cents(order.shipping) > 0 || order.shippingAddress ? [shippingLinePayload(order, bag)] : [],
    returns: [] as unknown[],
    line_item_groups: [] as unknown[],
  };
}

export function refundPayload(refund: R.RefundRecord, order: R.OrderRecord, state: ShopState) {
  const zone = state.shop.ianaTimezone;
  const bag = bagFor(order, state);
  const total = cents(refund.total);
  return {
    id: refund.id,
    order_id: order.id,
    created_at: shopTime(refund.createdAt, zone),
    note: refund.note,
    // The records keep no refunding user; refunds are made in the admin, by its owner.
    user_id: [...state.staff.values()].find((member) => member.isShopOwner)?.id ?? null,
    processed_at: shopTime(refund.createdAt, zone),
    duties: [] as unknown[],
    total_duties_set: bag(0),
    return: null,
    refund_shipping_lines: [] as unknown[],
    restock: false,
    admin_graphql_api_id: gid('Refund', refund.id),
    order_adjustments: [] as unknown[],
    refund_line_items: refund.lines.map((line, position) => {
      const lineItem = order.lineItems.find((item) => item.id === line.lineItemId);
      const subtotal = cents(line.subtotal);
      return {
        id: refund.id * 1000 + position,
        quantity: line.quantity,
        line_item_id: line.lineItemId,
        location_id: null,
        restock_type: 'no_restock',
        subtotal: subtotal / 100,
        total_tax: 0,
        subtotal_set: bag(subtotal),
        total_tax_set: bag(0),
        ...(lineItem ? { line_item: lineItemPayload(lineItem, order, state) } : {}),
      };
    }),
    transactions: [
      {
        id: refund.id,
        order_id: order.id,
        kind: 'refund',
        gateway: 'shopify_payments',
        status: 'success',
        message: null,
        created_at: shopTime(refund.createdAt, zone),
        test: order.test,
        authorization: null,
        location_id: null,
        user_id: null,
        parent_id: null,
        processed_at: shopTime(refund.createdAt, zone),
        device_id: null,
        error_code: null,
        source_name: 'web',
        receipt: {},
        amount: decimal(total),
        currency: state.shop.currencyCode,
        payment_id: `#${order.number}.${refund.id}`,
        total_unsettled_set: {
          presentment_money: { amount: '0.00', currency: order.presentmentCurrencyCode },
          shop_money: { amount: '0.00', currency: state.shop.currencyCode },
        },
        manual_payment_gateway: false,
        amount_rounding: null,
        admin_graphql_api_id: gid('OrderTransaction', refund.id),
      },
    ],
  };
}
