import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DeleteCommand, DynamoDBDocumentClient, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actorFromClaims } from '../auth/actor.js';
import { defaultRolePermissions, permissions, roles, type Permission } from '../auth/permissions.js';
import { RoleDefinition } from '../db/entities/role-definition.js';
import { RoleMatrixVersion } from '../db/entities/role-matrix-version.js';
import { RoleMatrix } from '../db/entities/role-matrix.js';
import { User } from '../db/entities/user.js';
import { answerReads } from '../db/fake-table.js';
import type { AppError } from '../errors.js';
import { defaultMatrix } from './matrix.js';
import {
  createCustomRole,
  deleteCustomRole,
  diffMatrices,
  getMatrixVersion,
  getRoles,
  listMatrixVersions,
  restoreMatrixVersion,
  saveRoleMatrix,
} from './service.js';

// ---------------------------------------------------------------------------------------------
// AWS boundary: reads answered from `items` as ElectroDB stores them; writes recorded.
// ---------------------------------------------------------------------------------------------
const ddb = mockClient(DynamoDBDocumentClient);
let items: Record<string, unknown>[] = [];
const writes = () => ddb.calls().filter((c) => [PutCommand, UpdateCommand, DeleteCommand, TransactWriteCommand, BatchWriteCommand].some((C) => c.args[0] instanceof C));
const transactions = () => ddb.commandCalls(TransactWriteCommand).map((c) => c.args[0].input.TransactItems!);

beforeEach(() => {
  items = [];
  answerReads(ddb, () => items);
  ddb.on(TransactWriteCommand).resolves({});
  ddb.on(PutCommand).resolves({});
  ddb.on(DeleteCommand).resolves({});
});
afterEach(() => ddb.reset());

const admin = actorFromClaims({ sub: 'admin-1', username: 'amina', 'cognito:groups': ['admin'] });
const by = { userId: 'admin-1', username: 'amina' };
const at = '2026-11-20T10:00:00.000Z';

function pointer(version: number, matrix: Record<string, readonly string[]>) {
  return RoleMatrix.create({ scope: 'roles', version, matrix, catalogue: [...permissions], changedAt: at, changedBy: by }).params<{ Item: Record<string, unknown> }>().Item;
}
function versionItem(version: number, matrix: Record<string, readonly string[]>, note = 'edit') {
  return RoleMatrixVersion.create({ scope: 'roles', version, matrix, catalogue: [...permissions], changedAt: at, changedBy: by, note, diff: [] }).params<{ Item: Record<string, unknown> }>().Item;
}
function customRole(roleId: string) {
  return RoleDefinition.create({ scope: 'roles', roleId, name: roleId, description: '', createdBy: 'admin-1' }).params<{ Item: Record<string, unknown> }>().Item;
}
function user(userId: string, role: string) {
  return User.create({ userId, email: `${userId}@example.com`, name: userId, role, kind: 'staff' }).params<{ Item: Record<string, unknown> }>().Item;
}

/** The defaults, with one change to the agent row. */
function editedDefaults(change: (agent: Permission[]) => Permission[]) {
  const matrix = defaultMatrix();
  return { ...matrix, agent: change(matrix.agent!) };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a rejection');
}

describe('diffMatrices', () => {
  it('lists per changed role what was added and removed, in catalogue order', () => {
    expect(diffMatrices({ agent: ['tickets:read', 'tickets:update'], admin: ['audit:read'] }, { agent: ['customers:read', 'tickets:read'], admin: ['audit:read'], x: ['xp:read'] })).toEqual([
      { roleId: 'agent', added: ['customers:read'], removed: ['tickets:update'] },
      { roleId: 'x', added: ['xp:read'], removed: [] },
    ]);
  });
});

describe('getRoles', () => {
  it('answers version 0 and the defaults when nothing was saved, with every role and permission', async () => {
    items = [customRole('night-shift')];
    const view = await getRoles();
    expect(view.version).toBe(0);
    expect(view.matrix.agent).toEqual(defaultMatrix().agent);
    expect(view.matrix['night-shift']).toEqual([]);
    expect(view.roles.map((r) => r.roleId)).toEqual([...roles, 'night-shift']);
    expect(view.roles.find((r) => r.roleId === 'night-shift')).toMatchObject({ builtIn: false, staff: true });
    expect(view.permissions).toHaveLength(permissions.length);
    expect(permissions.length).toBeGreaterThanOrEqual(40);
  });
});

