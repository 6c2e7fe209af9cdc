/**
 * EventBridge schedule expressions (shared reference aws-limits.md §4.3):
 * - `rate(value unit)`: a positive integer and minute(s) / hour(s) / day(s), singular for 1, plural above (C2);
 * - `cron(minutes hours day-of-month month day-of-week year)`: six fields, ranges 0-59, 0-23, 1-31,
 *   1-12 or JAN-DEC, 1-7 or SUN-SAT, 1970-2199; `, - * /` everywhere, `?` only in day-of-month / day-of-week,
 *   `L` in both, `W` in day-of-month, `#` in day-of-week (one `#` expression only); exactly one of
 *   day-of-month / day-of-week is `?` (C3);
 * - `at(yyyy-mm-ddThh:mm:ss)`: a one-time EventBridge Scheduler schedule (C5);
 * - at most 256 characters (C4).
 * Errors carry the UTF-16 offset (and length) of the offending part of the expression. Never throws.
 */

/** Longest schedule expression, characters (aws-limits.md C4, `ScheduleExpression`). */
export const SCHEDULE_EXPRESSION_MAX_CHARS = 256;

/** A rate: every `value` `unit`s. */
export interface RateSchedule {
  readonly kind: 'rate';
  readonly value: number;
  readonly unit: 'minute' | 'hour' | 'day';
  /** The period in minutes. */
  readonly minutes: number;
}

/** A cron expression's six fields, as written. */
export interface CronSchedule {
  readonly kind: 'cron';
  readonly minutes: string;
  readonly hours: string;
  readonly dayOfMonth: string;
  readonly month: string;
  readonly dayOfWeek: string;
  readonly year: string;
}

/** A one-time schedule (EventBridge Scheduler), in the schedule's time zone. */
export interface AtSchedule {
  readonly kind: 'at';
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** `yyyy-mm-ddThh:mm:ss`. */
  readonly dateTime: string;
}

/** A parsed schedule expression. */
export type Schedule = RateSchedule | CronSchedule | AtSchedule;

/** Why an expression is invalid, and where (UTF-16 offset and length into the expression). */
export interface ScheduleError {
  readonly error: string;
  readonly offset?: number;
  readonly length?: number;
}

const FORMS = 'Use rate(value unit), cron(minutes hours day-of-month month day-of-week year) or at(yyyy-mm-ddThh:mm:ss)';
const UNITS: Record<string, { unit: RateSchedule['unit']; plural: boolean; minutes: number }> = {
  minute: { unit: 'minute', plural: false, minutes: 1 },
  minutes: { unit: 'minute', plural: true, minutes: 1 },
  hour: { unit: 'hour', plural: false, minutes: 60 },
  hours: { unit: 'hour', plural: true, minutes: 60 },
  day: { unit: 'day', plural: false, minutes: 1440 },
  days: { unit: 'day', plural: true, minutes: 1440 },
};

const err = (error: string, offset?: number, length?: number): ScheduleError => ({
  error,
  ...(offset !== undefined ? { offset } : {}),
  ...(length !== undefined ? { length } : {}),
});

function parseRate(body: string, start: number): RateSchedule | ScheduleError {
  const m = /^(\S+) (\S+)$/.exec(body);
  if (!m) return err('A rate is a value and a unit separated by one space, e.g. rate(5 minutes)', start, body.length);
  const [, valueText, unitText] = m as unknown as [string, string, string];
  const unitStart = start + valueText.length + 1;
  if (!/^[0-9]+$/.test(valueText) || Number(valueText) < 1 || !Number.isSafeInteger(Number(valueText))) {
    return err(`The rate value must be a positive integer, not '${valueText}'`, start, valueText.length);
  }
  const value = Number(valueText);
  const unit = UNITS[unitText];
  if (!unit) return err(`The rate unit must be minute(s), hour(s) or day(s), not '${unitText}'`, unitStart, unitText.length);
  if (value === 1 && unit.plural) return err(`A rate of 1 takes the singular unit: rate(1 ${unit.unit})`, unitStart, unitText.length);
  if (value > 1 && !unit.plural) return err(`A rate above 1 takes the plural unit: rate(${value} ${unit.unit}s)`, unitStart, unitText.length);
  return { kind: 'rate', value, unit: unit.unit, minutes: value * unit.minutes };
}

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  readonly question?: boolean;
  readonly last?: boolean;
  readonly weekday?: boolean;
  readonly hash?: boolean;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const CRON_FIELDS: readonly FieldSpec[] = [
  { name: 'minutes', min: 0, max: 59 },
  { name: 'hours', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31, question: true, last: true, weekday: true },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day-of-week', min: 1, max: 7, names: DAYS, question: true, last: true, hash: true },
  { name: 'year', min: 1970, max: 2199 },
];

