/** The inbox pages' formatter: the merchant's locale, the shop's currency and time zone (from the loader). */
import { useMemo } from 'react';
import { createFormatter, type Formatter } from '~/i18n/format';
import { useLocale } from '~/root';

export function useInboxFormat(shop: { currencyCode: string; timeZone: string }): Formatter {
  const locale = useLocale();
  return useMemo(
    () => createFormatter({ locale, currencyCode: shop.currencyCode, timeZone: shop.timeZone }),
    [locale, shop.currencyCode, shop.timeZone],
  );
}
