import { describe, expect, it, vi } from 'vitest';
import { schedules } from '../../events/schedules.js';
import { nextFire, schedulePayload, startScheduler, toStandardCron } from './scheduler.js';

describe('local scheduler', () => {
  it('converts EventBridge cron (Sunday = 1, ? and year fields) to standard cron', () => {
    expect(toStandardCron('cron(0 2 * * ? *)')).toEqual({ cron: '0 2 * * *', year: '*' });
    expect(toStandardCron('cron(30 8 ? * 2-6 *)')).toEqual({ cron: '30 8 * * 1-5', year: '*' });
    expect(toStandardCron('cron(0 0 1 * ? 2027)')).toEqual({ cron: '0 0 1 * *', year: '2027' });
    expect(() => toStandardCron('cron(0 2 * *)')).toThrow(/Not an EventBridge cron/);
  });

  it('reads cron in the schedule timezone, across a DST change', () => {
    // 02:30 Europe/Kyiv: UTC+2 in winter, UTC+3 in summer (DST starts 2026-03-29).
    const def = { expression: 'cron(30 2 * * ? *)' as const, timezone: 'Europe/Kyiv' };
    expect(nextFire(def, new Date('2026-01-10T12:00:00Z')).toISOString()).toBe('2026-01-11T00:30:00.000Z');
    expect(nextFire(def, new Date('2026-07-10T12:00:00Z')).toISOString()).toBe('2026-07-10T23:30:00.000Z');
  });

  it('aligns rate schedules to their period', () => {
    const def = { expression: 'rate(5 minutes)' as const, timezone: 'UTC' };
    expect(nextFire(def, new Date('2026-03-01T10:07:12Z')).toISOString()).toBe('2026-03-01T10:10:00.000Z');
    expect(() => nextFire({ expression: 'rate(5 fortnights)', timezone: 'UTC' }, new Date())).toThrow(/Bad rate/);
  });

  it('builds payloads that the schedule schema accepts', () => {
    for (const def of schedules) {
      const payload = schedulePayload(def, new Date('2026-03-01T10:10:00.000Z'));
      expect(def.payload.parse(payload)).toMatchObject({ schedule: def.name, scheduledTime: '2026-03-01T10:10:00Z' });
    }
  });

  it('sends the adjusted payload and logs the scheduled time it sent (the SLA clock case)', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-21T10:00:30Z') });
    try {
      const def = { ...schedules[0]!, expression: 'rate(1 minute)' as const };
      const sent: unknown[] = [];
      const lines: string[] = [];
      const scheduler = startScheduler(
        [def],
        async (_def, payload) => void sent.push(payload),
        (line) => lines.push(line),
        (_def, payload) => ({ ...payload, scheduledTime: '2026-03-09T09:30:00.000Z' }),
      );
      await vi.advanceTimersByTimeAsync(30_000);
      scheduler.stop();
      expect(sent).toEqual([expect.objectContaining({ schedule: def.name, scheduledTime: '2026-03-09T09:30:00.000Z' })]);
      expect(lines).toEqual([`[scheduler] ${def.name} ran for 2026-03-09T09:30:00.000Z`]);
    } finally {
      vi.useRealTimers();
    }
  });
});
