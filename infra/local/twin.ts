import { rmSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { tableShape } from '../../shared/db/table.js';
import { schedules, type ScheduleDefinition } from '../../events/schedules.js';
import { startDynalite, startDynamoGateway } from './gateway/index.js';
import { cognitoClient, ensureUserPool } from './cognito-setup.js';
import { startApiServer } from './api-server.js';
import { invokeEntry } from './lambda.js';
import { freePort } from './ports.js';
import { startScheduler, type SchedulePayload } from './scheduler.js';
import { startCognito } from './servers/cognito.js';
import { startS3 } from './servers/s3.js';
import { startSes } from './servers/ses.js';
import { startSmtp } from './servers/smtp.js';
import { readState, writeState, type TwinState } from './state.js';
import { localMfaEncryptionKey } from './dev-keys.js';
import { seedDemo } from './seed.js';
import { slaClockOffset, slaClockOffsetVar, slaSchedules, slaTime } from './sla-clock.js';

export interface TwinPorts {
  api: number;
  dynamodb: number;
  s3: number;
  cognito: number;
  ses: number;
  smtp: number;
}

export interface TwinOptions {
  /** Where data lives (`.local` for npm start; a temp dir in tests). */
  dir: string;
  fresh?: boolean;
  /** 0 = any free port. */
  ports?: Partial<TwinPorts>;
  /** Browser origins allowed by CORS (the web app). */
  webOrigins?: string[];
  seed?: boolean;
  /** Also seed the demo customers, groups and KYC documents (infra/local/seed-customers.ts); npm start and the customers browser test only. */
  demoData?: boolean;
  scheduler?: boolean;
  ttlIntervalMs?: number;
  /** The SLA clock's reading now (`npm start -- --sla-clock`): SLA time then runs forward from it in real time. */
  slaClock?: Date;
  log?: (line: string) => void;
}

export const defaultPorts: TwinPorts = { api: 3000, dynamodb: 8000, s3: 4569, cognito: 9229, ses: 8005, smtp: 2525 };

const region = 'eu-west-1';
const tableName = 'cloudmanager-local';
const buckets = { attachments: 'cm-attachments', kyc: 'cm-kyc', inbound: 'cm-inbound', exports: 'cm-exports' } as const;

async function pick(port: number | undefined, fallback: number) {
  const p = port ?? fallback;
  return p === 0 ? freePort() : p;
}

/**
 * Starts the whole platform on this machine with real API-compatible servers: dynalite behind the
 * gateway (transactions, change stream, TTL), s3rver, cognito-local, aws-ses-v2-local, the SMTP
 * inbound listener, the API server from the route table and the scheduler from events/.
 */
export async function startTwin(options: TwinOptions) {
  const log = options.log ?? (() => {});
  const dir = resolve(options.dir);
  if (options.fresh) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const ports: TwinPorts = {
    api: await pick(options.ports?.api, defaultPorts.api),
    dynamodb: await pick(options.ports?.dynamodb, defaultPorts.dynamodb),
    s3: await pick(options.ports?.s3, defaultPorts.s3),
    cognito: await pick(options.ports?.cognito, defaultPorts.cognito),
    ses: await pick(options.ports?.ses, defaultPorts.ses),
    smtp: await pick(options.ports?.smtp, defaultPorts.smtp),
  };
  const webOrigins = options.webOrigins ?? ['http://localhost:5173', 'http://127.0.0.1:5173'];
  const closers: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const close of closers.reverse()) await close().catch((err) => log(`[twin] stop: ${(err as Error).message}`));
  };

  try {
    const dynalite = await startDynalite({ path: join(dir, 'dynamo'), port: 0 });
    closers.push(dynalite.close);
    const gateway = await startDynamoGateway({
      port: ports.dynamodb,
      upstream: dynalite.endpoint,
      region,
      tables: { [tableName]: { stream: true, ttlAttribute: tableShape.ttlAttribute } },
      ttlIntervalMs: options.ttlIntervalMs ?? 5_000,
      dlqFile: join(dir, 'stream-dlq.jsonl'),
    });
    closers.push(gateway.close);
    const s3 = await startS3({ directory: join(dir, 's3'), port: ports.s3, buckets: Object.values(buckets), corsOrigins: webOrigins });
    closers.push(s3.close);
    const ses = await startSes(ports.ses);
    closers.push(ses.close);
    const cognito = await startCognito({ directory: join(dir, 'cognito'), port: ports.cognito });
    closers.push(cognito.close);

    const previous = readState(dir);
    const pool = await ensureUserPool(cognitoClient(cognito.endpoint), previous?.cognito);
    const issuer = `${cognito.endpoint}/${pool.userPoolId}`;

    // The handlers read their environment once at import: set it before loading any of them.
    Object.assign(process.env, {
      STAGE: 'local',
      POWERTOOLS_DEV: process.env.POWERTOOLS_DEV ?? 'true',
      // The console is for what goes wrong; `POWERTOOLS_LOG_LEVEL=INFO npm start` shows every handler's logs.
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
      POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'local',
      AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: gateway.endpoint,
      S3_ENDPOINT: s3.endpoint,
      SES_ENDPOINT: ses.endpoint,
      COGNITO_ENDPOINT: cognito.endpoint,
      USER_POOL_ID: pool.userPoolId,
      USER_POOL_CLIENT_ID: pool.clientId,
      MFA_ENCRYPTION_KEY: localMfaEncryptionKey,
      JWT_ISSUER: issuer,
      JWT_CLIENT_IDS: pool.clientId,
      CORS_ORIGINS: webOrigins.join(','),
      ATTACHMENTS_BUCKET: buckets.attachments,
      KYC_BUCKET: buckets.kyc,
      INBOUND_BUCKET: buckets.inbound,
      INBOUND_PREFIX: 'inbound/',
      EXPORTS_BUCKET: buckets.exports,
    });
    let slaOffsetMs = options.slaClock ? slaClockOffset(options.slaClock) : undefined;
    if (slaOffsetMs === undefined) delete process.env[slaClockOffsetVar];
    else process.env[slaClockOffsetVar] = String(slaOffsetMs);

    const { ensureTable, upgradeTable } = await import('./table.js');
    const moved = await upgradeTable(new DynamoDBClient({ endpoint: dynalite.endpoint, region }), tableName);
    if (moved !== undefined) log(`[twin] table ${tableName} upgraded to the current indexes (${moved} items copied)`);
    await ensureTable(new DynamoDBClient({ endpoint: gateway.endpoint, region }), tableName);

    gateway.feed.subscribe((event) => invokeEntry('functions/streams/index.ts', event) as Promise<void>, { batchSize: 100, maxRetries: 3 });
    gateway.feed.subscribe((event) => invokeEntry('functions/streams/notifications.ts', event) as Promise<void>, { name: 'notifications', batchSize: 100, maxRetries: 3 });

    const { apiDomains, fallbackDomain, allRoutes } = await import('../../functions/api/routes.js');
    const { buildOpenApi } = await import('../../shared/http/openapi.js');
    const { openApiInfo } = await import('../../shared/http/openapi-info.js');
    const api = await startApiServer({
      port: ports.api,
      domains: apiDomains,
      fallbackEntry: fallbackDomain.entry,
      corsOrigins: webOrigins,
      openApi: () => buildOpenApi(allRoutes, { ...openApiInfo, servers: [{ url: `http://127.0.0.1:${ports.api}`, description: 'This local twin' }] }),
    });
    closers.push(api.close);

    const s3Client = new S3Client({ endpoint: s3.endpoint, region, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
    const smtp = await startSmtp({
      port: ports.smtp,
      s3: s3Client,
      bucket: buckets.inbound,
      prefix: 'inbound/',
      region,
      deliver: (event) => invokeEntry('functions/mail/inbound.ts', event),
      log,
    });
    closers.push(smtp.close);

    // Under --sla-clock the SLA schedules run as of SLA time (and their log line says so).
    const onSlaClock = (def: ScheduleDefinition, payload: SchedulePayload): SchedulePayload =>
      slaOffsetMs !== undefined && slaSchedules.has(def.name) ? { ...payload, scheduledTime: slaTime(slaOffsetMs, new Date(payload.scheduledTime)).toISOString() } : payload;
    const scheduler = options.scheduler === false ? undefined : startScheduler(schedules, (def, payload) => invokeEntry(def.target, payload), log, onSlaClock);
    if (scheduler) closers.push(async () => scheduler.stop());

    const state: TwinState = {
      region,
      tableName,
      buckets: { ...buckets },
      endpoints: { api: api.endpoint, dynamodb: gateway.endpoint, s3: s3.endpoint, cognito: cognito.endpoint, ses: ses.endpoint, smtp: `smtp://127.0.0.1:${smtp.port}` },
      smtpPort: smtp.port,
      cognito: { ...pool, issuer },
      pid: process.pid,
      ...(slaOffsetMs !== undefined ? { slaClockOffsetMs: slaOffsetMs } : {}),
    };
    writeState(state, dir);
    const seeded = options.seed === false ? undefined : await seedDemo(cognitoClient(cognito.endpoint), pool, dir);
    const customers = seeded && options.demoData ? await (await import('./seed-customers.js')).seedCustomers() : undefined;
    if (customers) await (await import('./seed-sla.js')).seedSla();
    const helpdesk = customers ? await (await import('./seed-helpdesk.js')).seedHelpdesk(customers.atlasId) : undefined;
    if (options.slaClock) {
      // The SLA clock reads the asked instant when the twin is ready, not when it began starting.
      slaOffsetMs = slaClockOffset(options.slaClock);
      process.env[slaClockOffsetVar] = String(slaOffsetMs);
      state.slaClockOffsetMs = slaOffsetMs;
      writeState(state, dir);
    }
    return { state, gateway, seeded, customers, helpdesk, stop, dir };
  } catch (err) {
    await stop();
    throw err;
  }
}

export type Twin = Awaited<ReturnType<typeof startTwin>>;
