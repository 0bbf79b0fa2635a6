import { ConditionalCheckFailedException, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, UpdateCommand, type PutCommandInput, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { lambdaContext } from '../../events/lambda-context.js';
import { heartbeatPayload } from '../../events/schedules.js';
import { scheduledJob } from './job.js';

const ddb = mockClient(DynamoDBDocumentClient);

/** What EventBridge Scheduler sends: the configured input with its placeholders filled in. */
const fire = {
  schedule: 'heartbeat',
  scheduledTime: '2025-03-12T19:05:00Z',
  executionId: 'd32c5kddcf5bb8c3',
  staleAfterMinutes: 15,
};

const runKey = { pk: '$cm#schedule_heartbeat', sk: '$schedulerun_1#scheduledtime_2025-03-12t19:05:00.000z' };

/** The heartbeat Lambda's context: 60 s timeout, 256 MB. */
const heartbeatContext = () => lambdaContext('cloudmanager-test-schedule-heartbeat', { timeoutMs: 60_000, memoryLimitInMB: 256 });

const conditionFailed = () =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: { httpStatusCode: 400 } });

/** A table that, like DynamoDB, refuses a second claim of the same run unless that run failed. */
function tableRefusingDuplicateClaims() {
  const runs = new Map<string, string>();
  ddb.on(PutCommand).callsFake(async (input: PutCommandInput) => {
    expect(input.ConditionExpression).toBe('attribute_not_exists(#schedule) OR #status = :status0');
    expect(input.ExpressionAttributeValues?.[':status0']).toBe('failed');
    const key = `${String(input.Item?.pk)}|${String(input.Item?.sk)}`;
    const status = runs.get(key);
    if (status !== undefined && status !== 'failed') throw conditionFailed();
    runs.set(key, 'running');
    return {};
  });
  ddb.on(UpdateCommand).callsFake(async (input: UpdateCommandInput) => {
    const key = `${String(input.Key?.pk)}|${String(input.Key?.sk)}`;
    const status = Object.values(input.ExpressionAttributeValues ?? {}).find((v) => v === 'succeeded' || v === 'failed');
    if (typeof status === 'string') runs.set(key, status);
    return {};
  });
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2025-03-12T19:05:02.000Z'));
});

afterEach(() => {
  vi.useRealTimers();
  ddb.reset();
});

