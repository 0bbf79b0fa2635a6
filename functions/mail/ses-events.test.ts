import { readFileSync } from 'node:fs';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lambdaContext } from '../../events/lambda-context.js';
import { handler } from './ses-events.js';

const ddb = mockClient(DynamoDBDocumentClient);
afterEach(() => ddb.reset());
// No user has these addresses: no contact to flag (the flagging itself is tested against the twin).
beforeEach(() => ddb.on(QueryCommand).resolves({ Items: [] }));

const sample = (name: string) => JSON.parse(readFileSync(new URL(`../../events/samples/${name}`, import.meta.url), 'utf8')) as Record<string, any>;
const invoke = (event: unknown) => handler(event, lambdaContext('mail-ses-events'));
const puts = () => ddb.commandCalls(PutCommand).map((c) => c.args[0].input);

describe('SES events', () => {
  it('suppresses a permanently bounced address (lower-cased) with the diagnostic', async () => {
    ddb.on(PutCommand).resolves({});
    const result = await invoke(sample('ses-bounce-event.json'));
    expect(result).toEqual({ eventType: 'Bounce', suppressed: ['gone.away@example.net'] });
    expect(puts()).toHaveLength(1);
    expect(puts()[0]).toMatchObject({
      ConditionExpression: expect.stringContaining('attribute_not_exists'),
      Item: expect.objectContaining({ email: 'gone.away@example.net', reason: 'bounce', detail: '5.1.1 smtp; 550 5.1.1 user unknown', sourceId: expect.stringMatching(/-000000$/) }),
    });
  });

  it('suppresses a complaining address', async () => {
    ddb.on(PutCommand).resolves({});
    expect(await invoke(sample('ses-complaint-event.json'))).toEqual({ eventType: 'Complaint', suppressed: ['annoyed@example.org'] });
    expect(puts()[0]?.Item).toMatchObject({ email: 'annoyed@example.org', reason: 'complaint', detail: 'abuse' });
  });

  it('only logs transient bounces and ignores deliveries', async () => {
    const transient = sample('ses-bounce-event.json');
    transient.detail.bounce.bounceType = 'Transient';
    expect(await invoke(transient)).toEqual({ eventType: 'Bounce', suppressed: [] });
    const delivery = sample('ses-bounce-event.json');
    delivery['detail-type'] = 'Email Delivered';
    delivery.detail = { eventType: 'Delivery', mail: delivery.detail.mail, delivery: { recipients: ['x@example.net'] } };
    expect(await invoke(delivery)).toEqual({ eventType: 'Delivery', suppressed: [] });
    expect(puts()).toHaveLength(0);
  });

  it('is idempotent: an address already suppressed keeps its entry', async () => {
    ddb.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'exists', $metadata: {} }));
    expect(await invoke(sample('ses-bounce-event.json'))).toEqual({ eventType: 'Bounce', suppressed: ['gone.away@example.net'] });
  });

  it('refuses a malformed event (no recipients) so it is retried/dead-lettered', async () => {
    const bad = sample('ses-bounce-event.json');
    bad.detail.bounce.bouncedRecipients = [];
    await expect(invoke(bad)).rejects.toThrow();
    await expect(invoke({ source: 'aws.s3', 'detail-type': 'x', detail: {} })).rejects.toThrow();
    expect(puts()).toHaveLength(0);
  });
});
