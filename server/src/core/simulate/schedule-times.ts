/**
 * When a schedule fires, on the virtual clock: `rate(…)` every period from the start, `cron(…)` at the
 * local times its six fields name (C3: minutes, hours, day-of-month with `L` and `W`, month, day-of-week
 * with `L` and `#`, year), `at(…)` once (C5), each in the schedule's time zone (`ScheduleExpressionTimezone`).
 *
 * Time zones come from the runtime's `Intl` (IANA names). A local time that does not exist (the hour
 * skipped when clocks go forward) fires shifted forward by the gap (02:30 → 03:30); a local time that happens
 * twice fires once, at its first occurrence (the simulator's reading of daylight-saving transitions,
 * listed in docs/simulate.md). Pure: no clock is read.
 */
import { parseScheduleExpression, type CronSchedule } from '../eventbridge/schedule';

/** Local calendar fields. */
interface Local {
  readonly y: number;
  readonly mo: number;
  readonly d: number;
  readonly h: number;
  readonly mi: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Converts between UTC instants and local fields of one time zone. */
class Zone {
  private readonly format?: Intl.DateTimeFormat;

  constructor(readonly name: string | undefined) {
    if (name && name !== 'UTC' && name !== 'Etc/UTC') {
      this.format = new Intl.DateTimeFormat('en-US', {
        timeZone: name, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
      });
    }
  }

  /** Local fields of an instant. */
  local(utc: number): Local {
    if (!this.format) {
      const d = new Date(utc);
      return { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes() };
    }
    const p: Record<string, number> = {};
    for (const part of this.format.formatToParts(utc)) if (part.type !== 'literal') p[part.type] = Number(part.value);
    return { y: p.year!, mo: p.month!, d: p.day!, h: p.hour! % 24, mi: p.minute! };
  }

  /** The zone's offset from UTC at an instant, ms. */
  offset(utc: number): number {
    if (!this.format) return 0;
    const l = this.local(utc);
    const asUtc = Date.UTC(l.y, l.mo - 1, l.d, l.h, l.mi);
    return asUtc - Math.floor(utc / MINUTE) * MINUTE;
  }

