import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actorFromClaims } from '../auth/actor.js';
import { Customer } from '../db/entities/customer.js';
import { CustomerNote } from '../db/entities/customer-note.js';
import { User } from '../db/entities/user.js';
import { answerReads } from '../db/fake-table.js';
import type { AppError } from '../errors.js';
import { createNote, deleteNote, listNotes, mayEditNote, updateNote } from './notes.js';

const ddb = mockClient(DynamoDBDocumentClient);
let items: Record<string, unknown>[] = [];
const writes = () => ddb.calls().filter((c) => [PutCommand, UpdateCommand, DeleteCommand, TransactWriteCommand].some((C) => c.args[0] instanceof C));

const actor = (sub: string, role: string) => actorFromClaims({ sub, username: sub, 'cognito:groups': [role] });
const agent = actor('agent-1', 'agent');
const otherAgent = actor('agent-2', 'agent');
const manager = actor('manager-1', 'manager');
const customer = actor('customer-1', 'customer');

const params = <T>(op: { params: <P>() => P }) => op.params<{ Item: T }>().Item;
const stored = (noteId: string, fields: Partial<{ pinned: boolean; authorId: string; deletedAt: string; version: number; type: 'general' | 'call' }> = {}) =>
  params<Record<string, unknown>>(
    CustomerNote.create({
      customerId: 'c1',
      noteId,
      type: fields.type ?? 'general',
      body: `note ${noteId}`,
      pinned: fields.pinned ?? false,
      pinRank: fields.pinned ? '1' : '0',
      authorId: fields.authorId ?? 'agent-1',
      authorName: 'Aya',
      version: fields.version ?? 1,
      ...(fields.deletedAt ? { deletedAt: fields.deletedAt } : {}),
    }),
  );

