import { existsSync, readFileSync } from 'node:fs';
import { useRunningTwin } from './twin-env.js';

/**
 * `npm run invoke -- <function> <event.json>`: runs one handler locally with a sample event, against
 * the running twin when there is one. <function> is an entry path (functions/api/system/index.ts)
 * or a short name (api/system, streams, mail/inbound, schedules/heartbeat).
 */
const [fn, eventFile] = process.argv.slice(2);
if (!fn || !eventFile) {
  console.error('usage: npm run invoke -- <function> <event.json>   e.g. npm run invoke -- api/system events/samples/api-get-health.json');
  process.exit(2);
}
const candidates = [fn, `functions/${fn}`, `functions/${fn}.ts`, `functions/${fn}/index.ts`];
const entry = candidates.find((c) => c.endsWith('.ts') && existsSync(c));
if (!entry) {
  console.error(`No function entry found for "${fn}" (tried ${candidates.join(', ')})`);
  process.exit(2);
}
if (!useRunningTwin()) console.warn('No running twin (.local/twin.json): AWS calls will go to the default endpoints.');
const { invokeEntry } = await import('./lambda.js');
const result = await invokeEntry(entry, JSON.parse(readFileSync(eventFile, 'utf8')));
console.log(JSON.stringify(result, null, 2));
process.exit(0);
