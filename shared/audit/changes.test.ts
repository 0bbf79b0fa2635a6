import { readFileSync } from 'node:fs';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { toChange } from '../streams/changes.js';
import { auditEntryFor, changedFields, changeTarget, customerScopedEntities, targetIdOf, unauditedEntities } from './changes.js';

type Image = Record<string, unknown>;

/** A stream record as DynamoDB Streams delivers it (NEW_AND_OLD_IMAGES). */
function streamRecord(eventName: 'INSERT' | 'MODIFY' | 'REMOVE', oldImage?: Image, newImage?: Image, ttl = false): DynamoDBRecord {
  const image = (i: Image) => marshall(i, { removeUndefinedValues: true }) as never;
  return {
    eventID: 'evt-1',
    eventName,
    eventSource: 'aws:dynamodb',
    dynamodb: {
      SequenceNumber: '100',
      StreamViewType: 'NEW_AND_OLD_IMAGES',
      ...(oldImage ? { OldImage: image(oldImage) } : {}),
      ...(newImage ? { NewImage: image(newImage) } : {}),
    },
    ...(ttl ? { userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' } } : {}),
  };
}

const organisation = {
  pk: '$cm#orgid_main',
  sk: '$organisation_1',
  orgId: 'main',
  name: 'Atlas Services',
  timezone: 'Africa/Algiers',
  currency: 'DZD',
  locale: 'fr',
  version: 1,
  createdAt: '2026-11-01T08:00:00.000Z',
  updatedAt: '2026-11-01T08:00:00.000Z',
  __edb_e__: 'organisation',
  __edb_v__: '1',
};
const stamp = { requestId: 'req-42', operationId: 'updateOrganisationSettings', userId: 'admin-1', role: 'admin', email: 'admin@example.com' };

describe('audit entries from table changes', () => {
  it('attributes a stamped update to its request, with before/after of the changed fields only', () => {
    const after = { ...organisation, name: 'Tashkent Repairs', timezone: 'Asia/Tashkent', version: 2, updatedAt: '2026-11-05T10:00:00.000Z', _audit: stamp };

    const entry = auditEntryFor(toChange(streamRecord('MODIFY', organisation, after)));

    expect(entry).toEqual({
      kind: 'change',
      action: 'updateOrganisationSettings',
      outcome: 'success',
      actor: { kind: 'user', userId: 'admin-1', role: 'admin', email: 'admin@example.com' },
      target: { type: 'organisation', id: 'main' },
      changes: [
        { field: 'name', before: 'Atlas Services', after: 'Tashkent Repairs' },
        { field: 'timezone', before: 'Africa/Algiers', after: 'Asia/Tashkent' },
      ],
      details: { change: 'updated' },
      requestId: 'req-42',
    });
  });

  it('records an unstamped write (seeding, schedules) as the system, named after the entity', () => {
    const sample = JSON.parse(readFileSync('events/samples/dynamodb-stream-insert.json', 'utf8')) as DynamoDBStreamEvent;

    const entry = auditEntryFor(toChange(sample.Records[0]!));

    expect(entry).toMatchObject({ action: 'organisation.created', actor: { kind: 'system' }, target: { type: 'organisation', id: 'main' }, details: { change: 'created' } });
    expect(entry?.changes?.map((c) => c.field)).toEqual(['currency', 'locale', 'name', 'orgId', 'timezone']);
    expect(entry?.changes?.[2]).toEqual({ field: 'name', after: 'Atlas Services' });
    expect(entry?.requestId).toBeUndefined();
  });

  it('ignores the previous writer\'s stamp on a deletion, and marks TTL expiry as the system\'s', () => {
    const stale = { ...organisation, _audit: stamp };

    const deleted = auditEntryFor(toChange(streamRecord('REMOVE', stale)));
    const expired = auditEntryFor(toChange(streamRecord('REMOVE', stale, undefined, true)));

    expect(deleted).toMatchObject({ action: 'organisation.deleted', actor: { kind: 'unknown' }, details: { change: 'deleted' } });
    expect(deleted?.requestId).toBeUndefined();
    expect(deleted?.changes).toContainEqual({ field: 'name', before: 'Atlas Services' });
    expect(expired).toMatchObject({ action: 'organisation.expired', actor: { kind: 'system' }, details: { change: 'expired', by: 'ttl' } });
  });

  it('skips bookkeeping entities, foreign items and writes that changed no business field', () => {
    const counter = { pk: '$cm#scope_entities', sk: '$counter_1#name_user', value: 3, __edb_e__: 'counter', __edb_v__: '1' };
    const touched = { ...organisation, updatedAt: '2026-11-06T00:00:00.000Z', version: 2, _audit: stamp };

    expect(auditEntryFor(toChange(streamRecord('INSERT', undefined, counter)))).toBeUndefined();
    expect(auditEntryFor(toChange(streamRecord('INSERT', undefined, { pk: 'x', sk: 'y', a: 1 })))).toBeUndefined();
    expect(auditEntryFor(toChange(streamRecord('MODIFY', organisation, touched)))).toBeUndefined();
    for (const entity of ['counter', 'streamMark', 'scheduleRun', 'auditRecord', 'auditHead', 'sessionToken', 'backupCodes', 'mfaSecret']) {
      expect(unauditedEntities, entity).toHaveProperty(entity);
    }
  });

  it('attributes an anonymous request (public route) without a user', () => {
    const request = { pk: '$cm#requestid_ar1', sk: '$accessrequest_1', requestId: 'ar1', email: 'new@example.com', __edb_e__: 'accessRequest', __edb_v__: '1', _audit: { requestId: 'req-7', operationId: 'createAccessRequest' } };

    expect(auditEntryFor(toChange(streamRecord('INSERT', undefined, request)))).toMatchObject({
      action: 'createAccessRequest',
      actor: { kind: 'anonymous' },
      target: { type: 'accessRequest', id: 'ar1' },
      requestId: 'req-7',
    });
  });
});

describe('changed fields', () => {
  it('never copies secrets: per-entity list and secret-looking names say only that they changed', () => {
    expect(changedFields('mfaSecret', { secretSealed: 'a', status: 'pending' }, { secretSealed: 'b', status: 'active' })).toEqual([
      { field: 'secretSealed', redacted: true },
      { field: 'status', before: 'pending', after: 'active' },
    ]);
    expect(changedFields('apiClient', undefined, { name: 'ci', apiKey: 'k-123', passwordHash: 'x' })).toEqual([
      { field: 'apiKey', redacted: true },
      { field: 'name', after: 'ci' },
      { field: 'passwordHash', redacted: true },
    ]);
  });

  it('compares maps member by member, so a big matrix shows only the role that moved', () => {
    const before = { matrix: { admin: ['a', 'b'], agent: ['a'] } };
    const after = { matrix: { admin: ['a', 'b'], agent: ['a', 'c'] } };

    expect(changedFields('roleMatrix', before, after)).toEqual([{ field: 'matrix.agent', before: ['a'], after: ['a', 'c'] }]);
  });

  it('turns sets into sorted arrays and summarises values too big to keep', () => {
    const big = 'x'.repeat(10_000);

    const changes = changedFields('ticket', { tags: new Set(['b', 'a']) }, { tags: new Set(['c', 'a']), body: big });

    expect(changes[1]).toEqual({ field: 'tags', before: ['a', 'b'], after: ['a', 'c'] });
    expect(changes[0]).toEqual({ field: 'body', after: { omitted: 'too_large', bytes: 10_002, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
  });
});

describe('target id', () => {
  it('uses the <entity>Id attribute, else the key composites', () => {
    expect(targetIdOf('user', { pk: '$cm#userid_u1', sk: '$user_1', userId: 'U1' })).toBe('U1');
    expect(targetIdOf('organisation', organisation)).toBe('main');
    expect(targetIdOf('contact', { pk: '$cm#customerid_c1', sk: '$contact_1#email_a@b.c', customerId: 'C1', email: 'A@b.c' })).toBe('C1/A@b.c');
  });
});

describe('customer-scoped targets', () => {
  it.each([
    ['customerContact', { pk: '$cm#customerid_c1', sk: '$customercontact_1#userid_u9', customerId: 'C1', userId: 'U9' }, 'U9'],
    ['contactInvitation', { pk: '$cm#customerid_c1', sk: '$contactinvitation_1#invitationid_i1', customerId: 'C1', invitationId: 'I1' }, 'I1'],
    ['kycDocument', { pk: '$cm#customerid_c1', sk: '$kycdocument_1#documentid_d1', customerId: 'C1', documentId: 'D1' }, 'D1'],
    ['customerNote', { pk: '$cm#customerid_c1', sk: '$customernote_1#noteid_n1', customerId: 'C1', noteId: 'N1' }, 'N1'],
    ['customerDocument', { pk: '$cm#customerid_c1', sk: '$customerdocument_1#documentid_d2', customerId: 'C1', documentId: 'D2' }, 'D2'],
  ])('files a %s change under its customer and keeps the object', (entity, image, id) => {
    expect(changeTarget(entity, image)).toEqual({ target: { type: 'customer', id: 'C1' }, object: { type: entity, id } });
  });

  it('lists every customer-scoped entity above', () => {
    expect(Object.keys(customerScopedEntities).sort()).toEqual(['contactInvitation', 'customerContact', 'customerDocument', 'customerNote', 'kycDocument']);
  });

  it('leaves other entities (and the customer itself) on their own target', () => {
    expect(changeTarget('customer', { pk: '$cm#customerid_c1', sk: '$customer_1', customerId: 'C1' })).toEqual({ target: { type: 'customer', id: 'C1' } });
    expect(changeTarget('organisation', organisation)).toEqual({ target: { type: 'organisation', id: 'main' } });
  });

  it('puts the object in the details of the audit entry, attributed to the stamped request', () => {
    const note = {
      pk: '$cm#customerid_c1',
      sk: '$customernote_1#noteid_n1',
      customerId: 'C1',
      noteId: 'N1',
      body: 'Called about the invoice',
      __edb_e__: 'customerNote',
      __edb_v__: '1',
      _audit: { requestId: 'req-9', operationId: 'createCustomerNote', userId: 'agent-1', role: 'agent' },
    };

    expect(auditEntryFor(toChange(streamRecord('INSERT', undefined, note)))).toMatchObject({
      action: 'createCustomerNote',
      target: { type: 'customer', id: 'C1' },
      details: { change: 'created', object: { type: 'customerNote', id: 'N1' } },
      changes: expect.arrayContaining([{ field: 'body', after: 'Called about the invoice' }]),
      requestId: 'req-9',
    });
  });

  it('files a deletion under the customer from the old image', () => {
    const doc = { pk: '$cm#customerid_c1', sk: '$customerdocument_1#documentid_d2', customerId: 'C1', documentId: 'D2', title: 'Contract', __edb_e__: 'customerDocument', __edb_v__: '1' };

    expect(auditEntryFor(toChange(streamRecord('REMOVE', doc, undefined)))).toMatchObject({
      actor: { kind: 'unknown' },
      target: { type: 'customer', id: 'C1' },
      details: { change: 'deleted', object: { type: 'customerDocument', id: 'D2' } },
    });
  });
});
