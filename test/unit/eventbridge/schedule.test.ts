/**
 * Schedule expressions by aws-limits.md §4.3: rate singular/plural, six-field cron with its wildcards and the
 * day-of-month / day-of-week `?` rule, one-time `at(…)`, and where each error points.
 */
import { describe, expect, it } from 'vitest';
import { parseScheduleExpression, SCHEDULE_EXPRESSION_MAX_CHARS } from '../../../server/src/core/eventbridge/schedule';

describe('valid expressions', () => {
  it.each([
    ['rate(1 minute)', { kind: 'rate', value: 1, unit: 'minute', minutes: 1 }],
    ['rate(5 minutes)', { kind: 'rate', value: 5, unit: 'minute', minutes: 5 }],
    ['rate(1 hour)', { kind: 'rate', value: 1, unit: 'hour', minutes: 60 }],
    ['rate(12 hours)', { kind: 'rate', value: 12, unit: 'hour', minutes: 720 }],
    ['rate(1 day)', { kind: 'rate', value: 1, unit: 'day', minutes: 1440 }],
    ['rate(7 days)', { kind: 'rate', value: 7, unit: 'day', minutes: 10080 }],
    ['cron(0 12 * * ? *)', { kind: 'cron', minutes: '0', hours: '12', dayOfMonth: '*', month: '*', dayOfWeek: '?', year: '*' }],
    ['cron(15 10 ? * 6L 2022-2023)', { kind: 'cron', minutes: '15', hours: '10', dayOfMonth: '?', month: '*', dayOfWeek: '6L', year: '2022-2023' }],
    ['cron(0/15 * * * ? *)', { kind: 'cron', minutes: '0/15', hours: '*', dayOfMonth: '*', month: '*', dayOfWeek: '?', year: '*' }],
    ['cron(0/10 * ? * MON-FRI *)', { kind: 'cron', minutes: '0/10', hours: '*', dayOfMonth: '?', month: '*', dayOfWeek: 'MON-FRI', year: '*' }],
    ['cron(0 8 1 * ? *)', { kind: 'cron', minutes: '0', hours: '8', dayOfMonth: '1', month: '*', dayOfWeek: '?', year: '*' }],
    ['cron(0 18 ? * MON,WED,FRI *)', { kind: 'cron', minutes: '0', hours: '18', dayOfMonth: '?', month: '*', dayOfWeek: 'MON,WED,FRI', year: '*' }],
    ['cron(*/5 8-17 ? JAN-MAR 2#1 2030)', { kind: 'cron', minutes: '*/5', hours: '8-17', dayOfMonth: '?', month: 'JAN-MAR', dayOfWeek: '2#1', year: '2030' }],
    ['cron(0 0 L * ? *)', { kind: 'cron', minutes: '0', hours: '0', dayOfMonth: 'L', month: '*', dayOfWeek: '?', year: '*' }],
    ['cron(0 0 15W * ? *)', { kind: 'cron', minutes: '0', hours: '0', dayOfMonth: '15W', month: '*', dayOfWeek: '?', year: '*' }],
    ['cron(0 0 LW 1,6,12 ? 1970)', { kind: 'cron', minutes: '0', hours: '0', dayOfMonth: 'LW', month: '1,6,12', dayOfWeek: '?', year: '1970' }],
    ['cron(59 23 ? DEC L 2199)', { kind: 'cron', minutes: '59', hours: '23', dayOfMonth: '?', month: 'DEC', dayOfWeek: 'L', year: '2199' }],
    ['at(2027-01-31T09:30:00)', { kind: 'at', year: 2027, month: 1, day: 31, hour: 9, minute: 30, second: 0, dateTime: '2027-01-31T09:30:00' }],
    ['at(2028-02-29T23:59:59)', { kind: 'at', year: 2028, month: 2, day: 29, hour: 23, minute: 59, second: 59, dateTime: '2028-02-29T23:59:59' }],
  ])('%s', (expr, expected) => {
    expect(parseScheduleExpression(expr)).toEqual(expected);
  });
});

