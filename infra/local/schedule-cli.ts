import { scheduleByName, schedules } from '../../events/schedules.js';
import { schedulePayload } from './scheduler.js';
import { parseInstant, slaSchedules, slaTime } from './sla-clock.js';
import { readState } from './state.js';
import { useRunningTwin } from './twin-env.js';

/**
 * `npm run schedule -- <name> [--at <ISO>]`: fires one schedule against the running twin, as
 * EventBridge Scheduler would, with `--at` as its scheduled time (default: now; for the SLA
 * schedules, now on the twin's SLA clock when `npm start -- --sla-clock` set one).
 */
const usage = `usage: npm run schedule -- <name> [--at <ISO instant>]; schedules: ${schedules.map((s) => s.name).join(', ')}`;
const [name, ...rest] = process.argv.slice(2);
const def = name ? scheduleByName(name) : undefined;
const atFlag = rest.findIndex((a) => a === '--at' || a.startsWith('--at='));
const atValue = atFlag < 0 ? undefined : rest[atFlag]!.includes('=') ? rest[atFlag]!.slice('--at='.length) : rest[atFlag + 1];
const unknown = rest.filter((a, i) => i !== atFlag && !(i === atFlag + 1 && !rest[atFlag]!.includes('=')));
if (!def || unknown.length || (atFlag >= 0 && !atValue)) {
  console.error(usage);
  process.exit(2);
}
const at = atValue === undefined ? undefined : parseInstant(atValue, '--at');
if (typeof at === 'string') {
  console.error(at);
  process.exit(2);
}
if (!useRunningTwin()) {
  console.error('No running twin found (.local/twin.json). Start it with `npm start`.');
  process.exit(1);
}
const offset = readState()?.slaClockOffsetMs;
const when = at ?? (offset !== undefined && slaSchedules.has(def.name) ? slaTime(offset) : new Date());
// Like npm start: the console is for what goes wrong (POWERTOOLS_LOG_LEVEL=INFO shows the job's log lines).
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
const { invokeEntry } = await import('./lambda.js');
const payload = schedulePayload(def, when);
console.log(`firing ${def.name} (${def.target}) with ${JSON.stringify(payload)}`);
console.log(JSON.stringify(await invokeEntry(def.target, payload), null, 2));
process.exit(0);