describe('saveRoleMatrix', () => {
  it('first save: writes version 1 and creates the current pointer in ONE transaction, both conditioned on absence', async () => {
    const matrix = editedDefaults((agent) => [...agent, 'tickets:delete']);
    const view = await saveRoleMatrix({ version: 0, matrix, note: 'agents may delete tickets' }, admin);

    expect(view.version).toBe(1);
    expect(view.matrix.agent).toContain('tickets:delete');
    const [tx] = transactions();
    expect(tx).toHaveLength(2);
    const [version, current] = tx!;
    expect(version!.Put?.ConditionExpression).toMatch(/attribute_not_exists/);
    expect(version!.Put?.Item).toMatchObject({
      version: 1,
      note: 'agents may delete tickets',
      changedBy: by,
      diff: [{ roleId: 'agent', added: ['tickets:delete'], removed: [] }],
      sk: '$rolematrixversion_1#version_0000000001',
    });
    expect(current!.Put?.ConditionExpression).toMatch(/attribute_not_exists/);
    expect(current!.Put?.Item).toMatchObject({ version: 1, sk: '$rolematrix_1' });
  });

  it('later saves move the pointer only if it is still at the version the editor read', async () => {
    items = [pointer(4, defaultMatrix())];
    await saveRoleMatrix({ version: 4, matrix: editedDefaults((a) => a.filter((p) => p !== 'xp:read')), note: '' }, admin);
    const [version, current] = transactions()[0]!;
    expect(version!.Put?.Item).toMatchObject({ version: 5, diff: [{ roleId: 'agent', added: [], removed: ['xp:read'] }] });
    expect(current!.Update?.ConditionExpression).toMatch(/#version = :version\d/);
    expect(Object.entries(current!.Update!.ExpressionAttributeValues!).find(([k]) => /^:version\d$/.test(k))?.[1]).toBe(4);
  });

  it('answers 409 version_conflict without writing when the matrix moved on since it was read', async () => {
    items = [pointer(6, defaultMatrix())];
    const err = await rejection(saveRoleMatrix({ version: 5, matrix: defaultMatrix(), note: '' }, admin));
    expect({ status: err.statusCode, code: err.code }).toEqual({ status: 409, code: 'version_conflict' });
    expect(writes()).toHaveLength(0);
  });

  it('answers 409 version_conflict when another save wins the race (transaction cancelled)', async () => {
    items = [pointer(2, defaultMatrix())];
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }] }),
    );
    const err = await rejection(saveRoleMatrix({ version: 2, matrix: defaultMatrix(), note: '' }, admin));
    expect({ status: err.statusCode, code: err.code }).toEqual({ status: 409, code: 'version_conflict' });
  });

  it.each([['roles:manage'], ['users:manage']] as const)('lock-out guard: refuses an admin row without %s (400 admin_lockout), writes nothing', async (removed) => {
    const matrix = { ...defaultMatrix(), admin: defaultRolePermissions.admin.filter((p) => p !== removed) };
    const err = await rejection(saveRoleMatrix({ version: 0, matrix, note: '' }, admin));
    expect({ status: err.statusCode, code: err.code, details: err.details }).toEqual({ status: 400, code: 'admin_lockout', details: { missing: [removed] } });
    expect(writes()).toHaveLength(0);
  });

  it('refuses unknown roles and a missing built-in row, writes nothing', async () => {
    const unknown = await rejection(saveRoleMatrix({ version: 0, matrix: { ...defaultMatrix(), ghost: [] }, note: '' }, admin));
    expect({ status: unknown.statusCode, code: unknown.code }).toEqual({ status: 400, code: 'unknown_role' });
    const { technician: _, ...withoutTechnician } = defaultMatrix();
    const missing = await rejection(saveRoleMatrix({ version: 0, matrix: withoutTechnician, note: '' }, admin));
    expect({ status: missing.statusCode, code: missing.code }).toEqual({ status: 400, code: 'validation_failed' });
    expect(writes()).toHaveLength(0);
  });

  it('stores rows for existing custom roles (empty when the editor sent none)', async () => {
    items = [customRole('night-shift'), customRole('auditor')];
    await saveRoleMatrix({ version: 0, matrix: { ...defaultMatrix(), auditor: ['audit:read'] }, note: '' }, admin);
    const stored = transactions()[0]![1]!.Put!.Item!.matrix as Record<string, string[]>;
    expect(stored.auditor).toEqual(['audit:read']);
    expect(stored['night-shift']).toEqual([]);
  });
});

