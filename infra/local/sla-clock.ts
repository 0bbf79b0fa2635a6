/**
 * The local twin's SLA clock (`npm start -- --sla-clock <ISO>` or `SLA_CLOCK=<ISO>`): the SLA
 * engine's "now" starts at a chosen past instant and runs forward in real time, so a ticket can be
 * created "on a Friday at 17:55" in a demo. Only SLA time moves: sign-in tokens, mail and the
 * dashboard's day ranges stay on the wall clock, which is why a future instant is refused.
 */

/** The schedules whose payload time is SLA time (the others keep the wall clock). */
export const slaSchedules: ReadonlySet<string> = new Set(['sla', 'ticket-automation']);

/** Read by shared/sla/wiring.ts (`slaClockOffsetVar`) in every process that computes SLA: the API, the stream consumers, the schedules. */
export const slaClockOffsetVar = 'SLA_CLOCK_OFFSET_MS';

export const slaClockFlag = '--sla-clock';
export const slaClockEnv = 'SLA_CLOCK';

/** An ISO 8601 instant with a date, a time and a zone (`Z` or `+01:00`); the zone makes it unambiguous. */
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses a user-given instant; an error message (for the console) when it is not one. */
export function parseInstant(value: string, what: string): Date | string {
  const ms = isoInstant.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) return `${what} must be an ISO 8601 instant with its zone, e.g. 2026-03-06T17:55+01:00 (got "${value}")`;
  return new Date(ms);
}

/**
 * The SLA clock asked for on the command line (`--sla-clock <ISO>` / `--sla-clock=<ISO>`) or in
 * `SLA_CLOCK`: undefined when neither is given, an error message when it is invalid or in the future.
 */
export function slaClockFrom(argv: readonly string[], env: NodeJS.ProcessEnv, now = new Date()): Date | string | undefined {
  const at = argv.findIndex((a) => a === slaClockFlag || a.startsWith(`${slaClockFlag}=`));
  const value = at < 0 ? env[slaClockEnv] || undefined : argv[at]!.includes('=') ? argv[at]!.slice(slaClockFlag.length + 1) : argv[at + 1];
  if (value === undefined) return at < 0 ? undefined : `${slaClockFlag} needs an instant, e.g. ${slaClockFlag} 2026-03-06T17:55+01:00`;
  const start = parseInstant(value, `${slaClockFlag} (${slaClockEnv})`);
  if (typeof start === 'string') return start;
  if (start.getTime() > now.getTime()) {
    return `${slaClockFlag} ${value} is in the future. The SLA clock may only start in the past: sign-in tokens, mail and the SLA dashboard's day ranges run on the real clock, so SLA time ahead of them would make due times, breaches and charts disagree with everything else. Pick a past instant (e.g. a Friday 17:55 at least 3 days ago).`;
  }
  return start;
}

/** The offset (ms) that makes the SLA clock read `start` now. */
export const slaClockOffset = (start: Date, now = new Date()): number => start.getTime() - now.getTime();

/** The SLA clock's reading for a given offset, e.g. for a schedule's payload time. */
export const slaTime = (offsetMs: number, wall = new Date()): Date => new Date(wall.getTime() + offsetMs);
