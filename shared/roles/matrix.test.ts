import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultRolePermissions, permissions } from '../auth/permissions.js';
import { RoleMatrix } from '../db/entities/role-matrix.js';
import { defaultMatrix, effectiveMatrix, enforcedMatrixVersion, matrixCacheTtlMs, permissionsFor, resetPermissionsCache } from './matrix.js';

const ddb = mockClient(DynamoDBDocumentClient);

/** The current-pointer item exactly as ElectroDB stores it. */
function storedMatrix(version: number, matrix: Record<string, string[]>, catalogue: readonly string[] = permissions) {
  return RoleMatrix.create({
    scope: 'roles',
    version,
    matrix,
    catalogue: [...catalogue],
    changedAt: '2026-11-20T10:00:00.000Z',
    changedBy: { userId: 'admin-1', username: 'amina' },
  }).params<{ Item: Record<string, unknown> }>().Item;
}

const adminRow = ['roles:manage', 'users:manage', 'users:read'];

beforeEach(() => {
  resetPermissionsCache();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-20T12:00:00Z'));
});

afterEach(() => {
  ddb.reset();
  vi.useRealTimers();
});

describe('effectiveMatrix', () => {
  it('is the defaults in code when nothing was ever saved', () => {
    expect(effectiveMatrix(undefined)).toEqual(defaultMatrix());
    expect(new Set(effectiveMatrix(null).agent)).toEqual(new Set(defaultRolePermissions.agent));
  });

  it('takes saved rows as they are, drops names the code no longer knows, orders by catalogue', () => {
    const matrix = effectiveMatrix({ matrix: { agent: ['tickets:read', 'customers:read', 'legacy:thing', 'tickets:read'], admin: adminRow }, catalogue: [...permissions] });
    expect(matrix.agent).toEqual(['customers:read', 'tickets:read']);
  });

  it('grants a permission added to the code after the save its default', () => {
    const catalogue = permissions.filter((p) => p !== 'tickets:qc');
    const matrix = effectiveMatrix({ matrix: { manager: ['tickets:read'], agent: [] }, catalogue });
    expect(matrix.manager).toEqual(['tickets:read', 'tickets:qc']);
    expect(matrix.agent).toEqual([]);
  });

  it('keeps custom roles and gives built-in roles missing from the item an empty row', () => {
    const matrix = effectiveMatrix({ matrix: { 'night-shift': ['tickets:read'] }, catalogue: [...permissions] });
    expect(matrix['night-shift']).toEqual(['tickets:read']);
    expect(matrix.customer).toEqual([]);
  });
});

describe('permissionsFor', () => {
  it('falls back to the defaults when no matrix was ever saved', async () => {
    ddb.on(GetCommand).resolves({});
    expect(await permissionsFor('agent')).toEqual(new Set(defaultRolePermissions.agent));
    expect(await enforcedMatrixVersion()).toBe(0);
  });

  it('answers the saved matrix; an unknown role gets nothing', async () => {
    ddb.on(GetCommand).resolves({ Item: storedMatrix(3, { admin: adminRow, agent: ['tickets:read'], 'night-shift': ['worklogs:record'] }) });
    expect([...(await permissionsFor('agent'))]).toEqual(['tickets:read']);
    expect([...(await permissionsFor('night-shift'))]).toEqual(['worklogs:record']);
    expect((await permissionsFor('nobody')).size).toBe(0);
  });

  it('reads DynamoDB at most once per 60 s, and sees an edit once the window has passed', async () => {
    ddb.on(GetCommand).resolvesOnce({ Item: storedMatrix(1, { admin: adminRow, agent: ['tickets:read'] }) }).resolves({
      Item: storedMatrix(2, { admin: adminRow, agent: ['tickets:read', 'tickets:update'] }),
    });
    expect([...(await permissionsFor('agent'))]).toEqual(['tickets:read']);

    vi.advanceTimersByTime(matrixCacheTtlMs - 1);
    expect([...(await permissionsFor('agent'))]).toEqual(['tickets:read']);
    expect(ddb.commandCalls(GetCommand)).toHaveLength(1);

    vi.advanceTimersByTime(1);
    expect([...(await permissionsFor('agent'))]).toEqual(['tickets:read', 'tickets:update']);
    expect(await enforcedMatrixVersion()).toBe(2);
    expect(ddb.commandCalls(GetCommand)).toHaveLength(2);
  });

  it('shares one read between concurrent callers', async () => {
    ddb.on(GetCommand).resolves({});
    await Promise.all([permissionsFor('agent'), permissionsFor('admin'), permissionsFor('customer')]);
    expect(ddb.commandCalls(GetCommand)).toHaveLength(1);
  });

  it('keeps the last matrix when a refresh fails (never the more generous defaults), and retries soon', async () => {
    ddb
      .on(GetCommand)
      .resolvesOnce({ Item: storedMatrix(4, { admin: adminRow, agent: [] }) })
      .rejectsOnce(new Error('throttled'))
      .resolves({ Item: storedMatrix(5, { admin: adminRow, agent: ['xp:read'] }) });
    expect((await permissionsFor('agent')).size).toBe(0);
    vi.advanceTimersByTime(matrixCacheTtlMs);
    expect((await permissionsFor('agent')).size).toBe(0);
    vi.advanceTimersByTime(5_000);
    expect([...(await permissionsFor('agent'))]).toEqual(['xp:read']);
  });

  it('fails when the very first read fails', async () => {
    ddb.on(GetCommand).rejects(new Error('unreachable'));
    await expect(permissionsFor('agent')).rejects.toThrow('unreachable');
  });
});