function describeRange(spec: FieldSpec): string {
  const names = spec.names ? ` or ${spec.names[0]}-${spec.names[spec.names.length - 1]}` : '';
  return `${spec.min}-${spec.max}${names}`;
}

/** Checks one cron field; returns an error with the offset within the field, or undefined. */
function checkCronField(text: string, spec: FieldSpec): { error: string; at: number; length: number } | undefined {
  const bad = (error: string, at = 0, length = text.length) => ({ error, at, length });
  const value = (t: string, at: number): { error: string; at: number; length: number } | number => {
    if (/^[0-9]+$/.test(t)) {
      const n = Number(t);
      if (n < spec.min || n > spec.max) return bad(`${t} is out of range for ${spec.name} (${describeRange(spec)})`, at, t.length);
      return n;
    }
    const i = spec.names?.indexOf(t.toUpperCase()) ?? -1;
    if (i >= 0) return i + 1;
    return bad(`'${t}' is not a valid ${spec.name} value (${describeRange(spec)})`, at, t.length);
  };
  if (text === '?') return spec.question ? undefined : bad(`? is only allowed in day-of-month and day-of-week, not in ${spec.name}`);
  // Special forms stand alone in the field.
  if (spec.last && text === 'L') return undefined;
  if (spec.weekday && (text === 'LW' || /^[0-9]+W$/.test(text))) {
    if (text === 'LW') return undefined;
    const v = value(text.slice(0, -1), 0);
    return typeof v === 'number' ? undefined : v;
  }
  if (spec.hash && text.includes('#')) {
    if (text.includes(',')) return bad('Only one # expression is allowed in day-of-week', text.indexOf(','), 1);
    const m = /^([^#]+)#([0-9]+)$/.exec(text);
    if (!m) return bad(`'${text}' is not a valid # expression (day#n, e.g. 2#1 for the first Monday)`);
    const v = value(m[1]!, 0);
    if (typeof v !== 'number') return v;
    const n = Number(m[2]);
    if (n < 1 || n > 5) return bad(`The week number after # must be 1-5, not ${m[2]}`, m[1]!.length + 1, m[2]!.length);
    return undefined;
  }
  if (spec.last && spec.hash && /^[^,L]+L$/.test(text)) {
    const v = value(text.slice(0, -1), 0);
    return typeof v === 'number' ? undefined : v;
  }
  let at = 0;
  for (const item of text.split(',')) {
    const itemAt = at;
    at += item.length + 1;
    if (item === '') return bad(`Empty list item in ${spec.name}`, itemAt, 0);
    if (item === '?') {
      return bad(spec.question ? `? must stand alone in ${spec.name}, not in a list` : `? is only allowed in day-of-month and day-of-week, not in ${spec.name}`, itemAt, 1);
    }
    const special = (spec.last && /^[0-9A-Za-z]*L$/.test(item)) || (spec.weekday && /^([0-9]+|L)W$/.test(item)) || (spec.hash && item.includes('#'));
    if (special) return bad(`${item} must stand alone in ${spec.name}, not in a list`, itemAt, item.length);
    const [range, step, ...more] = item.split('/');
    if (more.length > 0) return bad(`Only one / is allowed in '${item}'`, itemAt, item.length);
    if (step !== undefined) {
      const stepAt = itemAt + range!.length + 1;
      if (!/^[0-9]+$/.test(step) || Number(step) < 1 || Number(step) > spec.max) {
        return bad(`The increment after / must be an integer 1-${spec.max}, not '${step}'`, stepAt, step.length);
      }
    }
    if (range === '*') continue;
    const bounds = range!.split('-');
    if (bounds.length > 2 || bounds.some((b) => b === '')) return bad(`'${range}' is not a value or a range a-b`, itemAt, range!.length);
    let boundAt = itemAt;
    for (const b of bounds) {
      const v = value(b, boundAt);
      if (typeof v !== 'number') return v;
      boundAt += b.length + 1;
    }
  }
  return undefined;
}

function parseCron(body: string, start: number): CronSchedule | ScheduleError {
  const fields: { text: string; at: number }[] = [];
  const re = /\S+/g;
  for (let m = re.exec(body); m; m = re.exec(body)) fields.push({ text: m[0], at: start + m.index });
  if (/^\s|\s$/.test(body)) return err('Remove the spaces inside cron( … )', start, body.length);
  if (fields.length !== 6) {
    return err(`cron needs 6 fields (minutes hours day-of-month month day-of-week year), not ${fields.length}`, start, body.length);
  }
  for (let i = 0; i < 6; i++) {
    const f = fields[i]!;
    const problem = checkCronField(f.text, CRON_FIELDS[i]!);
    if (problem) return err(problem.error, f.at + problem.at, problem.length);
  }
  const dom = fields[2]!;
  const dow = fields[4]!;
  if (dom.text === '?' && dow.text === '?') return err('Only one of day-of-month and day-of-week can be ?', dow.at, dow.text.length);
  if (dom.text !== '?' && dow.text !== '?') {
    return err("One of day-of-month and day-of-week must be ?: you can't specify both (use * in one and ? in the other)", dow.at, dow.text.length);
  }
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields.map((f) => f.text) as [string, string, string, string, string, string];
  return { kind: 'cron', minutes, hours, dayOfMonth, month, dayOfWeek, year };
}

function parseAt(body: string, start: number): AtSchedule | ScheduleError {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})$/.exec(body);
  if (!m) return err('A one-time schedule is at(yyyy-mm-ddThh:mm:ss), e.g. at(2027-01-31T09:30:00)', start, body.length);
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12) return err(`Month ${m[2]} is not 01-12`, start + 5, 2);
  if (day < 1 || day > daysInMonth) return err(`${body.slice(0, 10)} is not a date (day ${m[3]} of a month with ${daysInMonth} days)`, start + 8, 2);
  if (hour > 23) return err(`Hour ${m[4]} is not 00-23`, start + 11, 2);
  if (minute > 59) return err(`Minute ${m[5]} is not 00-59`, start + 14, 2);
  if (second > 59) return err(`Second ${m[6]} is not 00-59`, start + 17, 2);
  return { kind: 'at', year, month, day, hour, minute, second, dateTime: body };
}

