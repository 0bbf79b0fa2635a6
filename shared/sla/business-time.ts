import type { CalendarShape } from './types.js';

/**
 * Business-time arithmetic over a calendar (issue 7). Pure: no I/O, no clock. Instants are ISO
 * strings, truncated to the whole minute; durations are whole minutes. Local wall times of the
 * calendar's zone map to UTC with Intl, walking day by day (never minute by minute):
 * - a wall time in a DST gap (02:30 on a spring-forward day) maps to the instant the gap ends;
 * - a repeated wall time (the autumn hour) maps to its first occurrence;
 * - `24:00` is the next day's midnight, so a day with 00:00–24:00 lasts 23 h or 25 h on change days.
 */

const minuteMs = 60_000;
const hourMs = 3_600_000;
const dayMs = 86_400_000;
/** How far the walks look before giving up (a calendar with no hours, or only holidays). */
const maxDays = 3_700;

/** A local calendar date; `weekday` 0 = Monday … 6 = Sunday. */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function weekdayOf(year: number, month: number, day: number): number {
  return (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
}

/** The wall time in `timeZone` at instant `ms`. */
export function localParts(ms: number, timeZone: string): LocalParts {
  const p = { year: 0, month: 0, day: 0, hour: 0, minute: 0 };
  for (const part of formatter(timeZone).formatToParts(ms)) {
    if (part.type in p) p[part.type as keyof typeof p] = Number(part.value);
  }
  return { ...p, weekday: weekdayOf(p.year, p.month, p.day) };
}

/** The zone's offset from UTC at instant `ms`, in minutes (east positive). */
function offsetMinutes(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return Math.round((wall - floorMinute(ms)) / minuteMs);
}

/**
 * The UTC instant of a wall time (`minuteOfDay` may be 1440 = next midnight). Tries the offsets in
 * force a day before and a day after: an overlap keeps the earlier instant, a gap the transition.
 */
export function wallToUtc(timeZone: string, year: number, month: number, day: number, minuteOfDay: number): number {
  const naive = Date.UTC(year, month - 1, day) + minuteOfDay * minuteMs;
  const before = offsetMinutes(naive - dayMs, timeZone);
  const after = offsetMinutes(naive + dayMs, timeZone);
  const valid = [before, after]
    .map((o) => naive - o * minuteMs)
    .filter((t) => offsetMinutes(t, timeZone) === Math.round((naive - t) / minuteMs));
  if (valid.length) return Math.min(...valid);
  // In a gap: the first minute at which the later offset applies.
  let lo = naive - Math.max(before, after) * minuteMs;
  let hi = naive - Math.min(before, after) * minuteMs;
  while (hi - lo > minuteMs) {
    const mid = floorMinute(lo + (hi - lo) / 2);
    if (offsetMinutes(mid, timeZone) === after) hi = mid;
    else lo = mid;
  }
  return hi;
}

export function floorMinute(ms: number): number {
  return Math.floor(ms / minuteMs) * minuteMs;
}

function parseInstant(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`Not an instant: ${iso}`);
  return floorMinute(ms);
}

function toIso(ms: number): string {
  return new Date(ms).toISOString();
}

