/**
 * The parts of an Order built from its nested records: discount
 * applications (a DiscountApplication interface with a PricingValue union),
 * the customer journey with its UTM parameters, and the risk summary.
 */
import { connection, type ConnectionArgs } from '../engine/connection';
import { gid } from '../engine/ids';
import type { ShopState } from '../state/shop-state';
import type { DiscountApplicationRecord, JourneyRecord, OrderRecord } from '../state/types';
import { moneyV2 } from './money';
import { ordersOfCustomer } from './sales-index';

const APPLICATION_TYPES: Record<DiscountApplicationRecord['kind'], string> = {
  DISCOUNT_CODE: 'DiscountCodeApplication',
  AUTOMATIC: 'AutomaticDiscountApplication',
  MANUAL: 'ManualDiscountApplication',
};

function pricingValue(application: DiscountApplicationRecord, order: OrderRecord) {
  if (application.valueType === 'PERCENTAGE')
    return { __typename: 'PricingPercentageValue', percentage: Number(application.value) };
  return {
    __typename: 'MoneyV2',
    ...moneyV2(Number(application.value) * order.presentmentRate, order.presentmentCurrencyCode),
  };
}

function discountApplicationNode(application: DiscountApplicationRecord, index: number, order: OrderRecord) {
  const common = {
    __typename: APPLICATION_TYPES[application.kind],
    index,
    allocationMethod: application.allocationMethod,
    targetSelection:
      application.kind === 'MANUAL' ? 'EXPLICIT' : application.allocationMethod === 'EACH' ? 'ENTITLED' : 'ALL',
    targetType: application.targetType,
    value: pricingValue(application, order),
  };
  if (application.kind === 'DISCOUNT_CODE') return { ...common, code: application.code ?? application.title };
  if (application.kind === 'AUTOMATIC') return { ...common, title: application.title };
  return { ...common, title: application.title, description: null };
}

export function discountApplicationNodes(order: OrderRecord, _state: ShopState, args: ConnectionArgs) {
  const items = order.discountApplications.map((application, index) => ({ application, index }));
  return connection(items, args, {
    id: ({ index }) => `${gid('Order', order.id)}/DiscountApplication/${index}`,
    node: ({ application, index }) => discountApplicationNode(application, index, order),
  });
}

/** MarketingTactic from the UTM medium, as Shopify classifies a visit's source. */
function sourceType(medium: string | null | undefined): string | null {
  const value = (medium ?? '').toLowerCase();
  if (/cpc|ppc|paid|display|banner|ads?$/.test(value)) return 'AD';
  if (/email|newsletter/.test(value)) return 'NEWSLETTER';
  if (/organic|seo/.test(value)) return 'SEO';
  if (/social/.test(value)) return 'POST';
  if (/affiliate/.test(value)) return 'AFFILIATE';
  return null;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

function referralInfoHtml(journey: JourneyRecord): string {
  if (!journey.referrerUrl) return 'Direct visit';
  let host = journey.referrerUrl;
  try {
    host = new URL(journey.referrerUrl).host;
  } catch {
    // not a URL: show it as given
  }
  return `Referred from <a href="${escapeHtml(journey.referrerUrl)}">${escapeHtml(host)}</a>`;
}

/** The records keep one visit per journey: it is both the first and the last visit. */
function customerVisitNode(order: OrderRecord, journey: JourneyRecord) {
  return {
    __typename: 'CustomerVisit',
    id: gid('CustomerVisit', order.id),
    occurredAt: journey.occurredAt,
    source: journey.source,
    sourceType: sourceType(journey.utm?.medium),
    sourceDescription: null,
    landingPage: journey.landingPage,
    landingPageHtml: null,
    referrerUrl: journey.referrerUrl,
    referralCode: null,
    referralInfoHtml: referralInfoHtml(journey),
    marketingEvent: null,
    utmParameters: journey.utm ? { ...journey.utm } : null,
  };
}

/** 1 for the customer's first order; test orders are not counted. Null for guest orders. */
function customerOrderIndex(order: OrderRecord, state: ShopState): number | null {
  if (order.customerId === null) return null;
  const earlier = ordersOfCustomer(state, order.customerId).filter(
    (other) =>
      !other.test &&
      (other.createdAt < order.createdAt || (other.createdAt === order.createdAt && other.id < order.id)),
  );
  return earlier.length + 1;
}

export function journeySummaryNode(order: OrderRecord, state: ShopState) {
  if (!order.journey) return null;
  const visit = customerVisitNode(order, order.journey);
  return {
    ready: true,
    daysToConversion: order.journey.daysToConversion,
    customerOrderIndex: customerOrderIndex(order, state),
    firstVisit: visit,
    lastVisit: visit,
    momentsCount: { count: 1, precision: 'EXACT' },
    moments: (args: ConnectionArgs) =>
      connection([visit], args, { id: (moment) => moment.id, node: (moment) => moment }),
  };
}

const RECOMMENDATIONS: Record<OrderRecord['risk']['level'], string> = {
  LOW: 'ACCEPT',
  MEDIUM: 'INVESTIGATE',
  HIGH: 'CANCEL',
};

export function riskSummaryNode(order: OrderRecord) {
  return {
    recommendation: RECOMMENDATIONS[order.risk.level],
    assessments: [
      { riskLevel: order.risk.level, facts: order.risk.facts.map((fact) => ({ ...fact })), provider: null },
    ],
  };
}
