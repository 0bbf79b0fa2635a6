/**
 * Per-request probe (NOT an import-time probe, NOT part of `npm run bench`): where does ElectroDB 3.9
 * spend time in `entity.get(key).go()` for one small item, and which documented options or small
 * patterns bring it down while keeping ElectroDB's keys and entity definitions.
 *
 * Run (bundled like the harness, in a fresh node):  npx tsx bench/probes/run-electrodb-get-cost.ts
 * Modes (argv[2] JSON): { mode: 'measure', iterations, rounds, warmup, stub: 'mock' | 'plain' | 'sdk' }
 *                       { mode: 'profile', iterations, variant }  (run under node --cpu-prof)
 *
 * stub = mock   aws-sdk-client-mock on DynamoDBDocumentClient, as the harness's phase 1
 *        plain  a plain async function as the clients' own `send` (no sinon: what the mock itself costs)
 *        sdk    no mock, the clients' HTTP handler stubbed (the SDK's whole middleware stack runs, as phase 2)
 *
 * Every variant returns the same settings object; it is checked against the expected body before timing.
 */
import { Readable } from 'node:stream';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { Entity, EntityIdentifiers, EntityItem } from 'electrodb';
import * as z from 'zod';
import { documentClient, dynamo, tableName } from '../../shared/db/client.js';
import { db } from '../../shared/db/service.js';
import { organisationSettings } from '../../shared/settings/schemas.js';
import { orgId } from '../../shared/settings/service.js';
import { median } from '../lib/stats.js';
import { handler as bareHandler, client as bareClient, organisationKey } from '../reference/handler.js';
import { apiGatewayV2Event, lambdaContext } from '../lib/api-event.js';
import { routes as settingsRoutes } from '../../functions/api/settings/index.js';
import { claimsOnlyActor, createApiHandler } from '../../shared/http/pipeline.js';

interface Config {
  mode: 'measure' | 'profile';
  iterations: number;
  rounds: number;
  warmup: number;
  stub: 'mock' | 'plain' | 'sdk';
  variant?: string;
  only?: string[];
}
const config = { mode: 'measure', iterations: 5000, rounds: 7, warmup: 3000, stub: 'mock', ...JSON.parse(process.argv[2] ?? '{}') } as Config;

const entity = db.entities.organisation;
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
const expected = { name: item.name, timezone: item.timezone, currency: item.currency, locale: item.locale, version: item.version, updatedAt: item.updatedAt };
type Settings = typeof expected;

const toSettings = ({ name, timezone, currency, locale, version, updatedAt }: Settings): Settings => ({ name, timezone, currency, locale, version, updatedAt });
const settingsAttributes = ['name', 'timezone', 'currency', 'locale', 'version', 'updatedAt'] as const;

/** The stored item as a zod schema (what a hand-rolled read path would check instead of ElectroDB's formatting). */
const storedItem = z.object({
  __edb_e__: z.literal('organisation'),
  __edb_v__: z.literal('1'),
  name: z.string(),
  timezone: z.string(),
  currency: z.string(),
  locale: z.string(),
  version: z.number(),
  updatedAt: z.string(),
});

// ElectroDB builds the GetItem params once per key shape; the key is the same for every request here.
const cachedParams = entity.get({ orgId }).params<{ TableName: string; Key: Record<string, unknown> }>();
const claims = { sub: 'u-1', username: 'admin@example.com', 'cognito:groups': ['admin'], client_id: 'c', token_use: 'access' };
const event = apiGatewayV2Event({ method: 'GET', path: '/settings/organisation', routeKey: 'GET /settings/organisation', token: 'x', claims });

/** The settings Lambda's full stack (verify injected, as the harness's `full`), its GET route's handler swapped for `read`. */
function fullStack(read?: () => Promise<Settings>) {
  const routes = read ? settingsRoutes.map((r) => (r.operationId === 'getOrganisationSettings' ? { ...r, handler: read } : r)) : settingsRoutes;
  const h = createApiHandler(routes, { verify: async () => claims as never, resolveActor: claimsOnlyActor });
  let i = 0;
  return () => h(event, lambdaContext(i++));
}
const readCached = async () => {
  const { Item } = await documentClient.send(new GetCommand(cachedParams));
  const data = Item ? entity.parse({ Item }, { ignoreOwnership: false })?.data : null;
  if (!data) throw new Error('not found');
  return toSettings(data);
};

/**
 * The recommendation candidate for shared/db: ElectroDB builds the GetItem params (same keys, same
 * entity definitions) once per key and remembers them; the DocumentClient sends them; ElectroDB
 * formats the item and checks ownership. Errors are the SDK's own (as with `originalErr: true`).
 */