function hhmm(value: string): number {
  const [h, m] = value.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

interface Prepared {
  week: Array<Array<[number, number]>>;
  oneOff: Set<string>;
  recurring: Set<string>;
  hasHours: boolean;
}

const prepared = new WeakMap<CalendarShape, Prepared>();

function prepare(cal: CalendarShape): Prepared {
  let p = prepared.get(cal);
  if (!p) {
    const week = Array.from({ length: 7 }, (_, i) =>
      (cal.week[i] ?? []).map((r): [number, number] => [hhmm(r.start), hhmm(r.end)]).filter(([s, e]) => e > s),
    );
    p = {
      week,
      oneOff: new Set(cal.holidays.filter((h) => !h.recurring).map((h) => h.date)),
      recurring: new Set(cal.holidays.filter((h) => h.recurring).map((h) => h.date.slice(5))),
      hasHours: week.some((d) => d.length > 0),
    };
    prepared.set(cal, p);
  }
  return p;
}

/** Days counted from 1970-01-01 in the calendar's local dates. */
function localDay(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day) / dayMs;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Business intervals (UTC ms, sorted) of local day number `n`. */
function dayIntervals(cal: CalendarShape, p: Prepared, n: number): Array<[number, number]> {
  const date = new Date(n * dayMs);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  const day = date.getUTCDate();
  const ranges = p.week[(date.getUTCDay() + 6) % 7] ?? [];
  if (!ranges.length) return [];
  const md = `${pad(month)}-${pad(day)}`;
  if (p.recurring.has(md) || p.oneOff.has(`${year}-${md}`)) return [];
  const start = n * dayMs;
  // Fast path: the same offset well before and well after the day means no change within it.
  const before = offsetMinutes(start - 15 * hourMs, cal.timezone);
  const after = offsetMinutes(start + dayMs + 15 * hourMs, cal.timezone);
  const at =
    before === after
      ? (minute: number) => start + (minute - before) * minuteMs
      : (minute: number) => wallToUtc(cal.timezone, year, month, day, minute);
  return ranges.map(([s, e]): [number, number] => [at(s), at(e)]).filter(([s, e]) => e > s);
}

function requireHours(p: Prepared): void {
  if (!p.hasHours) throw new RangeError('The calendar has no business hours');
}

/** Business minutes between two instants (0 when `to` is not after `from`). */
export function businessMinutesBetween(cal: CalendarShape, fromIso: string, toIso: string): number {
  const from = parseInstant(fromIso);
  const to = parseInstant(toIso);
  if (to <= from) return 0;
  if (cal.mode === 'always') return (to - from) / minuteMs;
  const p = prepare(cal);
  let total = 0;
  const last = localDay(to, cal.timezone);
  for (let n = localDay(from, cal.timezone) - 1; n <= last; n += 1) {
    for (const [s, e] of dayIntervals(cal, p, n)) {
      const lo = Math.max(s, from);
      const hi = Math.min(e, to);
      if (hi > lo) total += hi - lo;
    }
  }
  return Math.round(total / minuteMs);
}

/**
 * The instant at which `minutes` business minutes have elapsed from `from`; 0 gives `from` itself
 * when inside business time, else the next opening. Negative minutes walk backwards (see
 * `subtractBusinessMinutes`).
 */
export function addBusinessMinutes(cal: CalendarShape, fromIso: string, minutes: number): string {
  if (minutes < 0) return subtractBusinessMinutes(cal, fromIso, -minutes);
  const from = parseInstant(fromIso);
  if (cal.mode === 'always') return toIso(from + Math.round(minutes) * minuteMs);
  const p = prepare(cal);
  requireHours(p);
  let remaining = Math.round(minutes) * minuteMs;
  const first = localDay(from, cal.timezone) - 1;
  for (let n = first; n <= first + maxDays; n += 1) {
    for (const [s, e] of dayIntervals(cal, p, n)) {
      const lo = Math.max(s, from);
      if (lo >= e) continue;
      if (remaining <= e - lo) return toIso(lo + remaining);
      remaining -= e - lo;
    }
  }
  throw new RangeError('The calendar has no business hours in reach');
}

/**
 * The instant `minutes` business minutes before `from`; 0 gives `from` when inside business time
 * (or at a closing), else the previous closing. Used for due times already passed.
 */
export function subtractBusinessMinutes(cal: CalendarShape, fromIso: string, minutes: number): string {
  const from = parseInstant(fromIso);
  if (cal.mode === 'always') return toIso(from - Math.round(minutes) * minuteMs);
  const p = prepare(cal);
  requireHours(p);
  let remaining = Math.round(minutes) * minuteMs;
  const first = localDay(from, cal.timezone) + 1;
  for (let n = first; n >= first - maxDays; n -= 1) {
    const intervals = dayIntervals(cal, p, n);
    for (let i = intervals.length - 1; i >= 0; i -= 1) {
      const [s, e] = intervals[i]!;
      const hi = Math.min(e, from);
      if (hi <= s) continue;
      if (remaining <= hi - s) return toIso(hi - remaining);
      remaining -= hi - s;
    }
  }
  throw new RangeError('The calendar has no business hours in reach');
}

/** Whether the instant is inside business time (range ends are exclusive). */
export function isBusinessTime(cal: CalendarShape, iso: string): boolean {
  return addBusinessMinutes(cal, iso, 0) === toIso(parseInstant(iso));
}

/** The instant itself when inside business time, else the next opening. */
export function nextOpening(cal: CalendarShape, iso: string): string {
  return addBusinessMinutes(cal, iso, 0);
}
