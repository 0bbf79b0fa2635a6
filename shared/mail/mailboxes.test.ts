import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DeleteCommand, DynamoDBDocumentClient, PutCommand, UpdateCommand, type BatchGetCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actorFromClaims } from '../auth/actor.js';
import { MailSettings } from '../db/entities/mail-settings.js';
import { SupportGroup } from '../db/entities/support-group.js';
import { TicketCategory } from '../db/entities/ticket-category.js';
import { answerReads } from '../db/fake-table.js';
import type { AppError } from '../errors.js';
import { updateMailSettings } from './admin-schemas.js';
import { readMailSettings, saveMailSettings } from './mailboxes.js';

const ddb = mockClient(DynamoDBDocumentClient);
let items: Record<string, unknown>[] = [];
const admin = actorFromClaims({ sub: 'admin-1', username: 'amina', 'cognito:groups': ['admin'] });
const writes = () => ddb.calls().filter((c) => [PutCommand, UpdateCommand, DeleteCommand].some((C) => c.args[0] instanceof C));
const conditionFailed = () => new ConditionalCheckFailedException({ message: 'failed', $metadata: {} });

const item = (params: { params: <T>() => T }) => params.params<{ Item: Record<string, unknown> }>().Item;

beforeEach(() => {
  items = [
    item(SupportGroup.create({ groupId: 'grp-support', name: 'Support' })),
    item(TicketCategory.create({ categoryId: 'cat-general', parentKey: 'root', name: 'General', nameLower: 'general' })),
    item(TicketCategory.create({ categoryId: 'cat-old', parentKey: 'root', name: 'Old', nameLower: 'old', active: false })),
  ];
  answerReads(ddb, () => items);
  ddb.on(BatchGetCommand).callsFake((input: BatchGetCommandInput) => {
    const [table, request] = Object.entries(input.RequestItems ?? {})[0]!;
    const found = (request.Keys ?? []).flatMap((key) => items.filter((i) => Object.entries(key).every(([k, v]) => i[k] === v)));
    return { Responses: { [table]: found }, UnprocessedKeys: {} };
  });
  ddb.on(PutCommand).resolves({});
  const saved = MailSettings.create({ orgId: 'default', mailboxes: [{ address: 'support@cloudmanager.example', groupId: 'grp-support', categoryId: 'cat-general' }], unknownSender: 'guest', autoMailsPerHour: 3, maxMessageBytes: 10 * 1024 * 1024, version: 5 });
  ddb.on(UpdateCommand).resolves({ Attributes: item(saved) });
});
afterEach(() => ddb.reset());

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a rejection');
}

const form = (over: Record<string, unknown> = {}) =>
  updateMailSettings.parse({
    mailboxes: [{ address: 'support@cloudmanager.example', groupId: 'grp-support', categoryId: 'cat-general' }],
    unknownSender: 'guest',
    autoMailsPerHour: 3,
    maxMessageBytes: 10 * 1024 * 1024,
    version: 0,
    ...over,
  });

describe('readMailSettings', () => {
  it('answers the defaults with version 0 when nothing was saved', async () => {
    expect(await readMailSettings()).toMatchObject({ mailboxes: [], unknownSender: 'lead', autoMailsPerHour: 5, version: 0 });
  });
});

describe('saveMailSettings', () => {
  it('creates the settings at version 0 (condition: not there yet) and names the group and category', async () => {
    const saved = await saveMailSettings(form(), admin);
    expect(saved).toMatchObject({ version: 1, unknownSender: 'guest', updatedBy: 'admin-1', mailboxes: [{ groupName: 'Support', categoryName: 'General', categoryActive: true }] });
    const put = ddb.commandCalls(PutCommand)[0]!.args[0].input;
    expect(put.ConditionExpression).toContain('attribute_not_exists');
    expect(put.Item).toMatchObject({ orgId: 'default', version: 1, autoMailsPerHour: 3 });
  });

  it('updates on the version read and answers conflict when it moved on', async () => {
    expect(await saveMailSettings(form({ version: 4 }), admin)).toMatchObject({ version: 5, mailboxes: [{ groupName: 'Support' }] });
    const update = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(update.ConditionExpression).toContain('#version = :version0');
    expect(update.ExpressionAttributeValues).toMatchObject({ ':version0': 4 });

    ddb.on(UpdateCommand).rejects(conditionFailed());
    expect(await rejection(saveMailSettings(form({ version: 4 }), admin))).toMatchObject({ statusCode: 409, code: 'conflict' });
    ddb.on(PutCommand).rejects(conditionFailed());
    expect(await rejection(saveMailSettings(form({ version: 0 }), admin))).toMatchObject({ statusCode: 409, code: 'conflict' });
  });

  it('refuses an unknown group, an unknown or inactive category with field paths, writing nothing', async () => {
    const input = form({
      mailboxes: [
        { address: 'a@x.example', groupId: 'grp-gone', categoryId: 'cat-general' },
        { address: 'b@x.example', groupId: 'grp-support', categoryId: 'cat-gone' },
        { address: 'c@x.example', groupId: 'grp-support', categoryId: 'cat-old' },
      ],
    });
    const err = await rejection(saveMailSettings(input, admin));
    expect({ status: err.statusCode, code: err.code }).toEqual({ status: 400, code: 'validation_failed' });
    expect(err.details).toEqual([
      expect.objectContaining({ path: 'body.mailboxes.0.groupId', code: 'unknown_group' }),
      expect.objectContaining({ path: 'body.mailboxes.1.categoryId', code: 'unknown_category' }),
      expect.objectContaining({ path: 'body.mailboxes.2.categoryId', code: 'inactive_category' }),
    ]);
    expect(writes()).toEqual([]);
  });
});