describe('versions and rollback', () => {
  it('lists versions newest first, with a cursor', async () => {
    items = [versionItem(1, defaultMatrix()), versionItem(2, defaultMatrix()), versionItem(10, defaultMatrix())];
    const page = await listMatrixVersions({ limit: 2 });
    expect(page.items.map((v) => v.version)).toEqual([10, 2]);
    expect(page.items[0]).not.toHaveProperty('matrix');
  });

  it('refuses a cursor it did not issue (400 invalid_cursor)', async () => {
    const err = await rejection(listMatrixVersions({ limit: 2, cursor: 'not-a-cursor' }));
    expect({ status: err.statusCode, code: err.code }).toEqual({ status: 400, code: 'invalid_cursor' });
  });

  it('shows one version with its matrix; an unknown version is 404', async () => {
    items = [versionItem(3, { ...defaultMatrix(), agent: ['tickets:read'] })];
    expect((await getMatrixVersion(3)).matrix.agent).toEqual(['tickets:read']);
    const err = await rejection(getMatrixVersion(4));
    expect({ status: err.statusCode, code: err.code }).toEqual({ status: 404, code: 'not_found' });
  });

  it('rolls back by saving a NEW version equal to the old one, marked restoredFrom', async () => {
    const old = { ...defaultMatrix(), agent: ['tickets:read'] };
    const now = { ...defaultMatrix(), agent: ['tickets:read', 'tickets:delete'] };
    items = [versionItem(1, old), versionItem(2, now), pointer(2, now)];
    const view = await restoreMatrixVersion(1, { version: 2 }, admin);
    expect(view.version).toBe(3);
    expect(view.matrix.agent).toEqual(['tickets:read']);
    const [version, current] = transactions()[0]!;
    expect(version!.Put?.Item).toMatchObject({ version: 3, restoredFrom: 1, note: 'Restored version 1', diff: [{ roleId: 'agent', added: [], removed: ['tickets:delete'] }] });
    expect((version!.Put?.Item?.matrix as Record<string, string[]>).agent).toEqual(['tickets:read']);
    expect(current!.Update).toBeDefined();
  });

  it('a rollback also needs the current version (409 otherwise, nothing written)', async () => {
    items = [versionItem(1, defaultMatrix()), pointer(3, defaultMatrix())];
    const err = await rejection(restoreMatrixVersion(1, { version: 2 }, admin));
    expect(err.code).toBe('version_conflict');
    expect(writes()).toHaveLength(0);
  });
});

describe('custom roles', () => {
  it('creates a custom role only if the id is free (409 role_exists)', async () => {
    expect(await createCustomRole({ roleId: 'night-shift', name: 'Night shift', description: '' }, admin)).toMatchObject({ roleId: 'night-shift', builtIn: false });
    expect(ddb.commandCalls(PutCommand)[0]!.args[0].input.ConditionExpression).toMatch(/attribute_not_exists/);
    ddb.on(PutCommand).rejects(Object.assign(new Error('exists'), { name: 'ConditionalCheckFailedException' }));
    const err = await rejection(createCustomRole({ roleId: 'night-shift', name: 'Night shift', description: '' }, admin));
    expect({ status: err.statusCode, code: err.code }).toEqual({ status: 409, code: 'role_exists' });
  });

  it('will not delete a built-in role (400), an unknown one (404), or one a user holds (409 role_in_use); writes nothing', async () => {
    items = [customRole('night-shift'), user('u1', 'night-shift')];
    const builtIn = await rejection(deleteCustomRole('agent', admin));
    const unknown = await rejection(deleteCustomRole('ghost', admin));
    const held = await rejection(deleteCustomRole('night-shift', admin));
    expect([builtIn, unknown, held].map((e) => [e.statusCode, e.code])).toEqual([
      [400, 'built_in_role'],
      [404, 'not_found'],
      [409, 'role_in_use'],
    ]);
    expect(writes()).toHaveLength(0);
  });

  it('deletes an unused role; its matrix row leaves in a new version, in the same transaction', async () => {
    items = [customRole('night-shift'), pointer(1, { ...defaultMatrix(), 'night-shift': ['tickets:read'] })];
    await deleteCustomRole('night-shift', admin);
    const [version, current, deletion] = transactions()[0]!;
    expect(version!.Put?.Item).toMatchObject({ version: 2, note: 'Role night-shift deleted', diff: [{ roleId: 'night-shift', added: [], removed: ['tickets:read'] }] });
    expect(version!.Put?.Item?.matrix).not.toHaveProperty('night-shift');
    expect(current!.Update).toBeDefined();
    expect(deletion!.Delete?.Key).toEqual({ pk: '$cm#scope_roles', sk: '$roledefinition_1#roleid_night-shift' });
    expect(deletion!.Delete?.ConditionExpression).toMatch(/attribute_exists/);
  });

  it('deletes a role without a matrix row directly', async () => {
    items = [customRole('night-shift')];
    await deleteCustomRole('night-shift', admin);
    expect(ddb.commandCalls(DeleteCommand)).toHaveLength(1);
    expect(transactions()).toHaveLength(0);
  });
});
