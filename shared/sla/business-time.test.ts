import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes, businessMinutesBetween, isBusinessTime, localParts, nextOpening, subtractBusinessMinutes, wallToUtc,
} from './business-time.js';
import type { CalendarShape, TimeRange } from './types.js';

/** A local wall time with an explicit offset → the UTC ISO string the functions return. */
const at = (local: string, offset: string) => new Date(`${local}:00${offset}`).toISOString();
/** Africa/Algiers is UTC+1 all year (no DST). */
const alg = (local: string) => at(local, '+01:00');
const kyivWinter = (local: string) => at(local, '+02:00');
const kyivSummer = (local: string) => at(local, '+03:00');

const nine2six: TimeRange[] = [{ start: '09:00', end: '18:00' }];

function calendar(timezone: string, week: TimeRange[][], extra: Partial<CalendarShape> = {}): CalendarShape {
  return { calendarId: 'cal', name: 'cal', timezone, mode: 'business', week, holidays: [], ...extra };
}

/** Monday–Friday 09:00–18:00, weekend closed. */
const weekdays = (timezone: string, extra: Partial<CalendarShape> = {}) =>
  calendar(timezone, [nine2six, nine2six, nine2six, nine2six, nine2six, [], []], extra);

const algiers = weekdays('Africa/Algiers');

