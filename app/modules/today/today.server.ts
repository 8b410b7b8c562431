/**
 * What Today (the home page) shows, read from the rollups, the stored
 * findings and the activity log — nothing computed from raw orders:
 * - the shop as Shopify describes it (read live, and remembered for the
 *   jobs that cut days in its time zone);
 * - today so far against yesterday, and the last 7 days against the 7
 *   before (the shop's calendar days);
 * - the top open findings;
 * - the latest activity entries;
 * - the tickets waiting past their first-reply target (the most overdue few).
 */
import prisma from '~/db.server';
import { NO_FILTERS } from '~/modules/activity/filters';
import { readActivityPage } from '~/modules/activity/query.server';
import { activityView } from '~/modules/activity/view.server';
import { overdueTickets } from '~/modules/inbox/overdue.server';
import { ticketRowView } from '~/modules/inbox/pages.server';
import { findingView, shopAdminBase } from '~/modules/insights/finding-view.server';
import { THRESHOLDS } from '~/modules/insights/findings-rules';
import { listFindings } from '~/modules/insights/findings.server';
import { readSalesSummary } from '~/modules/insights/metrics.server';
import { localDate, resolvePeriod } from '~/modules/insights/periods';
import { readInsightsReadiness } from '~/modules/insights/readiness.server';
import { rememberShopProfile } from '~/modules/insights/shop-settings.server';
import type { AdminContext } from '~/platform/shopify/admin-request.server';
import { readShopProfile } from '~/platform/shopify/shop-profile.server';

const TODAY_FINDINGS = 3;
const TODAY_ACTIVITY = 5;
const TODAY_OVERDUE_TICKETS = 3;

export async function loadToday({ session, gateway }: AdminContext, now: Date = new Date()) {
  const shop = session.shop;
  const profile = await readShopProfile(gateway);
  await rememberShopProfile(prisma, shop, profile);
  const today = localDate(now, profile.timeZone);
  const readiness = await readInsightsReadiness(prisma, shop, now);
  const todaySummary = await readSalesSummary(prisma, shop, resolvePeriod('today', today));
  const weekSummary = await readSalesSummary(prisma, shop, resolvePeriod('last7', today));
  const findings = await listFindings(prisma, shop, { now, limit: TODAY_FINDINGS });
  const activity = await readActivityPage(
    prisma,
    shop,
    { filters: NO_FILTERS, after: null, before: null },
    profile.timeZone,
    TODAY_ACTIVITY,
  );
  const overdue = await overdueTickets(prisma, shop, now, TODAY_OVERDUE_TICKETS);
  const adminBase = shopAdminBase(shop);
  return {
    profile,
    now: now.toISOString(),
    today,
    readiness,
    todaySummary,
    weekSummary,
    findings: findings.map((finding) => findingView(finding, adminBase)),
    thresholds: THRESHOLDS,
    activity: activity.rows.map((row) => activityView(adminBase, row)),
    overdueTickets: { count: overdue.count, tickets: overdue.tickets.map(ticketRowView) },
  };
}
