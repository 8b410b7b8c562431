/**
 * Numbers, money and dates for people, with Intl: in the merchant's locale,
 * the shop's currency and the shop's time zone.
 */
export interface ShopFormatContext {
  locale: string;
  currencyCode: string;
  timeZone: string;
}

export function createFormatter({ locale, currencyCode, timeZone }: ShopFormatContext) {
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency: currencyCode });
  const number = new Intl.NumberFormat(locale);
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone });
  const shortDateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  return {
    money: (amount: number | string) => money.format(Number(amount)),
    number: (value: number) => number.format(value),
    dateTime: (value: Date | string | number) => dateTime.format(new Date(value)),
    date: (value: Date | string | number) => date.format(new Date(value)),
    /** For lists and tables: "Nov 27, 2026, 7:25 AM". */
    shortDateTime: (value: Date | string | number) => shortDateTime.format(new Date(value)),
  };
}

export type Formatter = ReturnType<typeof createFormatter>;
