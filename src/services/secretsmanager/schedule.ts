/**
 * Rotation schedules: RotationRules (AutomaticallyAfterDays, or ScheduleExpression `rate(N hours|days)`
 * / `cron(...)`, and the Duration of the rotation window) → the next rotation window. Pure logic.
 *
 * Rules from RotationRulesType and "Schedule expressions in Secrets Manager rotation"
 * (rotate-secrets_schedule.html): UTC; rate windows start at midnight; a rate in hours can be as
 * often as every four hours; without Duration an hourly window closes after one hour and a daily
 * one at the end of the UTC day; a window must not run into the next UTC day or the next window.
 * Cron has six fields (minutes hours day-of-month month day-of-week year), windows start on the hour.
 */
import { InvalidParameterException } from './errors.js';
import type { RotationRulesType } from './model.gen.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

// The texts below are AWS's as quoted by a third-party CloudFormation pre-flight linter
// (cdk_preflight rotation rules) and by terraform-provider-aws#31915 for BOTH. // unverified against AWS
export const SCHEDULE_MESSAGES = {
  both: 'You cannot specify both rotation frequency and schedule expression together.',
  invalid: 'Invalid schedule expression.',
  rateHours: 'Rate in hour should be least 4 and less than 24.',
  rateDays: 'Rate in day should be greater than 0 and less than 1000.',
  duration: 'Duration must be at least 1 hour, at most 24 hour.',
  durationOverRate: 'Duration cannot be greater than Rate in hour.',
  withinDay: 'Starting hour and duration must be within a day.',
} as const;

/** A field of a cron expression: the values it allows, or undefined for `?`. */
type Field = ReadonlySet<number> | undefined;

export interface Cron {
  readonly hours: ReadonlySet<number>;
  readonly dom: Field;
  readonly months: ReadonlySet<number>;
  readonly dow: Field;
  /** `L` in day-of-month: the last day of the month. */
  readonly lastDom: boolean;
}

export type Schedule =
  | { readonly kind: 'days'; readonly days: number; readonly windowHours?: number }
  | { readonly kind: 'hours'; readonly hours: number; readonly windowHours: number }
  | { readonly kind: 'cron'; readonly cron: Cron; readonly windowHours?: number };

const bad = (m: string): InvalidParameterException => new InvalidParameterException(m);

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** `*`, numbers or names, `a-b`, `a/b`, `*\/b`, comma lists; `min..max` inclusive. */
function parseField(text: string, min: number, max: number, names: readonly string[] = [], nameBase = min): Set<number> {
  const out = new Set<number>();
  const num = (s: string): number => {
    const i = names.indexOf(s.toUpperCase());
    if (i !== -1) return i + nameBase;
    if (!/^\d+$/.test(s)) throw bad(SCHEDULE_MESSAGES.invalid);
    const n = Number(s);
    if (n < min || n > max) throw bad(SCHEDULE_MESSAGES.invalid);
    return n;
  };
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/') as [string, string | undefined];
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1 || (stepText !== undefined && !/^\d+$/.test(stepText))) throw bad(SCHEDULE_MESSAGES.invalid);
    let lo: number;
    let hi: number;
    if (range === '*') [lo, hi] = [min, max];
    else if (range.includes('-')) {
      const [a, b] = range.split('-') as [string, string];
      [lo, hi] = [num(a), num(b)];
      if (lo > hi) throw bad(SCHEDULE_MESSAGES.invalid);
    } else [lo, hi] = [num(range), stepText === undefined ? num(range) : max];
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

export function parseCron(body: string): Cron {
  const f = body.trim().split(/\s+/);
  if (f.length !== 6) throw bad(SCHEDULE_MESSAGES.invalid);
  const [minutes, hours, dom, month, dow, year] = f as [string, string, string, string, string, string];
  // Rotation windows start on the hour; the year is not chosen.
  if (minutes !== '0' || year !== '*') throw bad(SCHEDULE_MESSAGES.invalid);
  if ((dom === '?') === (dow === '?')) throw bad(SCHEDULE_MESSAGES.invalid);
  const h = parseField(hours, 0, 23);
  const sorted = [...h].sort((a, b) => a - b);
  // At most every four hours (including across midnight).
  for (let i = 0; i < sorted.length; i++) {
    const next = i + 1 < sorted.length ? sorted[i + 1]! : sorted[0]! + 24;
    if (sorted.length > 1 && next - sorted[i]! < 4) throw bad(SCHEDULE_MESSAGES.invalid);
  }
  const lastDom = dom === 'L';
  return {
    hours: h,
    dom: dom === '?' || lastDom ? undefined : parseField(dom, 1, 31),
    months: parseField(month, 1, 12, MONTHS, 1),
    dow: dow === '?' ? undefined : parseField(dow.replace(/^\*$/, '1-7'), 1, 7, DAYS, 1),
    lastDom,
  };
}

