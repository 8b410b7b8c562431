/**
 * Shopify's REST/webhook conventions: times in the shop's offset
 * ("2021-12-31T19:00:00-05:00"), money as decimal strings and money sets
 * ({ shop_money, presentment_money }), gids beside numeric ids.
 */
import { fixed } from '../resolvers/money';

/** The offset of a time zone at an instant, as "+HH:MM" / "-HH:MM". */
export function zoneOffset(instant: Date, timeZone: string): string {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(instant)
      .find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const offset = name.replace('GMT', '');
  return offset === '' ? '+00:00' : offset;
}

/** An ISO instant written in the shop's local time with its offset, as Shopify's webhooks do. */
export function shopTime(iso: string, timeZone: string): string;
export function shopTime(iso: string | null, timeZone: string): string | null;
export function shopTime(iso: string | null, timeZone: string): string | null {
  if (!iso) return null;
  const instant = new Date(iso);
  const offset = zoneOffset(instant, timeZone);
  const sign = offset.startsWith('-') ? -1 : 1;
  const [hours, minutes] = offset.slice(1).split(':').map(Number) as [number, number];
  const local = new Date(instant.getTime() + sign * (hours * 60 + minutes) * 60_000);
  return `${local.toISOString().slice(0, 19)}${offset}`;
}

export interface MoneySet {
  shop_money: { amount: string; currency_code: string };
  presentment_money: { amount: string; currency_code: string };
}

/** A money set: the amount in the shop's currency and as the buyer saw it. */
export function moneySet(
  amount: string | number,
  shopCurrency: string,
  presentment = shopCurrency,
  rate = 1,
): MoneySet {
  return {
    shop_money: { amount: fixed(amount), currency_code: shopCurrency },
    presentment_money: { amount: fixed(Number(amount) * rate), currency_code: presentment },
  };
}
