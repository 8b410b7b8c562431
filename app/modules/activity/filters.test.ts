import { describe, expect, it } from 'vitest';
import { ActivityParamError, activitySearchParams, hasFilters, NO_FILTERS, parseActivityQuery } from './filters';
import { dayOf, nextDay, startOfDay } from './shop-dates';

const parse = (query: string) => parseActivityQuery(new URLSearchParams(query));

describe('activity URL state', () => {
  it('reads every filter and the cursor, ignoring Shopify’s own parameters, and writes them back', () => {
    const query = parse(
      'q=+wool+hat+&verb=paid&verb=refunded&verb=paid&resource=order&actor=staff&actorName=Sam&from=2026-01-01&to=2026-01-31&after=1767225600000_4812&embedded=1&shop=x.myshopify.com&locale=fr',
    );
    expect(query).toEqual({
      filters: {
        q: 'wool hat',
        verbs: ['paid', 'refunded'],
        resourceTypes: ['order'],
        actorTypes: ['staff'],
        actorName: 'Sam',
        from: '2026-01-01',
        to: '2026-01-31',
      },
      after: { at: 1767225600000, id: '4812' },
      before: null,
    });
    expect(activitySearchParams(query.filters, { after: query.after }).toString()).toBe(
      'q=wool+hat&verb=paid&verb=refunded&resource=order&actor=staff&actorName=Sam&from=2026-01-01&to=2026-01-31&after=1767225600000_4812',
    );
    expect(parse('').filters).toEqual(NO_FILTERS);
    expect(hasFilters(NO_FILTERS)).toBe(false);
    expect(hasFilters({ ...NO_FILTERS, from: '2026-01-01' })).toBe(true);
  });

  it('refuses what it cannot read, naming the parameter', () => {
    const problem = (query: string) => {
      try {
        parse(query);
        return null;
      } catch (error) {
        return error instanceof ActivityParamError ? `${error.param}:${error.problem}` : String(error);
      }
    };
    expect(problem('from=2026-02-29')).toBe('from:date');
    expect(problem('to=31/01/2026')).toBe('to:date');
    expect(problem('from=2026-02-02&to=2026-02-01')).toBe('to:dateOrder');
    expect(problem('after=abc')).toBe('after:cursor');
    expect(problem('before=1_-2')).toBe('before:cursor');
    expect(problem('after=1_1&before=2_2')).toBe('before:cursor');
    expect(problem('actor=Robert%27)%3B')).toBe('actor:choice');
    expect(problem(Array.from({ length: 21 }, (_, index) => `verb=v${index}`).join('&'))).toBe('verb:choice');
    expect(problem(`actorName=${'a'.repeat(201)}`)).toBe('actorName:tooLong');
    expect(problem('from=2024-02-29')).toBeNull();
  });
});

describe('days in the shop’s time zone', () => {
  it('starts a day at local midnight, across daylight saving changes', () => {
    expect(startOfDay('2026-01-05', 'America/Toronto').toISOString()).toBe('2026-01-05T05:00:00.000Z');
    expect(startOfDay('2026-07-05', 'America/Toronto').toISOString()).toBe('2026-07-05T04:00:00.000Z');
    // Toronto moves to EDT at 2:00 on 2026-03-08: the day still starts at 00:00 EST.
    expect(startOfDay('2026-03-08', 'America/Toronto').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfDay('2026-03-09', 'America/Toronto').toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(startOfDay('2026-01-05', 'Asia/Kolkata').toISOString()).toBe('2026-01-04T18:30:00.000Z');
    expect(startOfDay('2026-01-05', 'UTC').toISOString()).toBe('2026-01-05T00:00:00.000Z');
    // Santiago skips midnight itself when summer time starts (2026-09-06 00:00 → 01:00).
    expect(startOfDay('2026-09-06', 'America/Santiago').toISOString()).toBe('2026-09-06T04:00:00.000Z');
  });

  it('counts days and reads an instant’s day where the shop is', () => {
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(dayOf(new Date('2026-01-05T04:30:00Z'), 'America/Toronto')).toBe('2026-01-04');
    expect(dayOf(new Date('2026-01-05T04:30:00Z'), 'Europe/Paris')).toBe('2026-01-05');
    expect(() => startOfDay('2026-1-5', 'UTC')).toThrow(RangeError);
  });
});
