import { performance } from 'node:perf_hooks';
import { localDir } from './state.js';
import { demoPassword } from './seed.js';
import { slaClockFrom } from './sla-clock.js';
import { startTwin } from './twin.js';
import { startWeb } from './web.js';

/**
 * `npm start` (`-- --fresh` wipes .local first; `-- --sla-clock <ISO>` or SLA_CLOCK=<ISO> starts
 * the SLA clock at a past instant, then it runs in real time): the whole platform on this machine, with demo data.
 */
const started = performance.now();
const fresh = process.argv.includes('--fresh');
const slaClock = slaClockFrom(process.argv.slice(2), process.env);
if (typeof slaClock === 'string') {
  console.error(slaClock);
  process.exit(2);
}
const log = (line: string) => console.log(line);

const twin = await startTwin({ dir: localDir, fresh, log, demoData: true, ...(slaClock ? { slaClock } : {}), webOrigins: ['http://localhost:5173', 'http://127.0.0.1:5173'] });
// An existing .local with tickets older than the SLA engine or the queue counters: backfill them once (cheap check first).
const { backfillNeeded, runBackfill } = await import('../../shared/tickets/backfill.js');
if (await backfillNeeded().catch(() => false)) {
  const b = await runBackfill(null, { settle: () => twin.gateway.feed.drain() }).catch((err: Error) => ({ done: false, error: err.message }));
  log('error' in b ? `[twin] ticket backfill failed (${b.error}): run npm run backfill` : `[twin] ticket backfill: ${b.slaWritten} SLA states, ${b.timersCreated} timers${b.done ? ', queue counters rebuilt' : '; queue counters still to rebuild: npm run backfill'}`);
}
const web = await startWeb({ port: 5173, apiUrl: twin.state.endpoints.api, cognito: twin.state.cognito, region: twin.state.region, slaClockOffsetMs: twin.state.slaClockOffsetMs });

const { endpoints } = twin.state;
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`
CloudManager local twin is ready (${seconds} s)${fresh ? ' — fresh data' : ''}

  Web app        ${web.url}   (portal /portal, desk /desk, admin /admin, status /status; Arabic: ?lang=ar)
  API            ${endpoints.api}   (GET /health, GET /me, OpenAPI at /openapi.json)
  Sent mail      ${endpoints.ses}   (SES viewer; JSON at /store)
  Inbound mail   ${endpoints.smtp}   (send to support@cloudmanager.example)
  DynamoDB       ${endpoints.dynamodb}   (table ${twin.state.tableName}; gateway adds transactions, stream, TTL)
  S3             ${endpoints.s3}   (buckets ${Object.values(twin.state.buckets).join(', ')})
  Cognito        ${endpoints.cognito}   (pool ${twin.state.cognito.userPoolId}, client ${twin.state.cognito.clientId})

  Demo logins (password for all: ${demoPassword})
${(twin.seeded?.accounts ?? []).map((a) => `    ${a.role.padEnd(11)} ${a.email}${twin.seeded?.secrets[a.email] ? '   (TOTP secret in .local/totp.json)' : ''}`).join('\n')}
${twin.customers ? `\n  Demo customers ${twin.customers.total} (${twin.customers.created} new this start): customer@ owns Atlas Services SARL (pending, KYC to upload) and Chloé Customer (KYC expiring: npm run schedule -- kyc-expiry)` : ''}${twin.helpdesk ? `
  Helpdesk       Support group (agent@, manager@), categories General / Billing / Repairs (QC), canned replies and tags; ${twin.helpdesk.tickets} new demo tickets on Atlas` : ''}

  Access token:  npm run token -- admin@cloudmanager.example
  Fire schedule: npm run schedule -- heartbeat${slaClockLine()}
  Data lives in .local/ (npm start -- --fresh wipes it). Ctrl+C stops everything.
`);

/** The banner's SLA clock line: its reading now, in UTC and in the demo calendar's zone. */
function slaClockLine(): string {
  const offset = twin.state.slaClockOffsetMs;
  if (offset === undefined) return '';
  const now = new Date(Date.now() + offset);
  const algiers = new Intl.DateTimeFormat('en-GB', { timeZone: 'Africa/Algiers', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now);
  return `\n  SLA clock      ${now.toISOString()} (${algiers} in Africa/Algiers), running in real time; sweep at an instant: npm run schedule -- sla --at <ISO>`;
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  try {
    await web.close();
  } catch (err) {
    console.error(`web server: ${(err as Error).message}`);
  }
  await twin.stop();
  process.exit(0);
}
// Vite's dev server exits the process on SIGTERM (and when stdin ends) once it has closed
// itself, which left the twin's children (cognito-local) running: this script owns shutdown.
process.removeAllListeners('SIGTERM');
process.stdin.removeAllListeners('end');
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