type AnyEntity = Entity<any, any, any, any>;
type GetParams = { TableName: string; Key: Record<string, unknown> };
function cachedGetter<E extends AnyEntity>(entity: E, { maxKeys = 1000 } = {}) {
  const cache = new Map<string, GetParams>();
  return async (key: EntityIdentifiers<E>): Promise<EntityItem<E> | null> => {
    const id = JSON.stringify(key);
    let params = cache.get(id);
    if (!params) {
      if (cache.size >= maxKeys) cache.clear();
      params = Object.freeze(entity.get(key).params<GetParams>());
      cache.set(id, params);
    }
    const { Item } = await documentClient.send(new GetCommand(params));
    return (entity.parse({ Item }, { ignoreOwnership: false })?.data ?? null) as EntityItem<E> | null;
  };
}
const getOrganisation = cachedGetter(entity);
const reusedChain = entity.get({ orgId });

type Run = () => Promise<unknown>;
const variants: Record<string, Run> = {
  // References.
  'bare handler (harness reference)': () => bareHandler(event),
  'bare GetCommand + pick': async () => {
    const { Item } = await bareClient.send(new GetCommand({ TableName: tableName, Key: organisationKey }));
    return toSettings(Item as Settings);
  },
  // The full stack (as the harness's `full`), with the route's read done four ways.
  'FULL: service today (go() default)': fullStack(),
  'FULL: go({ originalErr })': fullStack(async () => toSettings((await entity.get({ orgId }).go({ originalErr: true })).data!)),
  'FULL: cached params + send + entity.parse': fullStack(readCached),
  'FULL: hand-typed GetCommand, no ElectroDB (floor)': fullStack(async () => {
    const { Item } = await documentClient.send(new GetCommand({ TableName: tableName, Key: organisationKey }));
    return toSettings(Item as Settings);
  }),
  'FULL: no DynamoDB (pipelineNoDb)': fullStack(async () => ({ ...expected })),
  // ElectroDB .go() with options.
  'edb go() default (service today)': async () => toSettings((await entity.get({ orgId }).go()).data!),
  'edb go({ originalErr })': async () => toSettings((await entity.get({ orgId }).go({ originalErr: true })).data!),
  'edb go({ ignoreOwnership })': async () => toSettings((await entity.get({ orgId }).go({ ignoreOwnership: true })).data!),
  'edb go({ attributes })': async () => toSettings((await entity.get({ orgId }).go({ attributes: [...settingsAttributes] })).data!),
  'edb go({ hydrate })': async () => toSettings((await entity.get({ orgId }).go({ hydrate: true })).data!),
  'edb go({ data: raw })': async () => {
    const { data } = await entity.get({ orgId }).go({ data: 'raw' });
    return toSettings((data as unknown as { Item: Settings }).Item);
  },
  'edb go({ originalErr, ignoreOwnership })': async () => toSettings((await entity.get({ orgId }).go({ originalErr: true, ignoreOwnership: true })).data!),
  'edb go({ originalErr, data: raw })': async () => {
    const { data } = await entity.get({ orgId }).go({ originalErr: true, data: 'raw' });
    return toSettings((data as unknown as { Item: Settings }).Item);
  },
  // Pieces.
  'edb get(key) chain only': async () => (entity.get({ orgId }), expected),
  'edb get(key).params() only': async () => (entity.get({ orgId }).params(), expected),
  'new ElectroError-like Error() only': async () => (new Error('x'), expected),
  // Patterns: ElectroDB builds the params (per call or once per key shape), the DocumentClient sends them.
  'params() per call + send + zod(item)': async () => {
    const { Item } = await documentClient.send(new GetCommand(entity.get({ orgId }).params()));
    return toSettings(storedItem.parse(Item));
  },
  'params() per call + send + entity.parse': async () => {
    const { Item } = await documentClient.send(new GetCommand(entity.get({ orgId }).params()));
    return toSettings(entity.parse({ Item: Item! }, { ignoreOwnership: false })!.data!);
  },
  'cached params + send + entity.parse (ownership)': async () => {
    const { Item } = await documentClient.send(new GetCommand(cachedParams));
    return toSettings(entity.parse({ Item: Item! }, { ignoreOwnership: false })!.data!);
  },
  'cached params + send + entity.parse (default, no ownership)': async () => {
    const { Item } = await documentClient.send(new GetCommand(cachedParams));
    return toSettings(entity.parse({ Item: Item! })!.data!);
  },
  'cached params + send + zod(item)': async () => {
    const { Item } = await documentClient.send(new GetCommand(cachedParams));
    return toSettings(storedItem.parse(Item));
  },
  'cached params + send + zod(API schema, refinements)': async () => {
    const { Item } = await documentClient.send(new GetCommand(cachedParams));
    return organisationSettings.parse(toSettings(Item as Settings));
  },
  'cachedGetter(entity)(key) (Map per key + send + entity.parse)': async () => toSettings((await getOrganisation({ orgId }))!),
  'reused chain .go({ originalErr }) (NOT safe: shared state)': async () => toSettings((await reusedChain.go({ originalErr: true })).data!),
  'cached params + send + ownership check + pick': async () => {
    const { Item } = await documentClient.send(new GetCommand(cachedParams));
    if (Item?.__edb_e__ !== 'organisation' || Item.__edb_v__ !== '1') throw new Error('not found');
    return toSettings(Item as Settings);
  },
};

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`probe sanity check failed: ${message}`);
}

