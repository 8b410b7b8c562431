/**
 * A finding in words, in the reader's language: a title ("Sales of Wool Hat
 * fell 42%"), its evidence (the values, the periods, the supporting figures)
 * and the rule that fired, with its threshold. Figures go through the
 * Insights formatter; the rules' thresholds (findings-rules.ts, which only
 * the server can import) come with the page's data.
 */
import type { TFunction } from 'i18next';
import type { THRESHOLDS } from '../findings-rules';
import type { FindingView } from '../finding-view.server';
import { addDays } from '../periods';
import { channelKeyLabel } from './channel-label';
import type { InsightsFormatter } from './insights-format';

export interface FindingText {
  title: string;
  evidence: string;
  rule: string;
}

const num = (value: unknown) => (typeof value === 'number' ? value : Number(value ?? 0));

function subjectOf(t: TFunction, finding: FindingView): string {
  if (finding.subjectType === 'channel')
    return finding.subjectId ? channelKeyLabel(t, finding.subjectId) : t('insights.channels.unknown');
  return finding.subjectTitle ?? t('insights.findings.unnamedProduct');
}

export type FindingThresholds = typeof THRESHOLDS;

export function findingText(
  t: TFunction,
  finding: FindingView,
  format: InsightsFormatter,
  THRESHOLDS: FindingThresholds,
): FindingText {
  const e = finding.evidence;
  const facts = e.facts;
  const key = `insights.findings.rules.${finding.rule}`;
  const periods = {
    period: format.period(e.period),
    comparisonPeriod: e.comparisonPeriod ? format.period(e.comparisonPeriod) : '',
  };
  const money = (value: number | null) => (value === null ? '—' : format.money(value));
  const percent = (value: number | null) => (value === null ? '—' : format.percent(value));
  const change = format.percent(Math.abs(e.change ?? 0));
  const values = ((): Record<string, string> => {
    switch (finding.rule) {
      case 'product-sales-fell':
      case 'product-sales-grew':
        return {
          value: money(e.value),
          comparison: money(e.comparison),
          units: format.number(num(facts.unitsSold)),
          previousUnits: format.number(num(facts.previousUnitsSold)),
          threshold: format.percent(THRESHOLDS.productChange),
          minUnits: format.number(THRESHOLDS.productMinUnits),
          minShare: format.percent(THRESHOLDS.productMinShare),
        };
      case 'product-refund-rate':
        return {
          value: percent(e.value),
          comparison: percent(e.comparison),
          multiple: format.decimal(e.change ?? 0),
          returns: money(num(facts.returns)),
          units: format.number(num(facts.unitsSold)),
          unitsReturned: format.number(num(facts.unitsReturned)),
          threshold: format.decimal(THRESHOLDS.refundRateMultiple),
          minUnits: format.number(THRESHOLDS.refundMinUnits),
        };
      case 'best-seller-stockout':
        return {
          days: format.decimal(e.value ?? 0),
          date: format.calendarDate(addDays(e.period.end, 1 + Math.floor(e.value ?? 0))),
          available: format.number(num(facts.available)),
          velocity: format.decimal(num(facts.velocity)),
          rank: format.number(num(facts.bestSellerRank)),
          threshold: format.number(THRESHOLDS.stockoutDays),
          bestSellers: format.number(THRESHOLDS.bestSellers),
        };
      case 'dead-stock':
        return {
          cost: money(e.value),
          days: format.number(e.threshold),
          products: format.number(num(facts.products)),
          units: format.number(num(facts.units)),
          uncostedUnits: format.number(num(facts.uncostedUnits)),
        };
      case 'channel-grew':
      case 'channel-shrank':
        return {
          value: money(e.value),
          comparison: money(e.comparison),
          orders: format.number(num(facts.orders)),
          previousOrders: format.number(num(facts.previousOrders)),
          threshold: format.percent(Math.abs(e.threshold)),
          minOrders: format.number(THRESHOLDS.channelMinOrders),
          minShare: format.percent(THRESHOLDS.channelMinShare),
        };
      case 'aov-rose':
      case 'aov-fell':
        return {
          value: money(e.value),
          comparison: money(e.comparison),
          orders: format.number(num(facts.orders)),
          previousOrders: format.number(num(facts.previousOrders)),
          threshold: format.percent(THRESHOLDS.aovChange),
          minOrders: format.number(THRESHOLDS.aovMinOrders),
        };
      case 'repeat-rate-rose':
      case 'repeat-rate-fell':
        return {
          value: percent(e.value),
          comparison: percent(e.comparison),
          points: format.decimal(Math.abs(e.change ?? 0) * 100),
          customers: format.number(num(facts.customers)),
          previousCustomers: format.number(num(facts.previousCustomers)),
          threshold: format.decimal(THRESHOLDS.repeatRateChange * 100),
          minCustomers: format.number(THRESHOLDS.repeatMinCustomers),
        };
    }
  })();
  const context = { subject: subjectOf(t, finding), change, ...periods, ...values };
  const evidence = t(`${key}.evidence`, context);
  const uncosted =
    finding.rule === 'dead-stock' && num(facts.uncostedUnits) > 0 ? ` ${t(`${key}.uncosted`, context)}` : '';
  return { title: t(`${key}.title`, context), evidence: `${evidence}${uncosted}`, rule: t(`${key}.rule`, context) };
}
