/**
 * The inbox pages' formatter: the merchant's locale, the shop's currency and
 * time zone (from the loader), plus a compact date and time for table cells
 * ("Nov 28, 7:30 AM"; the year only when it is not this year's).
 */
import { useMemo } from 'react';
import { createFormatter, type Formatter } from '~/i18n/format';
import { useLocale } from '~/root';

export type InboxFormatter = Formatter & { compactDateTime: (value: string) => string };

export function createInboxFormatter(context: {
  locale: string;
  currencyCode: string;
  timeZone: string;
}): InboxFormatter {
  const { locale, timeZone } = context;
  const options = { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone } as const;
  const thisYear = new Intl.DateTimeFormat(locale, options);
  const otherYear = new Intl.DateTimeFormat(locale, { ...options, year: 'numeric' });
  const year = new Intl.DateTimeFormat('en', { year: 'numeric', timeZone });
  return {
    ...createFormatter(context),
    compactDateTime: (value) => {
      const date = new Date(value);
      return (year.format(date) === year.format(new Date()) ? thisYear : otherYear).format(date);
    },
  };
}

export function useInboxFormat(shop: { currencyCode: string; timeZone: string }): InboxFormatter {
  const locale = useLocale();
  return useMemo(
    () => createInboxFormatter({ locale, currencyCode: shop.currencyCode, timeZone: shop.timeZone }),
    [locale, shop.currencyCode, shop.timeZone],
  );
}