describe('addBusinessMinutes / businessMinutesBetween', () => {
  it('carries over night: Wed 17:00 + 120 → Thu 10:00', () => {
    // 17:00→18:00 = 60, then Thu 09:00 + 60 = 10:00.
    expect(addBusinessMinutes(algiers, alg('2026-11-18T17:00'), 120)).toBe(alg('2026-11-19T10:00'));
    expect(businessMinutesBetween(algiers, alg('2026-11-18T17:00'), alg('2026-11-19T10:00'))).toBe(120);
  });

  it('skips the weekend: Fri 17:55 + 60 → Mon 09:55 in Africa/Algiers', () => {
    // 2026-11-20 is a Friday: 17:55→18:00 = 5, Sat and Sun closed, Mon 09:00 + 55 = 09:55.
    expect(addBusinessMinutes(algiers, alg('2026-11-20T17:55'), 60)).toBe(alg('2026-11-23T09:55'));
    expect(alg('2026-11-23T09:55')).toBe('2026-11-23T08:55:00.000Z');
    expect(businessMinutesBetween(algiers, alg('2026-11-20T17:55'), alg('2026-11-23T09:55'))).toBe(60);
  });

  it('skips a one-off holiday', () => {
    // Mon 2026-11-23 off: Fri 5 min, then Tue 09:00 + 55 = 09:55.
    const cal = weekdays('Africa/Algiers', { holidays: [{ date: '2026-11-23', name: 'Day off', recurring: false }] });
    expect(addBusinessMinutes(cal, alg('2026-11-20T17:55'), 60)).toBe(alg('2026-11-24T09:55'));
    // Fri 17:55 → Tue 09:55: 5 + 0 (Mon) + 55 = 60.
    expect(businessMinutesBetween(cal, alg('2026-11-20T17:55'), alg('2026-11-24T09:55'))).toBe(60);
    // The one-off date does not repeat a year later: Mon 2027-11-22 → Tue is a normal day.
    expect(addBusinessMinutes(cal, alg('2027-11-22T17:00'), 120)).toBe(alg('2027-11-23T10:00'));
  });

  it('skips a recurring holiday every year', () => {
    const cal = weekdays('Africa/Algiers', { holidays: [{ date: '2000-12-25', name: 'Christmas', recurring: true }] });
    // Thu 2026-12-24 17:00: 60 that day, Fri 25 holiday, weekend, Mon 28 09:00 + 60 = 10:00.
    expect(addBusinessMinutes(cal, alg('2026-12-24T17:00'), 120)).toBe(alg('2026-12-28T10:00'));
    // Fri 2026-12-25 → Mon 28 09:00: the holiday counts 0.
    expect(businessMinutesBetween(cal, alg('2026-12-25T09:00'), alg('2026-12-28T09:00'))).toBe(0);
    // 2027-12-25 is a Saturday; Fri 2027-12-24 is a normal day: 09:00→18:00 = 540.
    expect(businessMinutesBetween(cal, alg('2027-12-24T09:00'), alg('2027-12-25T09:00'))).toBe(540);
  });

  it('handles several ranges a day (lunch break)', () => {
    const day = [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '17:00' }];
    const cal = calendar('Africa/Algiers', [day, day, day, day, day, [], []]);
    // Mon 11:30 + 60: 30 until 12:00, lunch, 13:00 + 30 = 13:30.
    expect(addBusinessMinutes(cal, alg('2026-11-16T11:30'), 60)).toBe(alg('2026-11-16T13:30'));
    // A whole day: 3 h + 4 h = 420.
    expect(businessMinutesBetween(cal, alg('2026-11-16T00:00'), alg('2026-11-17T00:00'))).toBe(420);
    // 12:00 is a closing (end exclusive): the next opening is 13:00.
    expect(nextOpening(cal, alg('2026-11-16T12:00'))).toBe(alg('2026-11-16T13:00'));
    expect(isBusinessTime(cal, alg('2026-11-16T12:59'))).toBe(false);
    expect(isBusinessTime(cal, alg('2026-11-16T13:00'))).toBe(true);
  });

  it('counts 23 h / 25 h on the Europe/Kyiv DST change days', () => {
    // Last Sundays: 2026-03-29 (03:00 EET → 04:00 EEST) and 2026-10-25 (04:00 EEST → 03:00 EET).
    const allDay = [{ start: '00:00', end: '24:00' }];
    const always: CalendarShape = { ...calendar('Europe/Kyiv', []), mode: 'always' };
    const everyDay = calendar('Europe/Kyiv', Array.from({ length: 7 }, () => allDay));
    const sundays = calendar('Europe/Kyiv', [[], [], [], [], [], [], allDay]);
    // Sat 12:00 (+02) → Sun 12:00 (+03) is 23 real hours = 1380 minutes.
    const spring = [kyivWinter('2026-03-28T12:00'), kyivSummer('2026-03-29T12:00')] as const;
    expect(businessMinutesBetween(always, ...spring)).toBe(1380);
    expect(businessMinutesBetween(everyDay, ...spring)).toBe(1380);
    // Sat 12:00 (+03) → Sun 12:00 (+02) is 25 hours = 1500.
    const autumn = [kyivSummer('2026-10-24T12:00'), kyivWinter('2026-10-25T12:00')] as const;
    expect(businessMinutesBetween(always, ...autumn)).toBe(1500);
    expect(businessMinutesBetween(everyDay, ...autumn)).toBe(1500);
    // Sunday-only calendar over Fri→Tue: just the change day, 23 h and 25 h.
    expect(businessMinutesBetween(sundays, '2026-03-27T00:00:00Z', '2026-03-31T00:00:00Z')).toBe(23 * 60);
    expect(businessMinutesBetween(sundays, '2026-10-23T00:00:00Z', '2026-10-27T00:00:00Z')).toBe(25 * 60);
    // Sunday starts 00:00 +02 = Sat 22:00Z; + 1380 = Sun 21:00Z = Mon 00:00 +03 (the day's end).
    expect(addBusinessMinutes(sundays, '2026-03-28T12:00:00Z', 1380)).toBe('2026-03-29T21:00:00.000Z');
    expect(addBusinessMinutes(sundays, '2026-03-28T12:00:00Z', 1381)).toBe(kyivSummer('2026-04-05T00:01'));
  });

  it('maps wall times in the DST gap and overlap sanely', () => {
    // 02:30 on 2026-03-29 still exists (EET): 00:30Z. 03:30 does not: the gap ends at 01:00Z (04:00 EEST).
    expect(wallToUtc('Europe/Kyiv', 2026, 3, 29, 150)).toBe(Date.parse('2026-03-29T00:30:00Z'));
    expect(wallToUtc('Europe/Kyiv', 2026, 3, 29, 210)).toBe(Date.parse('2026-03-29T01:00:00Z'));
    // 03:30 on 2026-10-25 happens twice: the first one (EEST) is 00:30Z.
    expect(wallToUtc('Europe/Kyiv', 2026, 10, 25, 210)).toBe(Date.parse('2026-10-25T00:30:00Z'));
    const early = calendar('Europe/Kyiv', [[], [], [], [], [], [], [{ start: '03:30', end: '05:00' }]]);
    // Spring: 01:00Z (gap end) → 05:00 EEST = 02:00Z: 60. Autumn: 00:30Z → 05:00 EET = 03:00Z: 150.
    expect(businessMinutesBetween(early, '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z')).toBe(60);
    expect(businessMinutesBetween(early, '2026-10-24T00:00:00Z', '2026-10-26T00:00:00Z')).toBe(150);
    expect(localParts(Date.parse('2026-10-25T00:30:00Z'), 'Europe/Kyiv')).toMatchObject({ hour: 3, minute: 30, weekday: 6 });
  });

  it('uses real minutes in always mode, ignoring hours and holidays', () => {
    const cal: CalendarShape = { ...algiers, mode: 'always', holidays: [{ date: '2026-11-21', name: 'x', recurring: false }] };
    // Fri 17:55 + 60 → Fri 18:55; Fri 17:55 → Mon 09:55 = 2 days 16 h = 3840.
    expect(addBusinessMinutes(cal, alg('2026-11-20T17:55'), 60)).toBe(alg('2026-11-20T18:55'));
    expect(businessMinutesBetween(cal, alg('2026-11-20T17:55'), alg('2026-11-23T09:55'))).toBe(3840);
  });

  it('answers 0 for reversed or equal instants', () => {
    expect(businessMinutesBetween(algiers, alg('2026-11-19T10:00'), alg('2026-11-18T17:00'))).toBe(0);
    expect(businessMinutesBetween(algiers, alg('2026-11-19T10:00'), alg('2026-11-19T10:00'))).toBe(0);
  });

  it('0 minutes: the instant itself inside business time, else the next opening', () => {
    expect(addBusinessMinutes(algiers, alg('2026-11-19T10:00'), 0)).toBe(alg('2026-11-19T10:00'));
    // Sat 10:00 → Mon 09:00; Fri 18:00 (closing, exclusive) → Mon 09:00.
    expect(addBusinessMinutes(algiers, alg('2026-11-21T10:00'), 0)).toBe(alg('2026-11-23T09:00'));
    expect(addBusinessMinutes(algiers, alg('2026-11-20T18:00'), 0)).toBe(alg('2026-11-23T09:00'));
  });

  it('walks backwards for negative minutes', () => {
    // Mon 09:30 − 60: 30 back to 09:00, then Fri 18:00 − 30 = 17:30.
    expect(addBusinessMinutes(algiers, alg('2026-11-23T09:30'), -60)).toBe(alg('2026-11-20T17:30'));
    // 0 back from Saturday: the previous closing, Fri 18:00.
    expect(subtractBusinessMinutes(algiers, alg('2026-11-21T10:00'), 0)).toBe(alg('2026-11-20T18:00'));
  });

  it('truncates instants to the minute', () => {
    // 17:55:59 counts as 17:55: 5 business minutes to 18:00.
    expect(businessMinutesBetween(algiers, '2026-11-20T16:55:59.999Z', '2026-11-20T17:30:00.000Z')).toBe(5);
  });

  it('counts a 30-day span day by day', () => {
    // Thu 2026-01-01 11:00 → Sat 01-31 11:00: 22 weekdays × 540 − 120 (Jan 1 09:00–11:00) = 11760.
    expect(businessMinutesBetween(algiers, alg('2026-01-01T11:00'), alg('2026-01-31T11:00'))).toBe(11760);
    expect(addBusinessMinutes(algiers, alg('2026-01-01T11:00'), 11760)).toBe(alg('2026-01-30T18:00'));
  });

  it('refuses a calendar with no hours', () => {
    const closed = calendar('Africa/Algiers', [[], [], [], [], [], [], []]);
    expect(() => addBusinessMinutes(closed, alg('2026-11-20T10:00'), 1)).toThrow(RangeError);
    expect(businessMinutesBetween(closed, alg('2026-11-20T10:00'), alg('2026-11-27T10:00'))).toBe(0);
  });
});