/** Parses an EventBridge / Scheduler schedule expression, or says what is wrong and where. */
export function parseScheduleExpression(expr: unknown): Schedule | ScheduleError {
  if (typeof expr !== 'string') return err(`A schedule expression is a string. ${FORMS}.`);
  if (expr.length > SCHEDULE_EXPRESSION_MAX_CHARS) {
    return err(`The expression is ${expr.length} characters long; the limit is ${SCHEDULE_EXPRESSION_MAX_CHARS}`, SCHEDULE_EXPRESSION_MAX_CHARS, expr.length - SCHEDULE_EXPRESSION_MAX_CHARS);
  }
  const m = /^(rate|cron|at)\(/.exec(expr);
  if (!m) return err(`'${expr}' is not a schedule expression. ${FORMS}.`, 0, expr.length);
  const kind = m[1] as 'rate' | 'cron' | 'at';
  const start = kind.length + 1;
  if (!expr.endsWith(')')) return err(`Missing ) at the end of ${kind}(…)`, expr.length, 0);
  const body = expr.slice(start, -1);
  if (body.includes('(') || body.includes(')')) return err(`Unexpected parenthesis in ${kind}(…)`, start + body.search(/[()]/), 1);
  if (kind === 'rate') return parseRate(body, start);
  if (kind === 'cron') return parseCron(body, start);
  return parseAt(body, start);
}