  /**
   * The instant of a local time: the first occurrence when it happens twice, shifted forward by the gap when
   * it is skipped.
   */
  instant(l: Local): number {
    const wall = Date.UTC(l.y, l.mo - 1, l.d, l.h, l.mi);
    if (!this.format) return wall;
    // Offsets a little before and after: try the earlier one first.
    const before = this.offset(wall - DAY / 2);
    const after = this.offset(wall + DAY / 2);
    for (const off of before === after ? [before] : [Math.max(before, after), Math.min(before, after)]) {
      const t = wall - off;
      const back = this.local(t);
      if (back.y === l.y && back.mo === l.mo && back.d === l.d && back.h === l.h && back.mi === l.mi) return t;
    }
    // Skipped (spring forward): the same wall time read with the offset before the gap lands after it.
    return wall - Math.min(before, after);
  }
}

/** A cron field as the set of values it allows. */
function field(text: string, min: number, max: number, names?: readonly string[]): Set<number> {
  const out = new Set<number>();
  const value = (t: string): number => {
    const i = names?.indexOf(t.toUpperCase()) ?? -1;
    return i >= 0 ? i + 1 : Number(t);
  };
  for (const item of text.split(',')) {
    const [range, stepText] = item.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    let lo = min;
    let hi = max;
    if (range !== '*' && range !== '?') {
      const [a, b] = range!.split('-');
      lo = value(a!);
      hi = b === undefined ? (stepText === undefined ? lo : max) : value(b);
    }
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const daysIn = (y: number, mo: number): number => new Date(Date.UTC(y, mo, 0)).getUTCDate();
/** 1 (Sunday) – 7 (Saturday), as cron counts. */
const weekday = (y: number, mo: number, d: number): number => new Date(Date.UTC(y, mo - 1, d)).getUTCDay() + 1;

/** Whether a day matches the day-of-month and day-of-week fields (one of them is `?`). */
function dayMatcher(c: CronSchedule): (y: number, mo: number, d: number) => boolean {
  const dom = c.dayOfMonth;
  const dow = c.dayOfWeek;
  if (dom !== '?') {
    if (dom === 'L') return (y, mo, d) => d === daysIn(y, mo);
    if (dom === 'LW' || /W$/.test(dom)) {
      return (y, mo, d) => {
        const last = daysIn(y, mo);
        const target = dom === 'LW' ? last : Math.min(Number(dom.slice(0, -1)), last);
        // The weekday nearest the target, within the month.
        const wd = weekday(y, mo, target);
        let nearest = target;
        if (wd === 7) nearest = target === 1 ? 3 : target - 1;
        else if (wd === 1) nearest = target === last ? target - 2 : target + 1;
        return d === nearest;
      };
    }
    const days = field(dom, 1, 31);
    return (_y, _mo, d) => days.has(d);
  }
  if (dow === 'L') return (y, mo, d) => weekday(y, mo, d) === 7;
  const hash = /^([^#]+)#([0-9]+)$/.exec(dow);
  if (hash) {
    const wd = field(hash[1]!, 1, 7, DAYS).values().next().value as number;
    const nth = Number(hash[2]);
    return (y, mo, d) => weekday(y, mo, d) === wd && Math.ceil(d / 7) === nth;
  }
  const lastOf = /^([^,L]+)L$/.exec(dow);
  if (lastOf) {
    const wd = field(lastOf[1]!, 1, 7, DAYS).values().next().value as number;
    return (y, mo, d) => weekday(y, mo, d) === wd && d + 7 > daysIn(y, mo);
  }
  const days = field(dow, 1, 7, DAYS);
  return (y, mo, d) => days.has(weekday(y, mo, d));
}

/** A cron expression's fields, read once. */
function cronPlan(c: CronSchedule): (zone: Zone, after: number) => number | undefined {
  const minutes = [...field(c.minutes, 0, 59)].sort((a, b) => a - b);
  const hours = [...field(c.hours, 0, 23)].sort((a, b) => a - b);
  const months = field(c.month, 1, 12, MONTHS);
  const years = field(c.year, 1970, 2199);
  const day = dayMatcher(c);
  return (zone, after) => nextCron(zone, after, minutes, hours, months, years, day);
}

/** The next fire strictly after `after`, or undefined (none within the years cron allows). */
function nextCron(
  zone: Zone, after: number, minutes: readonly number[], hours: readonly number[], months: ReadonlySet<number>, years: ReadonlySet<number>,
  day: (y: number, mo: number, d: number) => boolean,
): number | undefined {
  const start = zone.local(after + MINUTE);
  let { y, mo, d } = start;
  let first = true;
  for (let i = 0; i < 366 * 10; i++) {
    if (y > 2199) return undefined;
    if (years.has(y) && months.has(mo) && day(y, mo, d)) {
      for (const h of hours) {
        if (first && h < start.h) continue;
        for (const mi of minutes) {
          if (first && h === start.h && mi < start.mi) continue;
          const t = zone.instant({ y, mo, d, h, mi });
          if (t > after) return t;
        }
      }
    }
    first = false;
    d++;
    if (d > daysIn(y, mo)) {
      d = 1;
      mo++;
      if (mo > 12) {
        mo = 1;
        y++;
      }
    }
  }
  return undefined;
}

/** A schedule's fire times. */
export interface FireTimes {
  /** The first fire strictly after `after` (epoch ms), or undefined when it never fires again. */
  next(after: number): number | undefined;
}

/**
 * The fire times of an expression in a time zone, measured from `epoch` (the simulation's start: a
 * rate's first fire is one period after it). Undefined for an expression that does not parse (the
 * lint reports it: `eventbridge/schedule-expression`).
 */
export function fireTimes(expression: string, timezone: string | undefined, epoch: number): FireTimes | undefined {
  const s = parseScheduleExpression(expression);
  if ('error' in s) return undefined;
  let zone: Zone;
  try {
    zone = new Zone(timezone);
  } catch {
    return undefined;
  }
  if (s.kind === 'rate') {
    const period = s.minutes * MINUTE;
    return { next: (after) => epoch + (Math.floor((after - epoch) / period) + 1) * period };
  }
  if (s.kind === 'at') {
    const t = zone.instant({ y: s.year, mo: s.month, d: s.day, h: s.hour, mi: s.minute }) + s.second * 1000;
    return { next: (after) => (t > after ? t : undefined) };
  }
  const plan = cronPlan(s);
  return { next: (after) => plan(zone, after) };
}
