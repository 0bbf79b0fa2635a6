import { readFileSync } from 'node:fs';
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { routes as accountRoutes } from '../functions/api/account/index.js';
import { allRoutes } from '../functions/api/routes.js';
import { routes as settingsRoutes } from '../functions/api/settings/index.js';
import { handler as systemHandler } from '../functions/api/system/index.js';
import { handler as heartbeatHandler } from '../functions/schedules/heartbeat.js';
import type { AccessClaims } from '../shared/auth/actor.js';
import { defaultRolePermissions } from '../shared/auth/permissions.js';
import { Organisation } from '../shared/db/entities/organisation.js';
import { claimsOnlyActor, createApiHandler } from '../shared/http/pipeline.js';
import { routeKey } from '../shared/http/route.js';
import { sesInboundEvent } from '../shared/mail/ses-event.js';
import { organisationSettings } from '../shared/settings/schemas.js';
import { toChange } from '../shared/streams/changes.js';
import { lambdaContext } from './lambda-context.js';
import { scheduleEnvelope } from './schedule-payload.js';
import { heartbeatPayload, scheduleByName } from './schedules.js';

const ddb = mockClient(DynamoDBDocumentClient);

afterEach(() => {
  ddb.reset();
  vi.useRealTimers();
});

function readJson(url: URL): unknown {
  return JSON.parse(readFileSync(url, 'utf8'));
}

const sample = (name: string) => readJson(new URL(`./samples/${name}`, import.meta.url));
/** The shared corpus, read in place: `../shared/corpus/` from the repo root. */
const corpus = (name: string) => readJson(new URL(`../../shared/corpus/ses/${name}`, import.meta.url));