describe('scheduledJob', () => {
  it('claims the run, does the work once and records success with its detail', async () => {
    // Prepare
    tableRefusingDuplicateClaims();
    const work = vi.fn(async (input: { staleAfterMinutes: number }) => ({ checked: 3, staleAfterMinutes: input.staleAfterMinutes }));
    const handler = scheduledJob(heartbeatPayload, work);

    // Act
    const result = await handler(fire, heartbeatContext());

    // Assess
    expect(result).toEqual({ status: 'succeeded', detail: { checked: 3, staleAfterMinutes: 15 } });
    expect(work).toHaveBeenCalledTimes(1);
    expect(work).toHaveBeenCalledWith(fire);

    const puts = ddb.commandCalls(PutCommand);
    expect(puts).toHaveLength(1);
    expect(puts[0]!.args[0].input.Item).toMatchObject({
      ...runKey,
      schedule: 'heartbeat',
      scheduledTime: '2025-03-12T19:05:00.000Z',
      executionId: 'd32c5kddcf5bb8c3',
      status: 'running',
      startedAt: '2025-03-12T19:05:02.000Z',
      expiresAt: Date.parse('2025-03-12T19:05:02.000Z') / 1000 + 30 * 86_400,
    });

    const updates = ddb.commandCalls(UpdateCommand);
    expect(updates).toHaveLength(1);
    const update = updates[0]!.args[0].input;
    expect(update.Key).toEqual(runKey);
    expect(update.ConditionExpression).toBe('attribute_exists(#pk) AND attribute_exists(#sk)');
    expect(Object.values(update.ExpressionAttributeValues ?? {})).toEqual(
      expect.arrayContaining(['succeeded', '2025-03-12T19:05:02.000Z', { checked: 3, staleAfterMinutes: 15 }]),
    );
  });

  it('skips a second fire for the same scheduled time without calling the work', async () => {
    // Prepare
    tableRefusingDuplicateClaims();
    const work = vi.fn(async () => ({ ok: true }));
    const handler = scheduledJob(heartbeatPayload, work);
    await handler(fire, heartbeatContext());
    ddb.resetHistory();

    // Act
    const second = await handler({ ...fire, executionId: 'e43d6leedg6cc9d4' }, heartbeatContext());

    // Assess
    expect(second).toEqual({ status: 'skipped', reason: 'already_ran' });
    expect(work).toHaveBeenCalledTimes(1);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(1);
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('treats the same instant written with another offset as the same run', async () => {
    // Prepare
    tableRefusingDuplicateClaims();
    const work = vi.fn(async () => ({}));
    const handler = scheduledJob(heartbeatPayload, work);
    await handler(fire, heartbeatContext());

    // Act
    const sameInstant = await handler({ ...fire, scheduledTime: '2025-03-12T20:05:00+01:00' }, heartbeatContext());

    // Assess
    expect(sameInstant).toEqual({ status: 'skipped', reason: 'already_ran' });
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('runs again for the next scheduled time', async () => {
    // Prepare
    tableRefusingDuplicateClaims();
    const work = vi.fn(async () => ({}));
    const handler = scheduledJob(heartbeatPayload, work);
    await handler(fire, heartbeatContext());

    // Act
    const next = await handler({ ...fire, scheduledTime: '2025-03-12T19:10:00Z' }, heartbeatContext());

    // Assess
    expect(next).toEqual({ status: 'succeeded', detail: {} });
    expect(work).toHaveBeenCalledTimes(2);
  });

  it('records a failed run with the error message and rethrows for the scheduler\'s retry and DLQ', async () => {
    // Prepare
    tableRefusingDuplicateClaims();
    const failure = new Error('SLA index query timed out');
    const work = vi.fn(async () => {
      throw failure;
    });
    const handler = scheduledJob(heartbeatPayload, work);

    // Act
    const run = handler(fire, heartbeatContext());

    // Assess
    await expect(run).rejects.toBe(failure);
    const updates = ddb.commandCalls(UpdateCommand);
    expect(updates).toHaveLength(1);
    expect(updates[0]!.args[0].input.Key).toEqual(runKey);
    expect(Object.values(updates[0]!.args[0].input.ExpressionAttributeValues ?? {})).toEqual(
      expect.arrayContaining(['failed', { message: 'SLA index query timed out' }]),
    );
  });

  it('lets the scheduler retry a failed run, and then skips it once it succeeded', async () => {
    // Prepare
    tableRefusingDuplicateClaims();
    const work = vi.fn().mockRejectedValueOnce(new Error('throttled')).mockResolvedValue({ ok: true });
    const handler = scheduledJob(heartbeatPayload, work);

    // Act
    const first = handler(fire, heartbeatContext());
    await expect(first).rejects.toThrow('throttled');
    const retry = await handler(fire, heartbeatContext());
    const again = await handler(fire, heartbeatContext());

    // Assess
    expect(retry).toEqual({ status: 'succeeded', detail: { ok: true } });
    expect(again).toEqual({ status: 'skipped', reason: 'already_ran' });
    expect(work).toHaveBeenCalledTimes(2);
  });

  it('keeps the work\'s own error when recording the failure fails too', async () => {
    // Prepare
    tableRefusingDuplicateClaims();
    ddb.on(UpdateCommand).rejects(new Error('table unavailable'));
    const failure = new Error('work failed');
    const handler = scheduledJob(heartbeatPayload, async () => {
      throw failure;
    });

    // Act
    const run = handler(fire, heartbeatContext());

    // Assess
    await expect(run).rejects.toBe(failure);
  });

  it('rethrows a DynamoDB error on claim (not a condition failure) without running the work', async () => {
    // Prepare
    ddb.on(PutCommand).rejects(
      new ProvisionedThroughputExceededException({ message: 'Rate of requests exceeds the allowed throughput', $metadata: {} }),
    );
    const work = vi.fn(async () => ({}));
    const handler = scheduledJob(heartbeatPayload, work);

    // Act
    const run = handler(fire, heartbeatContext());

    // Assess
    await expect(run).rejects.toThrow();
    expect(work).not.toHaveBeenCalled();
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('rejects a payload that does not match the schedule\'s schema before touching the table', async () => {
    // Prepare
    const work = vi.fn(async () => ({}));
    const handler = scheduledJob(heartbeatPayload, work);

    // Act
    const run = handler({ ...fire, scheduledTime: '<aws.scheduler.scheduled-time>' }, heartbeatContext());

    // Assess
    await expect(run).rejects.toThrow(/scheduledTime/);
    expect(work).not.toHaveBeenCalled();
    expect(ddb.calls()).toHaveLength(0);
  });
});
