/**
 * When schedules fire on the virtual clock (EventBridge Scheduler: schedule-types.html, C3, C5),
 * in their time zones, across daylight-saving changes.
 */
import { describe, expect, it } from 'vitest';
import { fireTimes } from '../../../server/src/core/simulate/index';

const t = (iso: string): number => Date.parse(iso);
const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

/** The first `n` fire times after `from`. */
function fires(expression: string, timezone: string | undefined, from: string, n: number): (string | undefined)[] {
  const times = fireTimes(expression, timezone, t(from));
  if (!times) throw new Error(`${expression} does not parse`);
  const out: (string | undefined)[] = [];
  let after = t(from);
  for (let i = 0; i < n; i++) {
    const next = times.next(after);
    out.push(iso(next));
    if (next === undefined) break;
    after = next;
  }
  return out;
}

describe('schedule fire times', () => {
  it.each([
    ['rate: every period from the start', 'rate(5 minutes)', undefined, '2025-01-15T00:00:00Z', ['2025-01-15T00:05:00.000Z', '2025-01-15T00:10:00.000Z']],
    ['cron in UTC', 'cron(0 2 * * ? *)', undefined, '2025-01-15T00:00:00Z', ['2025-01-15T02:00:00.000Z', '2025-01-16T02:00:00.000Z']],
    ['cron in a time zone, across the spring change (02:00 does not exist on 30 March: 03:00 CEST)', 'cron(0 2 * * ? *)', 'Europe/Berlin', '2025-03-29T12:00:00Z',
      ['2025-03-30T01:00:00.000Z', '2025-03-31T00:00:00.000Z']],
    ['cron in a time zone, across the autumn change (02:30 happens twice on 26 October: once, the first)', 'cron(30 2 * * ? *)', 'Europe/Berlin', '2025-10-25T12:00:00Z',
      ['2025-10-26T00:30:00.000Z', '2025-10-27T01:30:00.000Z']],
    ['L: the last day of the month', 'cron(0 12 L * ? *)', undefined, '2025-02-01T00:00:00Z', ['2025-02-28T12:00:00.000Z', '2025-03-31T12:00:00.000Z']],
    ['W: the weekday nearest the 15th (Saturday 15 February → Friday 14)', 'cron(0 9 15W * ? *)', undefined, '2025-02-01T00:00:00Z', ['2025-02-14T09:00:00.000Z', '2025-03-14T09:00:00.000Z']],
    ['#: the first Monday', 'cron(0 9 ? * 2#1 *)', undefined, '2025-01-15T00:00:00Z', ['2025-02-03T09:00:00.000Z', '2025-03-03T09:00:00.000Z']],
    ['6L: the last Friday', 'cron(0 8 ? * 6L *)', undefined, '2025-01-15T00:00:00Z', ['2025-01-31T08:00:00.000Z', '2025-02-28T08:00:00.000Z']],
    ['weekdays by name', 'cron(0 18 ? * MON-FRI *)', undefined, '2025-01-17T19:00:00Z', ['2025-01-20T18:00:00.000Z', '2025-01-21T18:00:00.000Z']],
    ['at: once, in its time zone', 'at(2025-01-20T10:00:00)', 'America/New_York', '2025-01-15T00:00:00Z', ['2025-01-20T15:00:00.000Z', undefined]],
  ])('%s', (_what, expression, timezone, from, expected) => {
    expect(fires(expression, timezone, from, expected.length)).toEqual(expected);
  });

  it('gives nothing for an expression that does not parse (the lint reports it)', () => {
    expect(fireTimes('cron(0 2 * * *)', undefined, 0)).toBeUndefined();
  });
});