// ---------------------------------------------------------------------------------------------
// EventBridge Scheduler
// ---------------------------------------------------------------------------------------------
describe('scheduler-heartbeat.json', () => {
  it('is exactly the configured input: the envelope plus the schedule\'s parameters', () => {
    // Prepare
    const payload = sample('scheduler-heartbeat.json');
    const definition = scheduleByName('heartbeat');

    // Act
    const parsed = definition!.payload.strict().safeParse(payload);

    // Assess
    expect(parsed.success).toBe(true);
    expect(Object.keys(payload as object).sort()).toEqual(['executionId', 'schedule', 'scheduledTime', 'staleAfterMinutes']);
    const { schedule, scheduledTime, executionId, ...parameters } = heartbeatPayload.parse(payload);
    expect(schedule).toBe(definition!.name);
    expect(parameters).toEqual(definition!.parameters);
    expect(scheduleEnvelope.parse({ schedule, scheduledTime, executionId })).toEqual({ schedule, scheduledTime, executionId });
    // EventBridge Scheduler fills <aws.scheduler.scheduled-time> as second-precision UTC.
    expect(scheduledTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it('runs through the heartbeat Lambda and records the run', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-03-12T19:05:01.250Z'));
    ddb.on(PutCommand).resolves({});
    ddb.on(UpdateCommand).resolves({});

    // Act
    const result = await heartbeatHandler(sample('scheduler-heartbeat.json'), lambdaContext('cloudmanager-test-schedule-heartbeat'));

    // Assess
    expect(result).toEqual({ status: 'succeeded', detail: { lagMs: 1250, staleAfterMinutes: 15 } });
    expect(ddb.commandCalls(PutCommand)[0]!.args[0].input.Item).toMatchObject({
      schedule: 'heartbeat',
      scheduledTime: '2025-03-12T19:05:00.000Z',
      executionId: 'd32c5kddcf5bb8c3',
    });
  });
});

// ---------------------------------------------------------------------------------------------
// API Gateway HTTP API, payload format 2.0
// ---------------------------------------------------------------------------------------------
const httpMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'] as const;

/** The v2 payload as API Gateway sends it; strict, so v1 fields (httpMethod, resource, ...) cannot sneak in. */
const apiGatewayV2Event = z
  .object({
    version: z.literal('2.0'),
    routeKey: z.string(),
    rawPath: z.string().startsWith('/'),
    rawQueryString: z.string(),
    cookies: z.array(z.string()).optional(),
    headers: z.record(z.string().regex(/^[a-z0-9-]+$/, 'header names arrive lower-case'), z.string()),
    queryStringParameters: z.record(z.string(), z.string()).optional(),
    pathParameters: z.record(z.string(), z.string()).optional(),
    stageVariables: z.record(z.string(), z.string()).optional(),
    requestContext: z
      .object({
        accountId: z.string().regex(/^\d{12}$/),
        apiId: z.string().regex(/^[a-z0-9]{10}$/),
        authorizer: z
          .object({ jwt: z.object({ claims: z.record(z.string(), z.string()), scopes: z.array(z.string()).nullable() }) })
          .optional(),
        domainName: z.string(),
        domainPrefix: z.string(),
        http: z.object({
          method: z.enum(httpMethods),
          path: z.string(),
          protocol: z.string().regex(/^HTTP\/\d(\.\d)?$/),
          sourceIp: z.ipv4(),
          userAgent: z.string(),
        }),
        requestId: z.string().min(1),
        routeKey: z.string(),
        stage: z.string(),
        time: z.string().regex(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/),
        timeEpoch: z.int().positive(),
      })
      .strict(),
    body: z.string().optional(),
    isBase64Encoded: z.boolean(),
  })
  .strict();

function secondsOfApiGatewayTime(time: string): number {
  const m = /^(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) \+0000$/.exec(time)!;
  return Date.parse(`${m[2]} ${m[1]} ${m[3]} ${m[4]}:${m[5]}:${m[6]} UTC`) / 1000;
}

const apiSamples = ['api-get-health.json', 'api-get-me.json', 'api-put-settings-invalid.json'];
const knownRouteKeys = new Set(allRoutes.map(routeKey));

describe.each(apiSamples)('%s', (file) => {
  it('has the v2 field set, internally consistent, for a route of the route table', () => {
    // Act
    const event = apiGatewayV2Event.parse(sample(file));

    // Assess
    const { requestContext: rc, headers } = event;
    expect(knownRouteKeys.has(event.routeKey)).toBe(true);
    expect(rc.routeKey).toBe(event.routeKey);
    expect(event.routeKey.split(' ')[0]).toBe(rc.http.method);
    expect(rc.http.path).toBe(event.rawPath);
    expect(headers.host).toBe(rc.domainName);
    expect(rc.domainName.startsWith(`${rc.domainPrefix}.execute-api.`)).toBe(true);
    expect(rc.domainPrefix).toBe(rc.apiId);
    expect(headers['user-agent']).toBe(rc.http.userAgent);
    expect(headers['x-forwarded-for']?.split(',')[0]).toBe(rc.http.sourceIp);
    expect(Math.floor(rc.timeEpoch / 1000)).toBe(secondsOfApiGatewayTime(rc.time));
    if (event.body !== undefined) {
      expect(headers['content-length']).toBe(String(Buffer.byteLength(event.body, event.isBase64Encoded ? 'base64' : 'utf8')));
    } else {
      expect(headers['content-length']).toBeUndefined();
    }
  });
});

describe('API samples through the real handlers', () => {
  it('api-get-health.json answers 200 from the system Lambda', async () => {
    // Prepare
    const event = apiGatewayV2Event.parse(sample('api-get-health.json'));

    // Act
    const response = await systemHandler(event, lambdaContext('cloudmanager-test-api-system'));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(z.object({ status: z.literal('ok') }).safeParse(JSON.parse(response.body ?? '')).success).toBe(true);
    expect(response.headers?.['x-request-id']).toBe(event.requestContext.requestId);
  });

  it('api-get-me.json carries a placeholder bearer token and the matching authorizer claims', async () => {
    // Prepare
    const event = apiGatewayV2Event.parse(sample('api-get-me.json'));
    const token = /^Bearer (\S+)$/.exec(event.headers.authorization ?? '')?.[1];
    const gatewayClaims = event.requestContext.authorizer!.jwt.claims;
    const groups = (gatewayClaims['cognito:groups'] ?? '').replace(/^\[|\]$/g, '').split(' ').filter(Boolean);
    const verified: AccessClaims = { sub: gatewayClaims.sub!, username: gatewayClaims.username!, 'cognito:groups': groups, client_id: gatewayClaims.client_id! };
    const handler = createApiHandler(accountRoutes, { verify: async (t) => (t === token ? verified : Promise.reject(new Error('unexpected token'))), resolveActor: claimsOnlyActor });

    // Act
    const response = await handler(event, lambdaContext('cloudmanager-test-api-account'));

    // Assess
    expect(token).toMatch(/^REPLACE_WITH_/);
    expect(gatewayClaims.token_use).toBe('access');
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body ?? '')).toMatchObject({
      userId: gatewayClaims.sub,
      username: gatewayClaims.username,
      role: 'agent',
      permissions: [...defaultRolePermissions.agent].sort(),
    });
  });

  it('api-put-settings-invalid.json is refused with field paths and writes nothing', async () => {
    // Prepare
    const event = apiGatewayV2Event.parse(sample('api-put-settings-invalid.json'));
    const admin: AccessClaims = { sub: '0a8c1f1e-5c2b-4d8e-9a6f-2b7d3e4f5a60', 'cognito:groups': ['admin'] };
    const handler = createApiHandler(settingsRoutes, { verify: async () => admin, resolveActor: claimsOnlyActor });

    // Act
    const response = await handler(event, lambdaContext('cloudmanager-test-api-settings'));

    // Assess
    expect(response.statusCode).toBe(400);
    const { error } = z
      .object({ error: z.object({ code: z.string(), details: z.array(z.object({ path: z.string() })) }) })
      .parse(JSON.parse(response.body ?? ''));
    expect(error.code).toBe('validation_failed');
    expect(error.details.map((d) => d.path).sort()).toEqual(['body.currency', 'body.locale', 'body.name', 'body.timezone', 'body.version']);
    expect(ddb.calls()).toHaveLength(0);
  });
});

