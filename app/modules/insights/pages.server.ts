/**
 * What each Insights page's loader returns, read from the rollups (never raw
 * orders) and the stored findings:
 * - overview: the period's figures against the previous period, sales over
 *   time, channels, the top open findings; sessions and conversion come
 *   from ShopifyQL, a live Admin API call, so they are a promise the page
 *   streams in (never failing the page: an error is a result too);
 * - products: top and bottom products, inventory at risk and dead stock;
 * - cohorts: the last `months` monthly acquisition cohorts;
 * - findings: the open ones, and the dismissed or snoozed ones to restore.
 * Each carries the shop's currency, time zone and today for formatting.
 */
import prisma from '~/db.server';
import { logger } from '~/platform/logging/logger.server';
import { readChannelSales } from './channels.server';
import { readCohorts } from './cohorts.server';
import { findingView, shopAdminBase } from './finding-view.server';
import { THRESHOLDS } from './findings-rules';
import { countFindings, listFindings } from './findings.server';
import type { InsightsContext } from './insights-context.server';
import { readInventoryRisk } from './inventory-risk.server';
import { readSalesSummary } from './metrics.server';
import type { PeriodChoice } from './period-params';
import { readProductPerformance } from './products.server';
import { readInsightsReadiness } from './readiness.server';
import { readSalesSeries } from './series.server';
import { readSessions, type SessionsResult } from './sessions.server';

export type SessionsView = SessionsResult | { status: 'error' };

function shopOf(context: InsightsContext) {
  return { currencyCode: context.currencyCode, timeZone: context.timeZone, today: context.today };
}

/** Sessions from ShopifyQL; a failure is logged and shown as "could not be read", never thrown. */
function sessionsOf(context: InsightsContext, choice: PeriodChoice): Promise<SessionsView> {
  return readSessions(context.gateway, choice).catch((error: unknown) => {
    logger.warn({ err: error, shop: context.shop }, 'Insights could not read sessions from ShopifyQL');
    return { status: 'error' as const };
  });
}

export async function loadOverview(context: InsightsContext, choice: PeriodChoice) {
  const { shop, now } = context;
  const readiness = await readInsightsReadiness(prisma, shop, now);
  const summary = await readSalesSummary(prisma, shop, choice);
  const series = await readSalesSeries(prisma, shop, choice);
  const channels = await readChannelSales(prisma, shop, choice);
  const findings = await listFindings(prisma, shop, { now, limit: 5 });
  const adminBase = shopAdminBase(shop);
  return {
    shop: shopOf(context),
    choice,
    readiness,
    summary,
    series,
    channels,
    findings: findings.map((finding) => findingView(finding, adminBase)),
    thresholds: THRESHOLDS,
    sessions: sessionsOf(context, choice),
  };
}

export async function loadProducts(context: InsightsContext, choice: PeriodChoice) {
  const { shop, now, today } = context;
  const readiness = await readInsightsReadiness(prisma, shop, now);
  const products = await readProductPerformance(prisma, shop, choice, { limit: 10 });
  const inventory = await readInventoryRisk(prisma, shop, today);
  return { shop: shopOf(context), choice, readiness, products, inventory, adminBase: shopAdminBase(shop) };
}

export const COHORT_MONTHS = [6, 12, 24] as const;

export async function loadCohorts(context: InsightsContext, months: number) {
  const { shop, now, today } = context;
  const readiness = await readInsightsReadiness(prisma, shop, now);
  const cohorts = await readCohorts(prisma, shop, today, { months });
  return { shop: shopOf(context), readiness, months, cohorts };
}

export async function loadFindings(context: InsightsContext, show: 'open' | 'hidden') {
  const { shop, now } = context;
  const adminBase = shopAdminBase(shop);
  const readiness = await readInsightsReadiness(prisma, shop, now);
  const findings = await listFindings(prisma, shop, { now, include: show, limit: 100 });
  const hiddenCount = show === 'open' ? await countFindings(prisma, shop, { now, include: 'hidden' }) : null;
  return {
    shop: shopOf(context),
    readiness,
    show,
    hiddenCount,
    thresholds: THRESHOLDS,
    findings: findings.map((finding) => findingView(finding, adminBase)),
  };
}