describe('invalid expressions', () => {
  // [expression, error fragment, offset of the bad part, length]
  it.each([
    ['rate(1 hours)', 'A rate of 1 takes the singular unit: rate(1 hour)', 7, 5],
    ['rate(5 hour)', 'A rate above 1 takes the plural unit: rate(5 hours)', 7, 4],
    ['rate(1 minutes)', 'singular unit: rate(1 minute)', 7, 7],
    ['rate(2 day)', 'plural unit: rate(2 days)', 7, 3],
    ['rate(0 minutes)', "positive integer, not '0'", 5, 1],
    ['rate(-5 minutes)', "positive integer, not '-5'", 5, 2],
    ['rate(1.5 hours)', "positive integer, not '1.5'", 5, 3],
    ['rate(30 seconds)', "minute(s), hour(s) or day(s), not 'seconds'", 8, 7],
    ['rate(5 Minutes)', "not 'Minutes'", 7, 7],
    ['rate(5  minutes)', 'separated by one space', 5, 10],
    ['rate(5)', 'separated by one space', 5, 1],
    ['cron(0 12 * * ?)', 'cron needs 6 fields', 5, 10],
    ['cron(0 12 * * ? * *)', 'not 7', 5, 14],
    ['cron(0 12 * * * *)', 'One of day-of-month and day-of-week must be ?', 14, 1],
    ['cron(0 12 1 * MON *)', "you can't specify both", 14, 3],
    ['cron(0 12 ? * ? *)', 'Only one of day-of-month and day-of-week can be ?', 14, 1],
    ['cron(60 * * * ? *)', '60 is out of range for minutes (0-59)', 5, 2],
    ['cron(0 24 * * ? *)', '24 is out of range for hours (0-23)', 7, 2],
    ['cron(0 0 32 * ? *)', '32 is out of range for day-of-month (1-31)', 9, 2],
    ['cron(0 0 0 * ? *)', '0 is out of range for day-of-month', 9, 1],
    ['cron(0 0 * 13 ? *)', '13 is out of range for month (1-12 or JAN-DEC)', 11, 2],
    ['cron(0 0 * FOO ? *)', "'FOO' is not a valid month value", 11, 3],
    ['cron(0 0 ? * 8 *)', '8 is out of range for day-of-week (1-7 or SUN-SAT)', 13, 1],
    ['cron(0 0 ? * 0 *)', '0 is out of range for day-of-week', 13, 1],
    ['cron(0 0 * * ? 1969)', '1969 is out of range for year (1970-2199)', 15, 4],
    ['cron(0 0 * * ? 2200)', '2200 is out of range for year', 15, 4],
    ['cron(? 0 * * ? *)', '? is only allowed in day-of-month and day-of-week, not in minutes', 5, 1],
    ['cron(0 0 * ? ? *)', 'not in month', 11, 1],
    ['cron(0 L * * ? *)', "'L' is not a valid hours value", 7, 1],
    ['cron(0 0 ? * 5W *)', "'5W' is not a valid day-of-week value", 13, 2],
    ['cron(0 0 1#2 * ? *)', "'1#2' is not a valid day-of-month value", 9, 3],
    ['cron(0 0 ? * 2#1,3#1 *)', 'Only one # expression is allowed in day-of-week', 16, 1],
    ['cron(0 0 ? * 2#6 *)', 'The week number after # must be 1-5, not 6', 15, 1],
    ['cron(0 0 1,L * ? *)', 'L must stand alone in day-of-month', 11, 1],
    ['cron(0 0 ?,1 * ? *)', '? must stand alone', 9, 1],
    ['cron(*/0 * * * ? *)', "increment after / must be an integer 1-59, not '0'", 7, 1],
    ['cron(0/60 * * * ? *)', "not '60'", 7, 2],
    ['cron(1-2-3 * * * ? *)', "'1-2-3' is not a value or a range a-b", 5, 5],
    ['cron(1, * * * ? *)', 'Empty list item in minutes', 7, 0],
    ['cron( 0 12 * * ? *)', 'Remove the spaces inside cron', 5, 13],
    ['at(2027-02-29T10:00:00)', '2027-02-29 is not a date', 11, 2],
    ['at(2027-13-01T10:00:00)', 'Month 13 is not 01-12', 8, 2],
    ['at(2027-01-01T24:00:00)', 'Hour 24 is not 00-23', 14, 2],
    ['at(2027-01-01T10:60:00)', 'Minute 60 is not 00-59', 17, 2],
    ['at(2027-01-01 10:00:00)', 'at(yyyy-mm-ddThh:mm:ss)', 3, 19],
    ['at(2027-01-01T10:00)', 'at(yyyy-mm-ddThh:mm:ss)', 3, 16],
    ['every 5 minutes', 'is not a schedule expression', 0, 15],
    ['Rate(5 minutes)', 'is not a schedule expression', 0, 15],
    ['rate(5 minutes', 'Missing ) at the end of rate(…)', 14, 0],
    ['rate(5 minutes))', 'Unexpected parenthesis', 14, 1],
  ])('%s', (expr, fragment, offset, length) => {
    const r = parseScheduleExpression(expr);
    expect('error' in r).toBe(true);
    if (!('error' in r)) return;
    expect(r.error).toContain(fragment);
    expect(r.offset).toBe(offset);
    expect(r.length).toBe(length);
  });

  it(`refuses more than ${SCHEDULE_EXPRESSION_MAX_CHARS} characters`, () => {
    const long = `cron(0 0 ? * MON *${' '.repeat(300)})`;
    const r = parseScheduleExpression(long);
    expect(r).toMatchObject({ offset: SCHEDULE_EXPRESSION_MAX_CHARS });
    expect('error' in r && r.error).toContain(`${long.length} characters long; the limit is ${SCHEDULE_EXPRESSION_MAX_CHARS}`);
  });

  it('never throws on values that are not strings', () => {
    for (const v of [undefined, null, 5, {}, ['rate(1 day)']]) expect(parseScheduleExpression(v)).toHaveProperty('error');
  });
});