/** Validates RotationRules and returns the schedule, or undefined when none is set. */
export function parseRules(rules: RotationRulesType | undefined): Schedule | undefined {
  if (rules === undefined) return undefined;
  const { AutomaticallyAfterDays: days, ScheduleExpression: expr, Duration: duration } = rules;
  if (days !== undefined && expr !== undefined) throw bad(SCHEDULE_MESSAGES.both);
  let windowHours: number | undefined;
  if (duration !== undefined) {
    const m = /^(\d+)h$/.exec(duration);
    windowHours = m === null ? NaN : Number(m[1]);
    if (!(windowHours >= 1 && windowHours <= 24)) throw bad(SCHEDULE_MESSAGES.duration);
  }
  const win = windowHours !== undefined ? { windowHours } : {};
  if (days !== undefined) return { kind: 'days', days, ...win };
  if (expr === undefined) return undefined;
  const rate = /^rate\((\d+) (hours?|days?)\)$/.exec(expr.trim());
  if (rate !== null) {
    const n = Number(rate[1]);
    if (rate[2]!.startsWith('hour')) {
      if (n < 4 || n > 23) throw bad(SCHEDULE_MESSAGES.rateHours);
      if (windowHours !== undefined && windowHours > n) throw bad(SCHEDULE_MESSAGES.durationOverRate);
      return { kind: 'hours', hours: n, windowHours: windowHours ?? 1 };
    }
    if (n < 1 || n > 1000) throw bad(SCHEDULE_MESSAGES.rateDays);
    return { kind: 'days', days: n, ...win };
  }
  const cron = /^cron\((.*)\)$/.exec(expr.trim());
  if (cron === null) throw bad(SCHEDULE_MESSAGES.invalid);
  const c = parseCron(cron[1]!);
  if (windowHours !== undefined) for (const h of c.hours) if (h + windowHours > 24) throw bad(SCHEDULE_MESSAGES.withinDay);
  return { kind: 'cron', cron: c, ...win };
}

const midnight = (ms: number): number => Math.floor(ms / DAY_MS) * DAY_MS;

function cronMatchesDay(c: Cron, dayMs: number): boolean {
  const d = new Date(dayMs);
  if (!c.months.has(d.getUTCMonth() + 1)) return false;
  if (c.lastDom) return new Date(dayMs + DAY_MS).getUTCDate() === 1;
  if (c.dom !== undefined) return c.dom.has(d.getUTCDate());
  return c.dow!.has(d.getUTCDay() + 1);
}

/** A rotation window: rotation happens at some time in [startMs, endMs). */
export interface Window {
  readonly startMs: number;
  readonly endMs: number;
}

const windowAt = (startMs: number, windowHours: number | undefined): Window => ({
  startMs,
  endMs: windowHours !== undefined ? startMs + windowHours * HOUR_MS : midnight(startMs) + DAY_MS,
});

/**
 * The first rotation window that starts after `afterMs`. For day counts (AutomaticallyAfterDays,
 * rate(N days)) the interval runs from `lastRotatedMs` (the last rotation, or when rotation was set).
 */
export function nextWindow(s: Schedule, afterMs: number, lastRotatedMs: number): Window {
  switch (s.kind) {
    case 'days':
      return windowAt(Math.max(midnight(lastRotatedMs) + s.days * DAY_MS, midnight(afterMs) + DAY_MS), s.windowHours);
    case 'hours': {
      // Windows start at midnight and every N hours after it, within each UTC day.
      const from = Math.max(afterMs, lastRotatedMs);
      for (let day = midnight(from); ; day += DAY_MS) {
        for (let h = 0; h < 24; h += s.hours) {
          const start = day + h * HOUR_MS;
          if (start > from) return windowAt(start, s.windowHours);
        }
      }
    }
    case 'cron': {
      const hours = [...s.cron.hours].sort((a, b) => a - b);
      // Five years of days at most: a cron that never matches (e.g. 31 FEB) has no window.
      for (let day = midnight(afterMs), i = 0; i < 5 * 366; day += DAY_MS, i++) {
        if (!cronMatchesDay(s.cron, day)) continue;
        for (const h of hours) {
          const start = day + h * HOUR_MS;
          if (start > afterMs) return windowAt(start, s.windowHours ?? (hours.length > 1 ? 1 : undefined));
        }
      }
      throw bad(SCHEDULE_MESSAGES.invalid);
    }
  }
}
