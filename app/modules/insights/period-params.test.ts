/** The period in the URL: presets from the shop's today, custom ranges, and each kind of bad input named. */
import { describe, expect, it } from 'vitest';
import { PeriodParamError, periodSearchParams, readPeriodParams } from './period-params';

const TODAY = '2026-05-15';
const read = (query: string) => readPeriodParams(new URLSearchParams(query), TODAY);
const problem = (query: string) => {
  try {
    read(query);
    return null;
  } catch (error) {
    return error instanceof PeriodParamError ? error.problem : 'other';
  }
};

describe('the period in the URL', () => {
  it('defaults to the last 30 days, compared with the 30 before', () => {
    expect(read('')).toEqual({
      preset: 'last30',
      start: '2026-04-16',
      end: '2026-05-15',
      comparison: { start: '2026-03-17', end: '2026-04-15' },
    });
  });

  it('resolves every preset from the shop’s today', () => {
    expect(read('period=today')).toMatchObject({ start: TODAY, end: TODAY, comparison: { start: '2026-05-14' } });
    expect(read('period=lastMonth')).toMatchObject({
      start: '2026-04-01',
      end: '2026-04-30',
      comparison: { start: '2026-03-02', end: '2026-03-31' },
    });
    expect(read('period=thisQuarter')).toMatchObject({ start: '2026-04-01', end: TODAY });
    expect(read('period=lastQuarter')).toMatchObject({ start: '2026-01-01', end: '2026-03-31' });
  });

  it('reads a custom range and writes it back', () => {
    const choice = read('period=custom&start=2026-02-01&end=2026-02-28');
    expect(choice.comparison).toEqual({ start: '2026-01-04', end: '2026-01-31' });
    expect(periodSearchParams(choice).toString()).toBe('period=custom&start=2026-02-01&end=2026-02-28');
    expect(periodSearchParams({ preset: 'last7', start: 'x', end: 'y' }).toString()).toBe('period=last7');
  });

  it('names what is wrong', () => {
    expect(problem('period=fortnight')).toBe('unknownPreset');
    expect(problem('period=custom&end=2026-02-28')).toBe('missingDates');
    expect(problem('period=custom&start=2026-02-29&end=2026-03-01')).toBe('badDate');
    expect(problem('period=custom&start=2026-3-1&end=2026-03-09')).toBe('badDate');
    expect(problem('period=custom&start=2026-03-09&end=2026-03-01')).toBe('endBeforeStart');
    expect(problem('period=custom&start=2023-01-01&end=2026-03-01')).toBe('tooLong');
    expect(problem('period=custom&start=2024-01-01&end=2026-03-01')).toBeNull();
  });
});
