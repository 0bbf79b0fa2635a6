import { randomUUID } from 'node:crypto';
import { CronExpressionParser } from 'cron-parser';
import type { ScheduleDefinition } from '../../events/schedules.js';

const units: Record<string, number> = { minute: 60_000, minutes: 60_000, hour: 3_600_000, hours: 3_600_000, day: 86_400_000, days: 86_400_000 };

/** Converts an EventBridge `cron(min hour dom mon dow year)` to a 5-field cron with Sunday = 0. */
export function toStandardCron(expression: string): { cron: string; year: string } {
  const fields = /^cron\((.*)\)$/.exec(expression)?.[1]?.trim().split(/\s+/);
  if (!fields || fields.length !== 6) throw new Error(`Not an EventBridge cron expression: ${expression}`);
  const [min, hour, dom, mon, dow, year] = fields as [string, string, string, string, string, string];
  const weekday = dow === '?' ? '*' : dow.replace(/\d+/g, (d) => String(Number(d) - 1));
  return { cron: [min, hour, dom === '?' ? '*' : dom, mon, weekday].join(' '), year };
}

/** The next time a schedule fires after `from`, reading cron in the schedule's timezone. */
export function nextFire(def: Pick<ScheduleDefinition, 'expression' | 'timezone'>, from: Date): Date {
  const rate = /^rate\((\d+)\s+(\w+)\)$/.exec(def.expression);
  if (rate) {
    const every = Number(rate[1]) * (units[rate[2]!] ?? NaN);
    if (!Number.isFinite(every) || every <= 0) throw new Error(`Bad rate: ${def.expression}`);
    return new Date(Math.floor(from.getTime() / every) * every + every);
  }
  const { cron, year } = toStandardCron(def.expression);
  const it = CronExpressionParser.parse(cron, { currentDate: from, tz: def.timezone });
  for (let i = 0; i < 1000; i++) {
    const next = it.next().toDate();
    if (year === '*' || year.split(',').includes(String(next.getUTCFullYear()))) return next;
  }
  throw new Error(`No firing time for ${def.expression}`);
}

/** The payload EventBridge Scheduler sends: the configured input with its placeholders filled. */
export function schedulePayload(def: ScheduleDefinition, scheduledTime: Date) {
  return { schedule: def.name, scheduledTime: scheduledTime.toISOString().replace(/\.\d{3}Z$/, 'Z'), executionId: randomUUID(), ...def.parameters };
}

export type SchedulePayload = ReturnType<typeof schedulePayload>;

/**
 * The local EventBridge Scheduler: fires every schedule of events/ at its times, in-process.
 * `adjust` may change a payload before it is sent (the twin moves SLA schedules onto the SLA
 * clock); the log line names the scheduled time that was sent.
 */
export function startScheduler(
  defs: readonly ScheduleDefinition[],
  fire: (def: ScheduleDefinition, payload: SchedulePayload) => Promise<unknown>,
  log: (line: string) => void = () => {},
  adjust: (def: ScheduleDefinition, payload: SchedulePayload) => SchedulePayload = (_def, payload) => payload,
) {
  const timers = new Map<string, NodeJS.Timeout>();
  let stopped = false;
  const arm = (def: ScheduleDefinition) => {
    if (stopped) return;
    const at = nextFire(def, new Date());
    const timer = setTimeout(() => {
      const payload = adjust(def, schedulePayload(def, at));
      fire(def, payload)
        .then(() => log(`[scheduler] ${def.name} ran for ${payload.scheduledTime}`))
        .catch((err) => log(`[scheduler] ${def.name} failed: ${(err as Error).message}`))
        .finally(() => arm(def));
    }, Math.max(0, at.getTime() - Date.now()));
    timer.unref();
    timers.set(def.name, timer);
  };
  defs.forEach(arm);
  return {
    next: (name: string) => {
      const def = defs.find((d) => d.name === name);
      return def ? nextFire(def, new Date()) : undefined;
    },
    stop: () => {
      stopped = true;
      timers.forEach(clearTimeout);
    },
  };
}
