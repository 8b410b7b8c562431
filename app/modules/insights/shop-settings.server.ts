/**
 * The shop's time zone and currency without a request: rollups cut days in
 * the shop's time zone and run in jobs, so Steward keeps what Shopify last
 * reported (Shop.ianaTimezone, Shop.currencyCode) in ShopSettings.
 *
 * - `rememberShopProfile(db, shop, profile)`: call wherever the profile is
 *   read from the Admin API (the Today loader, the sync). When the time zone
 *   changes, the shop's rollups are rebuilt in the new one.
 * - `requireShopSettings(db, shop)`: what jobs call; when nothing is stored
 *   yet it reads the profile through the shop's offline session.
 */
import { isDeepStrictEqual } from 'node:util';
import type { PrismaClient } from '@prisma/client';
import { unauthenticated } from '~/shopify.server';
import { gatewayFor } from '~/platform/shopify/gateway.server';
import { readShopProfile, type ShopProfile } from '~/platform/shopify/shop-profile.server';
import { scheduleRollupRebuild } from './rollup-trigger.server';

export interface ShopSettings {
  shop: string;
  name: string;
  timeZone: string;
  currencyCode: string;
}

export class UnknownTimeZoneError extends Error {
  override name = 'UnknownTimeZoneError';
}

function checkTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new UnknownTimeZoneError(`Unknown IANA time zone '${timeZone}'`);
  }
}

export async function readShopSettings(db: PrismaClient, shop: string): Promise<ShopSettings | null> {
  const row = await db.shopSettings.findUnique({ where: { shop } });
  return row && { shop, name: row.name, timeZone: row.ianaTimezone, currencyCode: row.currencyCode };
}

/**
 * Stores the profile (written only when it differs from what is stored: the
 * Today page calls this on every load); a new time zone schedules a rebuild of
 * the shop's rollups.
 */
export async function rememberShopProfile(
  db: PrismaClient,
  shop: string,
  profile: Pick<ShopProfile, 'name' | 'timeZone' | 'currencyCode'>,
): Promise<ShopSettings> {
  checkTimeZone(profile.timeZone);
  const settings = { shop, name: profile.name, timeZone: profile.timeZone, currencyCode: profile.currencyCode };
  const [stored, state] = await Promise.all([
    readShopSettings(db, shop),
    db.insightsRollupState.findUnique({ where: { shop }, select: { timeZone: true } }),
  ]);
  if (!isDeepStrictEqual(stored, settings)) {
    const fields = { name: profile.name, ianaTimezone: profile.timeZone, currencyCode: profile.currencyCode };
    await db.shopSettings.upsert({ where: { shop }, create: { shop, ...fields }, update: fields });
  }
  if (state && state.timeZone !== profile.timeZone) await scheduleRollupRebuild(db, shop);
  return settings;
}

/** The stored settings, or the profile read now through the shop's offline session (and stored). */
export async function requireShopSettings(db: PrismaClient, shop: string): Promise<ShopSettings> {
  const stored = await readShopSettings(db, shop);
  if (stored) return stored;
  const { session } = await unauthenticated.admin(shop);
  return rememberShopProfile(db, shop, await readShopProfile(gatewayFor(session)));
}
