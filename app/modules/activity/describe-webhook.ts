/**
 * What a processed webhook means to the merchant: one activity entry per
 * event, for every subscribed topic. The webhook processor calls it inside
 * its transaction and records the result with recordActivity:
 *
 *   const entry = describeWebhook(event);
 *   if (entry) await recordActivity(tx, entry);
 *
 * Entries hold structured fields (verb, resource, details: amount, status…)
 * that the page renders in the reader's language; `summary` is the English
 * rendering, kept as search text and CSV fallback. Customer names go in
 * actorName/resourceTitle with customerId set, never in the summary, so
 * customers/redact can anonymise them. Partial payloads give entries with
 * what is there; a payload that names no resource gives a generic entry.
 * shop/redact gives none: it erases every row of the shop, this log included.
 */
import type { i18n as I18n } from 'i18next';
import { createI18n } from '../../i18n/i18n';
import type { InboxEvent } from '../../platform/webhooks/types';
import {
  amountOf,
  currencyOf,
  fieldsOf,
  idOf,
  integerOf,
  personName,
  shopMoneyOf,
  textOf,
  type Fields,
} from './payload-fields';
import type { ActivityInput } from './record.server';
import { activitySentence, type ActivityDetails } from './sentence';

/** An entry without what every webhook entry shares (shop, time, source, summary). */
type Described = Pick<ActivityInput, 'actor' | 'verb' | 'resource' | 'link' | 'customerId' | 'details'>;

const SHOPIFY = { type: 'shopify' } as const;

/** "orders/updated", also when given as the library's "ORDERS_UPDATED". */
function normaliseTopic(topic: string): string {
  const known = DESCRIBED_TOPICS.find((candidate) => candidate.replace('/', '_').toUpperCase() === topic);
  return known ?? topic.toLowerCase();
}

/** The id of the record a payload is about: its REST id, else its GraphQL id. */
function resourceIdOf(payload: Fields): string | null {
  return idOf(payload.id) ?? idOf(payload.admin_graphql_api_id);
}

function withoutNulls(details: Record<string, ActivityDetails[string] | undefined>): ActivityDetails | null {
  const kept = Object.entries(details).filter(([, value]) => value !== null && value !== undefined);
  return kept.length > 0 ? (Object.fromEntries(kept) as ActivityDetails) : null;
}

/** Shop money from a money set, else from a plain amount and currency. */
function moneyOf(set: unknown, amount: unknown, currency: unknown): { amount: string; currency: string } | null {
  const fromSet = shopMoneyOf(set);
  if (fromSet) return fromSet;
  const plainAmount = amountOf(amount);
  const plainCurrency = currencyOf(currency);
  return plainAmount !== null && plainCurrency !== null ? { amount: plainAmount, currency: plainCurrency } : null;
}

/** The exact sum of decimal amounts ("12.50" + "3.25" = "15.75"). */
function sumAmounts(amounts: string[]): string {
  const scale = Math.max(0, ...amounts.map((amount) => amount.split('.')[1]?.length ?? 0));
  const total = amounts.reduce((sum, amount) => {
    const [whole = '0', fraction = ''] = amount.replace('-', '').split('.');
    const units = BigInt(whole) * 10n ** BigInt(scale) + BigInt(fraction.padEnd(scale, '0') || '0');
    return sum + (amount.startsWith('-') ? -units : units);
  }, 0n);
  const negative = total < 0n;
  const digits = (negative ? -total : total).toString().padStart(scale + 1, '0');
  const text = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return negative ? `-${text}` : text;
}

function product(verb: 'created' | 'updated' | 'deleted') {
  return (payload: Fields): Described | null => {
    const id = resourceIdOf(payload);
    if (!id) return null;
    return {
      actor: SHOPIFY,
      verb,
      resource: { type: 'product', id, title: textOf(payload.title) },
      link: verb === 'deleted' ? null : `/products/${id}`,
      details: withoutNulls({ productStatus: verb === 'deleted' ? null : textOf(payload.status)?.toLowerCase() }),
    };
  };
}

