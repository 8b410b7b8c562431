/** The page's formatter: the merchant's locale, the shop's currency and time zone (from the loader). */
import { useMemo } from 'react';
import { useLocale } from '~/root';
import { createInsightsFormatter, type InsightsFormatter } from './insights-format';

export function useInsightsFormat(shop: { currencyCode: string; timeZone: string }): InsightsFormatter {
  const locale = useLocale();
  return useMemo(
    () => createInsightsFormatter({ locale, currencyCode: shop.currencyCode, timeZone: shop.timeZone }),
    [locale, shop.currencyCode, shop.timeZone],
  );
}
