/**
 * Where every Insights and Today loader and action starts: authenticate.admin
 * (through withAdmin, which handles revoked tokens and Shopify outages), the
 * shop from the session, its time zone and currency as ShopSettings holds
 * them (read from Shopify and stored on first use, so a page load costs no
 * Admin API call), and the shop's today. A period in the URL that cannot be
 * read is a 400 naming the problem.
 */
import { data } from '@remix-run/node';
import prisma from '~/db.server';
import { withAdmin } from '~/platform/shopify/admin-request.server';
import type { AdminGateway } from '~/platform/shopify/admin-gateway.server';
import { readShopProfile } from '~/platform/shopify/shop-profile.server';
import { PeriodParamError, readPeriodParams, type PeriodChoice } from './period-params';
import { localDate, type LocalDate } from './periods';
import { readShopSettings, rememberShopProfile } from './shop-settings.server';

export interface InsightsContext {
  shop: string;
  gateway: AdminGateway;
  timeZone: string;
  currencyCode: string;
  now: Date;
  /** The shop's calendar date now. */
  today: LocalDate;
}

export function withInsights<T>(request: Request, work: (context: InsightsContext) => Promise<T>): Promise<T> {
  return withAdmin(request, async ({ session, gateway }) => {
    const settings =
      (await readShopSettings(prisma, session.shop)) ??
      (await rememberShopProfile(prisma, session.shop, await readShopProfile(gateway)));
    const now = new Date();
    return work({
      shop: session.shop,
      gateway,
      timeZone: settings.timeZone,
      currencyCode: settings.currencyCode,
      now,
      today: localDate(now, settings.timeZone),
    });
  });
}

/** The period the request's URL names, or a thrown 400 `{ problem }`. */
export function periodOfRequest(request: Request, today: LocalDate): PeriodChoice {
  try {
    return readPeriodParams(new URL(request.url).searchParams, today);
  } catch (error) {
    if (error instanceof PeriodParamError) throw data({ problem: error.problem }, { status: 400 });
    throw error;
  }
}