function orderActor(payload: Fields): Described['actor'] {
  const staffId = idOf(payload.user_id);
  if (staffId) return { type: 'staff', id: staffId };
  const customer = fieldsOf(payload.customer);
  return {
    type: 'customer',
    id: idOf(customer?.id),
    name: personName(customer?.first_name, customer?.last_name),
  };
}

function order(verb: 'placed' | 'updated' | 'paid' | 'cancelled') {
  return (payload: Fields): Described | null => {
    const id = resourceIdOf(payload);
    if (!id) return null;
    const total = moneyOf(payload.total_price_set, payload.total_price, payload.currency);
    const shown = verb === 'updated' ? null : total;
    return {
      actor: verb === 'placed' ? orderActor(payload) : SHOPIFY,
      verb,
      resource: { type: 'order', id, title: textOf(payload.name) },
      link: `/orders/${id}`,
      customerId: idOf(fieldsOf(payload.customer)?.id),
      details: withoutNulls({
        amount: shown?.amount,
        currency: shown?.currency,
        financialStatus: verb === 'updated' ? textOf(payload.financial_status) : null,
        cancelReason: verb === 'cancelled' ? textOf(payload.cancel_reason) : null,
      }),
    };
  };
}

function refundMoney(payload: Fields): { amount: string; currency: string } | null {
  const transactions = (Array.isArray(payload.transactions) ? payload.transactions : [])
    .map(fieldsOf)
    .filter((transaction) => transaction && transaction.kind === 'refund' && transaction.status === 'success');
  const amounts = transactions.map((transaction) => amountOf(transaction?.amount));
  const currency = currencyOf(transactions[0]?.currency);
  if (amounts.length > 0 && currency && amounts.every((amount) => amount !== null))
    return { amount: sumAmounts(amounts as string[]), currency };
  const lines = (Array.isArray(payload.refund_line_items) ? payload.refund_line_items : []).map((line) =>
    shopMoneyOf(fieldsOf(line)?.subtotal_set),
  );
  const first = lines[0];
  if (!first || lines.some((line) => line === null || line.currency !== first.currency)) return null;
  return { amount: sumAmounts(lines.map((line) => (line as { amount: string }).amount)), currency: first.currency };
}

function refund(payload: Fields): Described | null {
  const orderId = idOf(payload.order_id);
  if (!orderId) return null;
  const staffId = idOf(payload.user_id);
  const money = refundMoney(payload);
  return {
    actor: staffId ? { type: 'staff', id: staffId } : SHOPIFY,
    verb: 'refunded',
    resource: { type: 'order', id: orderId, title: null },
    link: `/orders/${orderId}`,
    details: withoutNulls({ amount: money?.amount, currency: money?.currency, refundId: idOf(payload.id) }),
  };
}

function customer(verb: 'created' | 'updated' | 'deleted') {
  return (payload: Fields): Described | null => {
    const id = resourceIdOf(payload);
    if (!id) return null;
    return {
      actor: SHOPIFY,
      verb,
      resource: { type: 'customer', id, title: personName(payload.first_name, payload.last_name) },
      link: verb === 'deleted' ? null : `/customers/${id}`,
      customerId: id,
      details: null,
    };
  };
}

/** customers/data_request and customers/redact: the customer is named by id only. */
function compliance(verb: 'data_requested' | 'redaction_requested') {
  return (payload: Fields): Described | null => {
    const id = idOf(fieldsOf(payload.customer)?.id);
    if (!id) return null;
    return {
      actor: verb === 'data_requested' ? { type: 'customer', id } : SHOPIFY,
      verb,
      resource: { type: 'customer', id, title: null },
      link: verb === 'data_requested' ? `/customers/${id}` : null,
      customerId: id,
      details: null,
    };
  };
}

function inventoryLevel(payload: Fields): Described | null {
  const itemId = idOf(payload.inventory_item_id);
  if (!itemId) return null;
  const locationId = idOf(payload.location_id);
  return {
    actor: SHOPIFY,
    verb: 'updated',
    resource: { type: 'inventory', id: itemId, title: null },
    link: locationId ? `/products/inventory?location_id=${locationId}` : '/products/inventory',
    details: withoutNulls({ available: integerOf(payload.available), locationId }),
  };
}

