/**
 * The headline tiles (Insights and Today) from a SalesSummary: each figure's
 * value, its previous period's value, and its change — relative for amounts
 * and counts, in percentage points for rates — with whether the change is
 * good news (a higher refund rate is not; discounts are neither).
 */
import type { Change, SalesFigures, SalesSummary } from '../metrics.server';
import type { InsightsFormatter } from './insights-format';

export type Better = 'higher' | 'lower' | 'neutral';

export interface KpiChange {
  /** "+12.3%" or "+1.2" (points). */
  text: string;
  unit: 'percent' | 'points';
  direction: 'up' | 'down' | 'flat';
  /** success / critical / none. */
  tone: 'good' | 'bad' | 'neutral';
}

export interface Kpi {
  id: string;
  value: string;
  previous: string | null;
  change: KpiChange | null;
}

type Kind = 'money' | 'count' | 'rate';

export function kpiChange(change: Change, kind: Kind, better: Better, format: InsightsFormatter): KpiChange | null {
  const amount = kind === 'rate' ? change.absolute : change.relative;
  if (amount === null) return null;
  // The direction of what is shown (to 0.1% or 0.1 point): "+0" is no change, not good news.
  const shown = Math.round(amount * 1000);
  const direction = shown > 0 ? 'up' : shown < 0 ? 'down' : 'flat';
  const tone =
    better === 'neutral' || direction === 'flat'
      ? 'neutral'
      : (direction === 'up') === (better === 'higher')
        ? 'good'
        : 'bad';
  return {
    text: kind === 'rate' ? format.signedPoints(shown / 1000) : format.signedPercent(shown / 1000),
    unit: kind === 'rate' ? 'points' : 'percent',
    direction,
    tone,
  };
}

function formatted(value: number | null, kind: Kind, format: InsightsFormatter): string | null {
  if (value === null) return null;
  if (kind === 'money') return format.money(value);
  if (kind === 'rate') return format.percent(value);
  return format.number(value);
}

const SALES_KPIS: { id: keyof SalesFigures; kind: Kind; better: Better }[] = [
  { id: 'netSales', kind: 'money', better: 'higher' },
  { id: 'orders', kind: 'count', better: 'higher' },
  { id: 'averageOrderValue', kind: 'money', better: 'higher' },
  { id: 'unitsSold', kind: 'count', better: 'higher' },
  { id: 'newCustomers', kind: 'count', better: 'higher' },
  { id: 'returningCustomers', kind: 'count', better: 'higher' },
  { id: 'repeatCustomerRate', kind: 'rate', better: 'higher' },
  { id: 'refundRate', kind: 'rate', better: 'lower' },
  { id: 'discounts', kind: 'money', better: 'neutral' },
];

/** The tiles of a summary, in the order the pages show them (`only` picks and orders a subset). */
export function salesKpis(
  summary: Pick<SalesSummary, 'current' | 'previous' | 'change'>,
  format: InsightsFormatter,
  only?: (keyof SalesFigures)[],
): Kpi[] {
  const list = only
    ? only.map(
        (id) => SALES_KPIS.find((kpi) => kpi.id === id) ?? { id, kind: 'count' as Kind, better: 'higher' as Better },
      )
    : SALES_KPIS;
  return list.map(({ id, kind, better }) => ({
    id,
    value: formatted(summary.current[id], kind, format) ?? '—',
    previous: formatted(summary.previous[id], kind, format),
    change: kpiChange(summary.change[id], kind, better, format),
  }));
}

export function sessionKpis(
  sessions: {
    current: { sessions: number; conversionRate: number | null };
    previous: { sessions: number; conversionRate: number | null };
    change: { sessions: Change; conversionRate: Change };
  },
  format: InsightsFormatter,
): Kpi[] {
  return [
    {
      id: 'sessions',
      value: format.number(sessions.current.sessions),
      previous: format.number(sessions.previous.sessions),
      change: kpiChange(sessions.change.sessions, 'count', 'higher', format),
    },
    {
      id: 'conversionRate',
      value: formatted(sessions.current.conversionRate, 'rate', format) ?? '—',
      previous: formatted(sessions.previous.conversionRate, 'rate', format),
      change: kpiChange(sessions.change.conversionRate, 'rate', 'higher', format),
    },
  ];
}
