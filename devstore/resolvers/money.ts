/** MoneyV2 and MoneyBag values. Amounts are decimal strings with two places. */
export const fixed = (value: number | string) => (Math.round(Number(value) * 100) / 100).toFixed(2);

export function moneyV2(amount: number | string, currencyCode: string) {
  return { amount: fixed(amount), currencyCode };
}

/** Shop money and the buyer's presentment money for the same amount. */
export function moneyBag(amount: number | string, shopCurrency: string, presentmentCurrency = shopCurrency, rate = 1) {
  return {
    shopMoney: moneyV2(amount, shopCurrency),
    presentmentMoney: moneyV2(Number(amount) * rate, presentmentCurrency),
  };
}
