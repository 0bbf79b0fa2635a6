import { parseArgs } from 'node:util';
import { readState } from '../local/state.js';
import { useRunningTwin } from '../local/twin-env.js';

/**
 * `npm run audit:verify [-- --from YYYY-MM-DD --to YYYY-MM-DD]`: walks each day's audit chain in
 * the running twin's table and recomputes every hash. Exits 1 naming the first broken record of
 * each broken day, 0 with a summary when every chain holds, 2 when it cannot run.
 */
const day = /^\d{4}-\d{2}-\d{2}$/;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } });
for (const [name, value] of Object.entries(values)) {
  if (value !== undefined && (!day.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))) fail(`--${name} must be a date YYYY-MM-DD, got "${value}"`);
}
if (values.from && values.to && values.from > values.to) fail('--from is after --to');

const state = readState();
const alive = (() => {
  try {
    return state ? process.kill(state.pid, 0) : false;
  } catch {
    return false;
  }
})();
if (!alive || !useRunningTwin()) fail('No running twin found (.local/twin.json). Start it with `npm start`.');

// Loaded after the environment points at the twin: modules read it once at import.
const { verifyChain } = await import('../../shared/audit/verify.js');
const report = await verifyChain({ from: values.from, to: values.to });
const range = report.from ? `${report.from} .. ${report.to}` : `nothing up to ${report.to}`;
if (report.ok) {
  console.log(`audit chain OK: ${report.records} records in ${report.days} days (${range})`);
  process.exit(0);
}
console.error(`audit chain BROKEN (${range}): ${report.problems.length} of ${report.days} days`);
for (const problem of report.problems) console.error(`  ${problem.message}`);
process.exit(1);
