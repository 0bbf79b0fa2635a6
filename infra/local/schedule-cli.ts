import { scheduleByName, schedules } from '../../events/schedules.js';
import { schedulePayload } from './scheduler.js';
import { useRunningTwin } from './twin-env.js';

/** `npm run schedule -- <name>`: fires one schedule now against the running twin, as EventBridge Scheduler would. */
const name = process.argv[2];
const def = name ? scheduleByName(name) : undefined;
if (!def) {
  console.error(`usage: npm run schedule -- <name>; schedules: ${schedules.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
if (!useRunningTwin()) {
  console.error('No running twin found (.local/twin.json). Start it with `npm start`.');
  process.exit(1);
}
const { invokeEntry } = await import('./lambda.js');
const payload = schedulePayload(def, new Date());
console.log(`firing ${def.name} (${def.target}) with ${JSON.stringify(payload)}`);
console.log(JSON.stringify(await invokeEntry(def.target, payload), null, 2));
process.exit(0);