function theme(payload: Fields): Described | null {
  const id = resourceIdOf(payload);
  if (!id) return null;
  return {
    actor: SHOPIFY,
    verb: 'published',
    resource: { type: 'theme', id, title: textOf(payload.name) },
    link: `/themes/${id}/editor`,
    details: null,
  };
}

function bulkOperation(payload: Fields): Described | null {
  const id = idOf(payload.admin_graphql_api_id);
  const status = textOf(payload.status)?.toLowerCase() ?? null;
  if (!id || !status) return null;
  return {
    actor: SHOPIFY,
    verb: status === 'completed' ? 'completed' : 'failed',
    resource: { type: 'bulk_operation', id, title: null },
    // Steward's own bulk operations: the sync page shows what they brought in.
    link: '/app/sync',
    details: withoutNulls({
      operation: textOf(payload.type)?.toLowerCase(),
      status: status === 'completed' ? null : status,
      errorCode: textOf(payload.error_code),
    }),
  };
}

function uninstalled(): Described {
  return { actor: SHOPIFY, verb: 'uninstalled', resource: { type: 'app', title: 'Steward' }, details: null };
}

function scopesUpdate(payload: Fields): Described {
  const current = Array.isArray(payload.current) ? payload.current.map(textOf).filter((scope) => scope !== null) : null;
  return {
    actor: SHOPIFY,
    verb: 'scopes_updated',
    resource: { type: 'app', title: 'Steward' },
    details: withoutNulls({ scopes: current ? current.join(', ') : null }),
  };
}

/** Every subscribed topic but shop/redact, and what its entry says. */
const DESCRIBERS: Record<string, (payload: Fields) => Described | null> = {
  'products/create': product('created'),
  'products/update': product('updated'),
  'products/delete': product('deleted'),
  'orders/create': order('placed'),
  'orders/updated': order('updated'),
  'orders/paid': order('paid'),
  'orders/cancelled': order('cancelled'),
  'refunds/create': refund,
  'customers/create': customer('created'),
  'customers/update': customer('updated'),
  'customers/delete': customer('deleted'),
  'customers/data_request': compliance('data_requested'),
  'customers/redact': compliance('redaction_requested'),
  'inventory_levels/update': inventoryLevel,
  'themes/publish': theme,
  'bulk_operations/finish': bulkOperation,
  'app/uninstalled': uninstalled,
  'app/scopes_update': scopesUpdate,
};

/** The topics describeWebhook knows: shop/redact is known too, and gives no entry. */
export const DESCRIBED_TOPICS = [...Object.keys(DESCRIBERS), 'shop/redact'];

/** A topic we cannot read (unknown, or a payload naming no resource): still on the record. */
function generic(topic: string): Described {
  return {
    actor: SHOPIFY,
    verb: 'received',
    resource: { type: 'webhook', id: null, title: null },
    details: { topic },
  };
}

let english: I18n | undefined;

/** The English sentence stored as the entry's summary (search text, CSV, fallback). */
function englishSummary(described: Described): string {
  english ??= createI18n('en');
  return activitySentence(english, {
    verb: described.verb,
    resourceType: described.resource.type,
    resourceId: described.resource.id ?? null,
    resourceTitle: described.resource.title ?? null,
    summary: `${described.resource.type} ${described.verb}`,
    details: described.details ?? null,
  });
}

export function describeWebhook(event: InboxEvent): ActivityInput | null {
  const topic = normaliseTopic(event.topic);
  if (topic === 'shop/redact') return null;
  const payload = fieldsOf(event.payload);
  const describe = Object.hasOwn(DESCRIBERS, topic) ? DESCRIBERS[topic] : undefined;
  const described = (payload && describe?.(payload)) || generic(topic);
  const triggeredAt = event.triggeredAt && !Number.isNaN(event.triggeredAt.getTime()) ? event.triggeredAt : null;
  return {
    shop: event.shop,
    occurredAt: triggeredAt ?? event.receivedAt,
    ...described,
    summary: englishSummary(described),
    source: 'webhook',
    sourceKey: `webhook:${event.eventId}`,
  };
}
