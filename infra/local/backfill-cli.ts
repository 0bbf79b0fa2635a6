import { useRunningTwin } from './twin-env.js';

/**
 * `npm run backfill` (`-- --cursor <c>` continues a run): SLA state, automation timers and queue
 * counters for tickets older than them, against the running twin (shared/tickets/backfill.ts).
 * Idempotent: a second run writes nothing.
 */
const args = process.argv.slice(2);
const at = args.indexOf('--cursor');
const cursor = at >= 0 ? args[at + 1] : undefined;
if (at >= 0 && !cursor) {
  console.error('usage: npm run backfill [-- --cursor <cursor from an interrupted run>]');
  process.exit(2);
}
if (!useRunningTwin()) {
  console.error('No running twin found (.local/twin.json). Start it with `npm start`.');
  process.exit(1);
}
const { runBackfill } = await import('../../shared/tickets/backfill.js');
const line = (r: { ticketsDone: number; ticketsTotal: number; slaWritten: number; timersCreated: number; failed: number }) =>
  `tickets ${r.ticketsDone}/~${r.ticketsTotal}: SLA written ${r.slaWritten}, timers created ${r.timersCreated}${r.failed ? `, failed ${r.failed}` : ''}`;
let last = '';
// The twin's stream consumer runs in the `npm start` process, within milliseconds: 1 s is ample.
const report = await runBackfill(cursor, {
  settle: () => new Promise((resolve) => setTimeout(resolve, 1_000)),
  counterAttempts: 5,
  onProgress: (r) => console.log((last = line(r))),
});
if (line(report) !== last) console.log(line(report));
if (report.counters?.status === 'rebuilt') console.log(`queue counters: ${report.counters.corrected} of ${report.counters.names} corrected`);
if (!report.done) {
  console.log(`queue counters not rebuilt: tickets kept changing while they were counted. Continue when the desk is quiet:\n  npm run backfill -- --cursor ${report.cursor}`);
  process.exit(1);
}
console.log(report.slaWritten + report.timersCreated + (report.counters?.status === 'rebuilt' ? report.counters.corrected : 0) === 0 ? 'nothing to do: already backfilled' : 'backfill done');
process.exit(0);
