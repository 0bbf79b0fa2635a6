/**
 * Per-request cost harness. NOT run directly: bench/lib/handler-cost-runner.ts bundles this file
 * with the Lambda esbuild settings (so the API stack runs as the same minified ESM code as in
 * Lambda, with no tsx loader in the way) and runs it in a fresh `node --expose-gc` whose
 * environment it sets (POWERTOOLS_LOG_LEVEL=SILENT, POWERTOOLS_METRICS_DISABLED=true, JWT_*).
 *
 * Phase 1, DynamoDBDocumentClient mocked with aws-sdk-client-mock (send() never reaches the SDK):
 *   full          the settings Lambda's routes → createApiHandler (Powertools logger/metrics, security
 *                 headers, CORS, error mapper, route, auth with `verify` injected, zod input) →
 *                 route handler → ElectroDB get → JSON response
 *   bare          bench/reference/handler.ts: one GetCommand, JSON out (the REFERENCE)
 *   fullJwt       full, but with the production verifier (aws-jwt-verify, RS256, JWKS cached)
 *   jwtOnly       that verification alone
 *   electrodbOnly getOrganisationSettings() alone (ElectroDB get, no HTTP layer)
 *   pipelineNoDb  full, with the route handler returning the settings without DynamoDB
 * Phase 2, mock removed, the clients' HTTP handler stubbed (the SDK's whole middleware stack runs:
 *   endpoint resolution, marshalling, SigV4 signing, retry, deserialisation of a streamed body):
 *   fullSdk, bareSdk  as full and bare
 */
import { writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { routes as settingsRoutes } from '../functions/api/settings/index.js';
import { verifyAccessToken } from '../shared/auth/verifier.js';
import { dynamo } from '../shared/db/client.js';
import { db } from '../shared/db/service.js';
import { claimsOnlyActor, createApiHandler } from '../shared/http/pipeline.js';
import { getOrganisationSettings, orgId } from '../shared/settings/service.js';
import { apiGatewayV2Event, lambdaContext } from './lib/api-event.js';
import { mean, median, quantile } from './lib/stats.js';
import { handler as bareHandler, client as bareClient, organisationKey } from './reference/handler.js';

export interface HarnessConfig {
  out: string;
  /** Requests per round for the fast variants (full, bare, electrodbOnly, pipelineNoDb). */
  iterations: number;
  rounds: number;
  /** Requests per round for the slow variants (real JWT, real SDK path). */
  slowIterations: number;
  warmup: number;
  /** A real RS256 access token the verifier (JWT_ISSUER/JWT_JWKS_URI from env) accepts. */
  token: string;
  claims: Record<string, string | number | boolean | string[]>;
}

export interface VariantStats {
  /** Microseconds per request. */
  median: number;
  mean: number;
  p99: number;
  samples: number;
  roundMedians: number[];
}

export type VariantName = 'full' | 'bare' | 'fullJwt' | 'jwtOnly' | 'electrodbOnly' | 'pipelineNoDb' | 'fullSdk' | 'bareSdk';

export interface HarnessResult {
  ok: true;
  node: string;
  env: Record<string, string | undefined>;
  iterations: number;
  rounds: number;
  slowIterations: number;
  warmup: number;
  key: Record<string, unknown>;
  variants: Record<VariantName, VariantStats>;
  /** Lines written to stdout/stderr per request, counted over a sample of requests. */
  linesPerRequest: Record<'full' | 'bare' | 'fullJwt', number>;
  sampleLine?: string;
}

type Invoke = (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>;

const config = JSON.parse(process.argv[2] ?? '{}') as HarnessConfig;

const item = {
  ...organisationKey,
  orgId,
  name: 'Atelier Dupont & Fils',
  timezone: 'Europe/Paris',
  currency: 'EUR',
  locale: 'fr-FR',
  version: 7,
  createdAt: '2025-01-06T08:00:00.000Z',
  updatedAt: '2025-03-14T09:26:53.589Z',
  __edb_e__: 'organisation',
  __edb_v__: '1',
};
const expectedBody = {
  name: item.name,
  timezone: item.timezone,
  currency: item.currency,
  locale: item.locale,
  version: item.version,
  updatedAt: item.updatedAt,
};

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`harness sanity check failed: ${message}`);
}