/** `{ Item }` as DynamoDB's JSON protocol sends it. */
function stubHttpHandler() {
  const attr = (v: string | number) => (typeof v === 'number' ? { N: String(v) } : { S: v });
  const body = Buffer.from(JSON.stringify({ Item: Object.fromEntries(Object.entries(item).map(([k, v]) => [k, attr(v)])) }));
  return {
    metadata: { handlerProtocol: 'http/1.1' },
    handle: async () => ({
      response: {
        statusCode: 200,
        reason: 'OK',
        headers: { 'content-type': 'application/x-amz-json-1.0', 'content-length': String(body.length), 'x-amzn-requestid': 'PROBE', date: new Date().toUTCString() },
        body: Readable.from([body]),
      },
    }),
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
    destroy: () => undefined,
  };
}

let afterEach: () => void = () => undefined;
function installStub() {
  if (config.stub === 'mock') {
    const ddb = mockClient(DynamoDBDocumentClient);
    ddb.on(GetCommand).callsFake(() => ({ Item: { ...item } }));
    afterEach = () => ddb.resetHistory();
  } else if (config.stub === 'plain') {
    // An own property shadows DynamoDBDocumentClient.prototype.send on both clients; ElectroDB calls documentClient.send.
    const send = async (command: unknown) => {
      check(command instanceof GetCommand, 'GetCommand expected');
      return { Item: { ...item } };
    };
    (documentClient as unknown as { send: unknown }).send = send;
    (bareClient as unknown as { send: unknown }).send = send;
  } else {
    const handler = stubHttpHandler();
    (dynamo.config as { requestHandler: unknown }).requestHandler = handler;
    (bareClient.config as { requestHandler: unknown }).requestHandler = handler;
  }
}

async function sample(run: Run, n: number): Promise<Float64Array> {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    await run();
    out[i] = Number(process.hrtime.bigint() - t0);
    afterEach();
  }
  return out;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

async function main() {
  installStub();
  check(JSON.stringify(cachedParams.Key) === JSON.stringify(organisationKey), 'ElectroDB key = reference key');
  for (const [name, run] of Object.entries(variants)) {
    const res = await run();
    const body = typeof res === 'object' && res && 'body' in res ? JSON.parse(String((res as { body: string }).body)) : res;
    check(JSON.stringify(body) === JSON.stringify(expected), `${name} returned ${JSON.stringify(body)}`);
  }

  if (config.mode === 'profile') {
    const run = variants[config.variant ?? 'edb go() default (service today)'];
    check(run, `unknown variant ${config.variant}`);
    for (let i = 0; i < config.iterations; i++) {
      await run();
      afterEach();
    }
    return;
  }

  const names = Object.keys(variants).filter((n) => !config.only || config.only.includes(n) || n.startsWith('bare'));
  for (const name of names) await sample(variants[name]!, config.warmup);
  const rounds: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < config.rounds; r++) {
    // Rotate the order each round so drifting load hits every variant alike.
    const order = names.map((_, i) => names[(i + r * 3) % names.length]!);
    if (r % 2) order.reverse();
    for (const name of order) {
      gc();
      rounds[name]!.push(median(await sample(variants[name]!, config.iterations)) / 1000);
    }
  }
  check(JSON.stringify(cachedParams) === JSON.stringify(entity.get({ orgId }).params()), 'cached params left untouched by the SDK');
  // Ratio per round against the bare GetCommand of the same round, then the median of those ratios.
  const result = names.map((name) => {
    const us = rounds[name]!;
    const vsGet = us.map((v, i) => v / rounds['bare GetCommand + pick']![i]!);
    const vsHandler = us.map((v, i) => v / rounds['bare handler (harness reference)']![i]!);
    return { name, us: median(us), vsGet: median(vsGet), vsHandler: median(vsHandler), rounds: us.map((v) => +v.toFixed(2)) };
  });
  process.stdout.write(JSON.stringify({ stub: config.stub, node: process.version, iterations: config.iterations, rounds: config.rounds, result }) + '\n');
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    process.stderr.write(`${err.stack ?? err}\n`);
    process.exit(1);
  },
);