// ---------------------------------------------------------------------------------------------
// DynamoDB Streams
// ---------------------------------------------------------------------------------------------
const attributeValue: z.ZodType<Record<string, unknown>> = z.lazy(() =>
  z.union([
    z.object({ S: z.string() }).strict(),
    z.object({ N: z.string().regex(/^-?\d+(\.\d+)?$/) }).strict(),
    z.object({ BOOL: z.boolean() }).strict(),
    z.object({ NULL: z.literal(true) }).strict(),
    z.object({ L: z.array(attributeValue) }).strict(),
    z.object({ M: z.record(z.string(), attributeValue) }).strict(),
    z.object({ SS: z.array(z.string()) }).strict(),
  ]),
);
const image = z.record(z.string(), attributeValue);

const streamEvent = z
  .object({
    Records: z
      .array(
        z
          .object({
            eventID: z.string().regex(/^[0-9a-f]{32}$/),
            eventName: z.enum(['INSERT', 'MODIFY', 'REMOVE']),
            eventVersion: z.literal('1.1'),
            eventSource: z.literal('aws:dynamodb'),
            awsRegion: z.string(),
            dynamodb: z
              .object({
                ApproximateCreationDateTime: z.int().positive(),
                Keys: image,
                NewImage: image.optional(),
                OldImage: image.optional(),
                SequenceNumber: z.string().regex(/^\d+$/),
                SizeBytes: z.int().positive(),
                StreamViewType: z.enum(['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES']),
              })
              .strict(),
            eventSourceARN: z.string().regex(/^arn:aws:dynamodb:[a-z0-9-]+:\d{12}:table\/[\w.-]+\/stream\/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

describe('dynamodb-stream-insert.json', () => {
  it('is a DynamoDB Streams Lambda event with NEW_AND_OLD_IMAGES, as the table is configured', () => {
    // Act
    const event = streamEvent.parse(sample('dynamodb-stream-insert.json'));

    // Assess
    const record = event.Records[0]!;
    expect(record.eventName).toBe('INSERT');
    expect(record.dynamodb.StreamViewType).toBe('NEW_AND_OLD_IMAGES');
    expect(record.dynamodb.NewImage).toBeDefined();
    expect(record.dynamodb.OldImage).toBeUndefined();
    expect(record.eventSourceARN.split(':')[3]).toBe(record.awsRegion);
  });

  it('holds an ElectroDB organisation item whose keys are the ones ElectroDB builds', () => {
    // Prepare
    const record = streamEvent.parse(sample('dynamodb-stream-insert.json')).Records[0]!;
    // The zod schema above checked the attribute-value shapes; the SDK's union type is wider.
    const newImage = unmarshall(record.dynamodb.NewImage as unknown as Record<string, AttributeValue>);
    const keys = unmarshall(record.dynamodb.Keys as unknown as Record<string, AttributeValue>);

    // Act
    const { data } = Organisation.parse({ Item: newImage });
    const expectedKey = Organisation.get({ orgId: 'main' }).params({ table: 'cloudmanager-test' }).Key;

    // Assess
    expect(data).not.toBeNull();
    expect(data?.orgId).toBe('main');
    expect(keys).toEqual(expectedKey);
    expect({ pk: newImage.pk, sk: newImage.sk }).toEqual(expectedKey);
    expect(newImage.__edb_e__).toBe('organisation');
    expect(organisationSettings.safeParse(data).success).toBe(true);
  });

  it('is read by the stream consumer as an organisation insert', () => {
    // Prepare
    const record = streamEvent.parse(sample('dynamodb-stream-insert.json')).Records[0]!;

    // Act
    const change = toChange(record as Parameters<typeof toChange>[0]);

    // Assess
    expect(change).toMatchObject({ kind: 'insert', entity: 'organisation', sequence: record.dynamodb.SequenceNumber, expired: false });
    expect(change.oldImage).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
// SES receipt rule, Lambda action
// ---------------------------------------------------------------------------------------------
const objectKeys = (value: unknown) => Object.keys(z.record(z.string(), z.unknown()).parse(value)).sort();
const sesRecord = z.object({
  ses: z.object({ mail: z.record(z.string(), z.unknown()), receipt: z.record(z.string(), z.unknown()) }),
});
const firstRecord = (event: unknown) => sesRecord.parse(z.object({ Records: z.array(z.unknown()).min(1) }).parse(event).Records[0]);

const corpusFiles = ['lambda-action-event.json', 'ses-lambda-event.json', 'ses-s3-event.json'];

function jsonType(value: unknown): string {
  return Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
}

describe('ses-inbound.json', () => {
  const event = sample('ses-inbound.json');
  const record = firstRecord(event);
  const references = corpusFiles.map((file) => ({ file, event: corpus(file), record: firstRecord(corpus(file)) }));

  it('has the record keys of the SES developer guide\'s Lambda action event', () => {
    // Prepare
    const guide = references.find((r) => r.file === 'lambda-action-event.json')!;

    // Act
    const sampleKeys = objectKeys(z.object({ Records: z.array(z.unknown()) }).parse(event).Records[0]);
    const guideKeys = objectKeys(z.object({ Records: z.array(z.unknown()) }).parse(guide.event).Records[0]);

    // Assess
    expect(sampleKeys).toEqual(guideKeys);
  });

  it.each(corpusFiles)('has the same Records[0].ses.mail keys as corpus %s', (file) => {
    // Prepare
    const reference = references.find((r) => r.file === file)!;

    // Act
    const keys = objectKeys(record.ses.mail);

    // Assess
    expect(keys).toEqual(objectKeys(reference.record.ses.mail));
  });

  it('has every receipt key the corpus always carries, and none it never carries', () => {
    // Prepare
    const corpusKeySets = references.map((r) => objectKeys(r.record.ses.receipt));
    const always = corpusKeySets.reduce((acc, keys) => acc.filter((k) => keys.includes(k)));
    const ever = new Set(corpusKeySets.flat());

    // Act
    const keys = objectKeys(record.ses.receipt);

    // Assess
    expect(keys).toEqual(expect.arrayContaining(always));
    expect(keys.filter((k) => !ever.has(k))).toEqual([]);
  });

  it('gives each mail and receipt field the JSON type the guide\'s event gives it', () => {
    // Prepare
    const guide = references.find((r) => r.file === 'lambda-action-event.json')!.record;

    // Act
    const mismatches = (['mail', 'receipt'] as const).flatMap((part) =>
      Object.entries(record.ses[part])
        .filter(([key]) => key in guide.ses[part])
        .filter(([key, value]) => jsonType(value) !== jsonType(guide.ses[part][key]))
        .map(([key]) => `${part}.${key}`),
    );

    // Assess
    expect(mismatches).toEqual([]);
  });

  it('has a Lambda action and common headers shaped like the corpus Lambda actions', () => {
    // Prepare
    const lambdaActions = references
      .map((r) => z.object({ type: z.string() }).passthrough().parse(r.record.ses.receipt.action))
      .filter((a) => a.type === 'Lambda');
    const commonHeaderKeys = new Set(references.flatMap((r) => objectKeys(r.record.ses.mail.commonHeaders)));

    // Act
    const action = record.ses.receipt.action;
    const commonHeaders = objectKeys(record.ses.mail.commonHeaders);

    // Assess
    expect(lambdaActions.length).toBeGreaterThan(0);
    for (const reference of lambdaActions) expect(objectKeys(action)).toEqual(objectKeys(reference));
    expect(z.object({ type: z.literal('Lambda'), invocationType: z.literal('Event') }).passthrough().safeParse(action).success).toBe(true);
    expect(commonHeaders.filter((k) => !commonHeaderKeys.has(k))).toEqual([]);
  });

  it('is consistent with itself and with the schema the inbound mail Lambda reads', () => {
    // Act
    const parsed = sesInboundEvent.parse(event);

    // Assess
    const { mail, receipt } = parsed.Records[0]!.ses;
    expect(receipt.recipients.every((r) => mail.destination.includes(r))).toBe(true);
    const headers = z.array(z.object({ name: z.string(), value: z.string() }).strict()).parse(record.ses.mail.headers);
    expect(headers.find((h) => h.name === 'Message-ID')?.value).toBe(mail.commonHeaders?.messageId);
    expect(headers.find((h) => h.name === 'Received')?.value).toContain(mail.messageId);
    for (const verdict of ['spamVerdict', 'virusVerdict', 'spfVerdict', 'dkimVerdict', 'dmarcVerdict'] as const) {
      expect(receipt[verdict]?.status).toMatch(/^(PASS|FAIL|GRAY|PROCESSING_FAILED|DISABLED)$/);
    }
  });
});