async function expectOrganisation(name: string, invoke: Invoke, event: APIGatewayProxyEventV2) {
  const res = (await invoke(event, lambdaContext(0))) as APIGatewayProxyStructuredResultV2;
  check(res.statusCode === 200, `${name} answered ${res.statusCode}: ${res.body}`);
  check(JSON.stringify(JSON.parse(res.body ?? 'null')) === JSON.stringify(expectedBody), `${name} body ${res.body}`);
}

/** Counts lines the handler writes to stdout/stderr (logs, EMF, warnings) over `n` requests. */
async function linesPerRequest(invoke: Invoke, event: APIGatewayProxyEventV2, n: number) {
  let lines = 0;
  let sample: string | undefined;
  const streams = [process.stdout, process.stderr];
  const originals = streams.map((s) => s.write);
  streams.forEach((s) => {
    s.write = ((chunk: string | Uint8Array) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      lines += text.split('\n').filter(Boolean).length;
      sample ??= text.trim().slice(0, 200);
      return true;
    }) as typeof s.write;
  });
  try {
    for (let i = 0; i < n; i++) await invoke(event, lambdaContext(i));
  } finally {
    streams.forEach((s, i) => (s.write = originals[i]!));
  }
  return { perRequest: lines / n, sample };
}

/**
 * Nanoseconds per call for `n` sequential calls. Outside the timed region: building the context
 * (the runtime does that) and `afterEach` (clearing the mock's call history: sinon records every
 * call, and left to grow that turns into GC pressure unrelated to the code under test).
 */
async function sample(invoke: Invoke, event: APIGatewayProxyEventV2, n: number, afterEach: () => void): Promise<Float64Array> {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const context = lambdaContext(i);
    const t0 = process.hrtime.bigint();
    await invoke(event, context);
    out[i] = Number(process.hrtime.bigint() - t0);
    afterEach();
  }
  return out;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

function stats(runs: Float64Array[]): VariantStats {
  const all = new Float64Array(runs.reduce((n, r) => n + r.length, 0));
  let offset = 0;
  for (const r of runs) {
    all.set(r, offset);
    offset += r.length;
  }
  const toUs = (ns: number) => ns / 1000;
  return {
    median: toUs(median(all)),
    mean: toUs(mean(all)),
    p99: toUs(quantile(all, 0.99)),
    samples: all.length,
    roundMedians: runs.map((r) => toUs(median(r))),
  };
}

interface Variant {
  invoke: Invoke;
  n: number;
  samples: Float64Array[];
}

/** Warm up every variant, then `rounds` rounds running them all, in order on even rounds and reversed on odd ones. */
async function measure(variants: Partial<Record<VariantName, Variant>>, event: APIGatewayProxyEventV2, afterEach: () => void) {
  const names = Object.keys(variants) as VariantName[];
  for (const name of names) await sample(variants[name]!.invoke, event, Math.min(config.warmup, variants[name]!.n * 2), afterEach);
  for (let round = 0; round < config.rounds; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      gc();
      variants[name]!.samples.push(await sample(variants[name]!.invoke, event, variants[name]!.n, afterEach));
    }
  }
}

/** `{ Item }` as DynamoDB's JSON protocol sends it (strings and numbers are all this item has). */
function getItemResponseBody(): Buffer {
  const attr = (v: string | number) => (typeof v === 'number' ? { N: String(v) } : { S: v });
  return Buffer.from(JSON.stringify({ Item: Object.fromEntries(Object.entries(item).map(([k, v]) => [k, attr(v)])) }));
}

/** An HTTP handler answering every request like DynamoDB would, with a fresh streamed body each time. */
function stubHttpHandler() {
  const body = getItemResponseBody();
  return {
    metadata: { handlerProtocol: 'http/1.1' },
    handle: async () => ({
      response: {
        statusCode: 200,
        reason: 'OK',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'content-length': String(body.length),
          'x-amzn-requestid': 'BENCHREQUESTID0000000000000000000000000000000000000',
          date: new Date().toUTCString(),
        },
        body: Readable.from([body]),
      },
    }),
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
    destroy: () => undefined,
  };
}

