import { describe, expect, it } from 'vitest';
import { slaClockOffsetVar as wiringVar } from '../../shared/sla/wiring.js';
import { parseInstant, slaClockFrom, slaClockOffset, slaClockOffsetVar, slaTime } from './sla-clock.js';

const now = new Date('2026-11-21T16:00:00.000Z');

describe('the twin SLA clock (--sla-clock / SLA_CLOCK)', () => {
  it('reads the flag (both spellings) before the environment, and nothing when neither is given', () => {
    expect(slaClockFrom(['--fresh', '--sla-clock', '2026-11-13T17:55+01:00'], {}, now)).toEqual(new Date('2026-11-13T16:55:00.000Z'));
    expect(slaClockFrom(['--sla-clock=2026-11-13T16:55:00Z'], { SLA_CLOCK: '2026-01-02T09:00Z' }, now)).toEqual(new Date('2026-11-13T16:55:00.000Z'));
    expect(slaClockFrom([], { SLA_CLOCK: '2026-01-02T09:00Z' }, now)).toEqual(new Date('2026-01-02T09:00:00.000Z'));
    expect(slaClockFrom(['--fresh'], {}, now)).toBeUndefined();
  });

  it('refuses a future instant, a missing value and anything without a zone, with a message', () => {
    expect(slaClockFrom(['--sla-clock', '2026-11-27T17:55+01:00'], {}, now)).toMatch(/in the future.*real clock/);
    expect(slaClockFrom(['--sla-clock'], {}, now)).toMatch(/needs an instant/);
    expect(slaClockFrom(['--sla-clock', '2026-11-13 17:55'], {}, now)).toMatch(/ISO 8601 instant with its zone/);
    expect(parseInstant('2026-11-13T17:55', '--at')).toMatch(/^--at must be/);
  });

  it('is an offset: it reads the instant at start and runs forward in real time', () => {
    const offset = slaClockOffset(new Date('2026-11-13T16:55:00.000Z'), now);
    expect(slaTime(offset, now).toISOString()).toBe('2026-11-13T16:55:00.000Z');
    expect(slaTime(offset, new Date(now.getTime() + 90_000)).toISOString()).toBe('2026-11-13T16:56:30.000Z');
    expect(slaClockOffsetVar).toBe(wiringVar);
  });
});
