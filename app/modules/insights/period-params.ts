/**
 * The Insights period in the URL: `?period=<preset>` (default last30), or
 * `?period=custom&start=YYYY-MM-DD&end=YYYY-MM-DD`, dates in the shop's time
 * zone. Read by every Insights loader and written by the period picker.
 * What cannot be read is a PeriodParamError naming the problem, which the
 * loader answers with a 400 the page explains (never a 500). Pure: the
 * picker runs it in the browser too.
 */
import {
  daysBetween,
  isLocalDate,
  isPeriodPreset,
  MAX_PERIOD_DAYS,
  previousPeriod,
  resolvePeriod,
  type LocalDate,
  type Period,
  type PeriodPreset,
} from './periods';

const DEFAULT_PRESET: PeriodPreset = 'last30';

export type PeriodProblem = 'unknownPreset' | 'missingDates' | 'badDate' | 'endBeforeStart' | 'tooLong';

export class PeriodParamError extends Error {
  override name = 'PeriodParamError';
  readonly problem: PeriodProblem;
  constructor(problem: PeriodProblem, message: string) {
    super(message);
    this.problem = problem;
  }
}

export interface PeriodChoice extends Period {
  preset: PeriodPreset;
  /** The period every figure is compared with: as long, ending the day before. */
  comparison: Period;
}

/** The period the URL names, seen from the shop's `today`. */
export function readPeriodParams(params: URLSearchParams, today: LocalDate): PeriodChoice {
  const preset = params.get('period') ?? DEFAULT_PRESET;
  if (!isPeriodPreset(preset)) throw new PeriodParamError('unknownPreset', `Unknown period '${preset}'`);
  let custom: Period | undefined;
  if (preset === 'custom') {
    const start = params.get('start');
    const end = params.get('end');
    if (!start || !end) throw new PeriodParamError('missingDates', 'A custom period needs start and end dates');
    for (const date of [start, end])
      if (!isLocalDate(date)) throw new PeriodParamError('badDate', `Not a calendar date (YYYY-MM-DD): '${date}'`);
    if (daysBetween(start, end) < 0)
      throw new PeriodParamError('endBeforeStart', `The period ends (${end}) before it starts (${start})`);
    if (daysBetween(start, end) + 1 > MAX_PERIOD_DAYS)
      throw new PeriodParamError('tooLong', `A period may span at most ${MAX_PERIOD_DAYS} days`);
    custom = { start, end };
  }
  const period = resolvePeriod(preset, today, custom);
  return { preset, ...period, comparison: previousPeriod(period) };
}

/** The URL query of a choice: only `period` for a preset, the dates too for a custom range. */
export function periodSearchParams(choice: { preset: PeriodPreset } & Partial<Period>): URLSearchParams {
  const params = new URLSearchParams({ period: choice.preset });
  if (choice.preset === 'custom' && choice.start && choice.end) {
    params.set('start', choice.start);
    params.set('end', choice.end);
  }
  return params;
}