beforeEach(() => {
  items = [
    params(Customer.create({ customerId: 'c1', type: 'corporate', name: 'Acme', currency: 'DZD', createdBy: 'admin-1' })),
    params(User.create({ userId: 'agent-1', email: 'agent@example.com', name: 'Aya Agent', role: 'agent', kind: 'staff' })),
  ];
  answerReads(ddb, () => items);
  ddb.on(PutCommand).resolves({});
  // Updates answer the note as stored: the tests assert on the update sent, not on what comes back.
  ddb.on(UpdateCommand).callsFake(() => ({ Attributes: items.at(-1) }));
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

describe('who may edit a note', () => {
  it('its author, a manager or an admin; no other staff', () => {
    const note = { authorId: 'agent-1' };
    expect(mayEditNote(agent, note)).toBe(true);
    expect(mayEditNote(otherAgent, note)).toBe(false);
    expect(mayEditNote(manager, note)).toBe(true);
    expect(mayEditNote(actor('admin-1', 'admin'), note)).toBe(true);
  });
});

describe('listNotes', () => {
  it('answers pinned notes first, then newest first', async () => {
    items.push(
      stored('20260101000000000-aaaaaaaaaaaa'),
      stored('20260102000000000-bbbbbbbbbbbb', { pinned: true }),
      stored('20260103000000000-cccccccccccc'),
      stored('20260100000000000-dddddddddddd', { pinned: true }),
    );

    const page = await listNotes(agent, 'c1', { includeDeleted: false, limit: 25 });

    expect(page.items.map((n) => n.noteId.slice(0, 8) + (n.pinned ? '*' : ''))).toEqual(['20260102*', '20260100*', '20260103', '20260101']);
    const query = ddb.commandCalls(QueryCommand).find((c) => c.args[0].input.IndexName === 'gsi1')!.args[0].input;
    expect(query.ScanIndexForward).toBe(false);
    expect(query.FilterExpression).toContain('attribute_not_exists');
  });

  it('queries the type index when filtering by type, and marks what the caller may edit', async () => {
    items.push(stored('20260101000000000-aaaaaaaaaaaa', { type: 'call', authorId: 'agent-2' }));

    const page = await listNotes(agent, 'c1', { type: 'call', includeDeleted: false, limit: 25 });

    expect(ddb.commandCalls(QueryCommand)[0]!.args[0].input.IndexName).toBe('gsi2');
    expect(page.items).toMatchObject([{ type: 'call', canEdit: false }]);
  });

  it('lets managers include deleted notes (no filter) and refuses that to others', async () => {
    await listNotes(manager, 'c1', { includeDeleted: true, limit: 25 });
    expect(ddb.commandCalls(QueryCommand)[0]!.args[0].input.FilterExpression).toBeUndefined();

    const err = await rejection(listNotes(agent, 'c1', { includeDeleted: true, limit: 25 }));
    expect({ status: err.statusCode, code: err.code }).toEqual({ status: 403, code: 'forbidden' });
  });

  it('does not exist for customer users, on any account, without reading anything', async () => {
    const err = await rejection(listNotes(customer, 'c1', { includeDeleted: false, limit: 25 }));
    expect({ status: err.statusCode, code: err.code }).toEqual({ status: 404, code: 'not_found' });
    expect(ddb.calls()).toHaveLength(0);
  });
});

describe('createNote', () => {
  it('records the note with its author and pin rank', async () => {
    const note = await createNote(agent, 'c1', { type: 'call', body: 'Called about the renewal', pinned: true });

    expect(note).toMatchObject({ customerId: 'c1', type: 'call', pinned: true, authorId: 'agent-1', authorName: 'Aya Agent', version: 1, canEdit: true });
    const put = ddb.commandCalls(PutCommand)[0]!.args[0].input;
    expect(put.Item).toMatchObject({ pinRank: '1', authorId: 'agent-1' });
    expect(put.ConditionExpression).toContain('attribute_not_exists');
  });

  it('answers 404 for an unknown customer and writes nothing', async () => {
    const err = await rejection(createNote(agent, 'nope', { type: 'general', body: 'x', pinned: false }));
    expect({ status: err.statusCode, code: err.code }).toEqual({ status: 404, code: 'not_found' });
    expect(writes()).toHaveLength(0);
  });

  it('answers 404 to a customer user and writes nothing', async () => {
    const err = await rejection(createNote(customer, 'c1', { type: 'general', body: 'x', pinned: false }));
    expect(err.statusCode).toBe(404);
    expect(writes()).toHaveLength(0);
  });
});

describe('updateNote and deleteNote', () => {
  const noteId = '20260101000000000-aaaaaaaaaaaa';
  const edit = { type: 'general' as const, body: 'changed', pinned: false, version: 1 };

  it('refuses another agent with not_note_author and writes nothing', async () => {
    items.push(stored(noteId));
    for (const op of [updateNote(otherAgent, 'c1', noteId, edit), deleteNote(otherAgent, 'c1', noteId)]) {
      const err = await rejection(op);
      expect({ status: err.statusCode, code: err.code }).toEqual({ status: 403, code: 'not_note_author' });
    }
    expect(writes()).toHaveLength(0);
  });

  it('refuses a stale version with version_conflict and writes nothing', async () => {
    items.push(stored(noteId, { version: 2 }));
    const err = await rejection(updateNote(agent, 'c1', noteId, edit));
    expect({ status: err.statusCode, code: err.code }).toEqual({ status: 409, code: 'version_conflict' });
    expect(writes()).toHaveLength(0);
  });

  it('maps a lost race (condition failed) to version_conflict', async () => {
    items.push(stored(noteId));
    ddb.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'failed', $metadata: {} }));
    const err = await rejection(updateNote(agent, 'c1', noteId, edit));
    expect(err.code).toBe('version_conflict');
  });

  it('lets a manager edit, conditioned on the version read; a body change marks it edited', async () => {
    items.push(stored(noteId));
    await updateNote(manager, 'c1', noteId, edit);
    const update = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    const values = Object.values(update.ExpressionAttributeValues ?? {});
    expect(values).toContain('changed');
    expect(values).toContain('manager-1');
    expect(update.ConditionExpression).toMatch(/version.*AND.*attribute_not_exists/);
  });

  it('a pin alone is not an edit: editedAt stays unset, the pin rank moves', async () => {
    items.push(stored(noteId));
    await updateNote(agent, 'c1', noteId, { type: 'general', body: `note ${noteId}`, pinned: true, version: 1 });
    const update = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(Object.values(update.ExpressionAttributeNames ?? {})).not.toContain('editedAt');
    expect(Object.values(update.ExpressionAttributeValues ?? {}).some((v) => String(v).includes('pinrank_1'))).toBe(true);
  });

  it('soft-deletes with who and when; a deleted note is gone for editing', async () => {
    items.push(stored(noteId));
    await deleteNote(agent, 'c1', noteId);
    const update = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(Object.values(update.ExpressionAttributeNames ?? {})).toEqual(expect.arrayContaining(['deletedAt', 'deletedBy']));
    expect(ddb.commandCalls(DeleteCommand)).toHaveLength(0);

    items = items.filter((i) => i.noteId !== noteId);
    items.push(stored(noteId, { deletedAt: '2026-01-02T00:00:00.000Z' }));
    const err = await rejection(updateNote(agent, 'c1', noteId, edit));
    expect(err.statusCode).toBe(404);
  });
});
