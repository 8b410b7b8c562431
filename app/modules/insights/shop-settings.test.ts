/**
 * The shop's stored profile: written when it changes and only then, and a
 * new time zone asks for the rollups to be rebuilt in it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import prisma from '~/db.server';
import { jobQueue } from '~/platform/jobs/index.server';
import { ROLLUP_JOB } from './rollup-trigger.server';
import { readShopSettings, rememberShopProfile, UnknownTimeZoneError } from './shop-settings.server';

afterAll(async () => {
  await jobQueue().close();
});

const PARIS = { name: 'Maison', timeZone: 'Europe/Paris', currencyCode: 'EUR' };

describe('the remembered shop profile', () => {
  it('stores the profile, leaves an unchanged one alone and refuses an unknown time zone', async () => {
    const shop = 'profile-shop.myshopify.com';
    expect(await rememberShopProfile(prisma, shop, PARIS)).toEqual({ shop, ...PARIS });
    const first = await prisma.shopSettings.findUniqueOrThrow({ where: { shop } });
    await rememberShopProfile(prisma, shop, PARIS);
    expect((await prisma.shopSettings.findUniqueOrThrow({ where: { shop } })).updatedAt).toEqual(first.updatedAt);

    await rememberShopProfile(prisma, shop, { ...PARIS, name: 'Maison & Fils' });
    expect(await readShopSettings(prisma, shop)).toEqual({ shop, ...PARIS, name: 'Maison & Fils' });

    await expect(rememberShopProfile(prisma, shop, { ...PARIS, timeZone: 'Europe/Atlantis' })).rejects.toThrow(
      UnknownTimeZoneError,
    );
    expect((await readShopSettings(prisma, shop))?.timeZone).toBe('Europe/Paris');
  });

  it('asks for a rebuild of rollups cut in another time zone', async () => {
    const shop = 'moved-shop.myshopify.com';
    await prisma.insightsRollupState.create({ data: { shop, timeZone: 'Europe/Paris', builtAt: new Date() } });
    await rememberShopProfile(prisma, shop, PARIS);
    expect(await prisma.insightsRollupState.findUnique({ where: { shop } })).toMatchObject({
      rebuildRequestedAt: null,
    });
    expect(await prisma.job.count({ where: { shop, name: ROLLUP_JOB } })).toBe(0);

    await rememberShopProfile(prisma, shop, { ...PARIS, timeZone: 'America/Montreal' });
    expect(await prisma.insightsRollupState.findUnique({ where: { shop } })).toMatchObject({
      rebuildRequestedAt: expect.any(Date),
    });
    expect(await prisma.job.count({ where: { shop, name: ROLLUP_JOB } })).toBe(1);
  });
});