async function main(): Promise<HarnessResult> {
  // Prepare: the table's answer for ElectroDB's own key (taken from ElectroDB, not typed by hand).
  const params = db.entities.organisation.get({ orgId }).params<{ TableName: string; Key: Record<string, unknown> }>();
  check(JSON.stringify(params.Key) === JSON.stringify(organisationKey), `bare key ${JSON.stringify(organisationKey)} ≠ ElectroDB key ${JSON.stringify(params.Key)}`);
  const ddb = mockClient(DynamoDBDocumentClient);
  ddb.on(GetCommand).callsFake(() => ({ Item: { ...item } }));

  const claims = { sub: config.claims.sub, username: config.claims.username, 'cognito:groups': ['admin'], client_id: config.claims.client_id, token_use: 'access' };
  // The actor from the claims alone: the identity module's per-request read (one BatchGetItem of the
  // user record and the token registration, shared/identity/resolve-actor.ts) is not part of these variants.
  const resolveActor = claimsOnlyActor;
  const full: Invoke = createApiHandler(settingsRoutes, { verify: async () => claims as never, resolveActor });
  const fullJwt: Invoke = createApiHandler(settingsRoutes, { resolveActor });
  const bare: Invoke = bareHandler;
  const jwtOnly: Invoke = () => verifyAccessToken(config.token);
  const electrodbOnly: Invoke = () => getOrganisationSettings();
  const noDbRoutes = settingsRoutes.map((r) => (r.operationId === 'getOrganisationSettings' ? { ...r, handler: async () => ({ ...expectedBody }) } : r));
  const pipelineNoDb: Invoke = createApiHandler(noDbRoutes, { verify: async () => claims as never, resolveActor });

  const event = apiGatewayV2Event({
    method: 'GET',
    path: '/settings/organisation',
    routeKey: 'GET /settings/organisation',
    token: config.token,
    claims: config.claims,
  });

  // Sanity: every variant answers 200 with the organisation, and both send ElectroDB's key.
  await expectOrganisation('full stack', full, event);
  await expectOrganisation('full stack (real JWT)', fullJwt, event);
  await expectOrganisation('bare handler', bare, event);
  await expectOrganisation('full stack without DynamoDB', pipelineNoDb, event);
  await jwtOnly(event, lambdaContext(0));
  check(JSON.stringify(await electrodbOnly(event, lambdaContext(0))) === JSON.stringify(expectedBody), 'ElectroDB get alone');
  const keys = ddb.commandCalls(GetCommand).map((c) => JSON.stringify(c.args[0].input.Key));
  check(keys.length === 4 && keys.every((k) => k === JSON.stringify(params.Key)), `keys sent ${keys.join(', ')}`);

  const fullLines = await linesPerRequest(full, event, 200);
  const bareLines = await linesPerRequest(bare, event, 200);
  const jwtLines = await linesPerRequest(fullJwt, event, 50);

  // Phase 1: mocked client.
  const fast = (invoke: Invoke): Variant => ({ invoke, n: config.iterations, samples: [] });
  const slow = (invoke: Invoke): Variant => ({ invoke, n: config.slowIterations, samples: [] });
  const phase1 = {
    full: fast(full),
    bare: fast(bare),
    electrodbOnly: fast(electrodbOnly),
    pipelineNoDb: fast(pipelineNoDb),
    fullJwt: slow(fullJwt),
    jwtOnly: slow(jwtOnly),
  };
  await measure(phase1, event, () => ddb.resetHistory());

  // Phase 2: the real SDK path down to a stubbed HTTP handler (documentClient shares dynamo's config).
  ddb.restore();
  const handler = stubHttpHandler();
  (dynamo.config as { requestHandler: unknown }).requestHandler = handler;
  (bareClient.config as { requestHandler: unknown }).requestHandler = handler;
  await expectOrganisation('full stack, SDK path', full, event);
  await expectOrganisation('bare handler, SDK path', bare, event);
  const phase2 = { fullSdk: slow(full), bareSdk: slow(bare) };
  await measure(phase2, event, () => undefined);

  const all: Record<VariantName, Variant> = { ...phase1, ...phase2 };
  return {
    ok: true,
    node: process.version,
    env: {
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL,
      POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED,
    },
    iterations: config.iterations,
    rounds: config.rounds,
    slowIterations: config.slowIterations,
    warmup: config.warmup,
    key: params.Key,
    variants: Object.fromEntries(Object.entries(all).map(([n, v]) => [n, stats(v.samples)])) as Record<VariantName, VariantStats>,
    linesPerRequest: { full: fullLines.perRequest, bare: bareLines.perRequest, fullJwt: jwtLines.perRequest },
    ...(fullLines.sample ? { sampleLine: fullLines.sample } : {}),
  };
}

main().then(
  (result) => {
    writeFileSync(config.out, JSON.stringify(result, null, 2));
    process.exit(0);
  },
  (err: Error) => {
    writeFileSync(config.out, JSON.stringify({ ok: false, error: err.stack ?? String(err) }));
    process.exit(1);
  },
);
