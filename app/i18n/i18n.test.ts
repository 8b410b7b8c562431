import { describe, expect, it } from 'vitest';
import { createFormatter } from './format';
import { createI18n, resolveLocale, resources } from './i18n';

function keys(object: object, prefix = ''): string[] {
  return Object.entries(object).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keys(value as object, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe('i18n', () => {
  it('has every English string in French too, and no extras', () => {
    expect(keys(resources.fr.translation).sort()).toEqual(keys(resources.en.translation).sort());
  });

  it('picks the merchant admin locale Shopify passes, then Accept-Language, then English', () => {
    const request = (query: string, acceptLanguage?: string) =>
      new Request(`https://app.example/app${query}`, {
        headers: acceptLanguage ? { 'Accept-Language': acceptLanguage } : {},
      });
    expect(resolveLocale(request('?locale=fr-CA', 'en-US'))).toBe('fr');
    expect(resolveLocale(request('?locale=ja', 'de;q=0.9, fr;q=0.8'))).toBe('fr');
    expect(resolveLocale(request('', 'en;q=0.5, fr;q=0.9'))).toBe('fr');
    expect(resolveLocale(request('?locale=pt-BR'))).toBe('en');
  });

  it('translates and interpolates', () => {
    expect(createI18n('fr').t('today.title')).toBe('Aujourd’hui');
    expect(createI18n('en').t('login.shopHelp')).toBe('example.myshopify.com');
  });

  it('formats money and dates in the shop’s currency and time zone, in the merchant’s language', () => {
    const moment = '2026-01-15T03:30:00Z';
    const fr = createFormatter({ locale: 'fr', currencyCode: 'CAD', timeZone: 'America/Toronto' });
    expect(fr.money(1234.5)).toBe('1\u202f234,50\u00a0$CA');
    expect(fr.date(moment)).toBe('14 janv. 2026');
    const en = createFormatter({ locale: 'en', currencyCode: 'EUR', timeZone: 'Asia/Tokyo' });
    expect(en.money('99.9')).toBe('€99.90');
    expect(en.date(moment)).toBe('Jan 15, 2026');
  });
});
