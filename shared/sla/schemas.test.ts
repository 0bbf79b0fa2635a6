import { describe, expect, it } from 'vitest';
import { createSlaCalendar, createSlaPolicy, updateSlaSettings } from './schemas.js';

const day = [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '18:00' }];
const calendar = { name: 'Office hours', timezone: 'Africa/Algiers', week: [day, day, day, day, day, [], []] };
const policy = { name: 'Urgent', priority: 'urgent', targets: { firstResponse: 60 } };

const paths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => result.error?.issues.map((i) => i.path.join('.')) ?? [];
const withDay = (ranges: unknown[]) => ({ ...calendar, week: [ranges, [], [], [], [], [], []] });

describe('calendar validation', () => {
  it('accepts several sorted ranges a day, touching ranges, 24:00 as an end, and fills defaults', () => {
    const parsed = createSlaCalendar.parse({ ...calendar, week: [[{ start: '00:00', end: '12:00' }, { start: '12:00', end: '24:00' }], ...calendar.week.slice(1)] });

    expect(parsed).toMatchObject({ mode: 'business', holidays: [] });
    expect(createSlaCalendar.safeParse(calendar).success).toBe(true);
  });

  it.each([
    ['a start after its end', [{ start: '18:00', end: '09:00' }], '0.0.end'],
    ['an empty range', [{ start: '09:00', end: '09:00' }], '0.0.end'],
    ['overlapping ranges', [{ start: '09:00', end: '13:00' }, { start: '12:00', end: '18:00' }], '0.1.start'],
    ['unsorted ranges', [{ start: '13:00', end: '18:00' }, { start: '09:00', end: '12:00' }], '0.1.start'],
    ['a bad time', [{ start: '9:00', end: '18:00' }], '0.0.start'],
    ['24:00 as a start', [{ start: '24:00', end: '24:00' }], '0.0.start'],
    ['minutes past 59', [{ start: '09:00', end: '18:60' }], '0.0.end'],
  ])('refuses %s', (_, ranges, path) => {
    expect(paths(createSlaCalendar.safeParse(withDay(ranges)))).toEqual([`week.${path}`]);
  });

  it('refuses an unknown timezone and a week without seven days', () => {
    const result = createSlaCalendar.safeParse({ ...calendar, timezone: 'Mars/Olympus', week: calendar.week.slice(1) });

    expect(paths(result).sort()).toEqual(['timezone', 'week']);
  });

  it('refuses a holiday listed twice, and a one-off date a yearly holiday already covers', () => {
    const holidays = [
      { date: '2026-07-05', name: 'Independence Day', recurring: true },
      { date: '2026-11-01', name: 'Revolution Day', recurring: false },
      { date: '2026-11-01', name: 'Again', recurring: false },
      { date: '2027-07-05', name: 'Covered', recurring: false },
      { date: '2027-11-01', name: 'Another year', recurring: false },
    ];

    expect(paths(createSlaCalendar.safeParse({ ...calendar, holidays }))).toEqual(['holidays.2.date', 'holidays.3.date']);
    expect(paths(createSlaCalendar.safeParse({ ...calendar, holidays: [{ date: '2026-02-30', name: 'No such day' }] }))).toEqual(['holidays.0.date']);
  });
});

describe('policy validation', () => {
  it('fills the default pause statuses, warning, escalation and active', () => {
    expect(createSlaPolicy.parse(policy)).toEqual({
      ...policy,
      pauseStatuses: ['waiting_on_customer', 'on_hold'],
      warningPercent: 80,
      escalation: { raisePriority: false, assignToLead: false, notifyManagers: false },
      active: true,
    });
  });

  it.each([
    ['a zero target', { targets: { firstResponse: 0 } }, 'targets.firstResponse'],
    ['a negative target', { targets: { resolution: -5 } }, 'targets.resolution'],
    ['a fractional target', { targets: { resolution: 1.5 } }, 'targets.resolution'],
    ['no target at all', { targets: {} }, 'targets'],
    ['a warning of 0 %', { warningPercent: 0 }, 'warningPercent'],
    ['a warning of 100 %', { warningPercent: 100 }, 'warningPercent'],
    ['an unknown pause status', { pauseStatuses: ['sleeping'] }, 'pauseStatuses.0'],
    ['a pause status twice', { pauseStatuses: ['on_hold', 'on_hold'] }, 'pauseStatuses'],
    ['an unknown priority', { priority: 'critical' }, 'priority'],
    ['an unknown field', { colour: 'red' }, ''],
  ])('refuses %s', (_, change, path) => {
    expect(paths(createSlaPolicy.safeParse({ ...policy, ...change }))).toEqual([path]);
  });
});

describe('settings validation', () => {
  const settings = { defaultCalendarId: null, autoClose: { enabled: true, afterDays: 7, reopenDays: 14 }, waitingReminder: { enabled: false, afterDays: 3, resolveAfterDays: 7 }, version: 0 };

  it('accepts rules with whole days and a missing default calendar', () => {
    expect(updateSlaSettings.parse(settings)).toEqual(settings);
  });

  it('refuses zero days and a negative version', () => {
    const result = updateSlaSettings.safeParse({ ...settings, autoClose: { ...settings.autoClose, afterDays: 0 }, version: -1 });

    expect(paths(result).sort()).toEqual(['autoClose.afterDays', 'version']);
  });
});
