import { Service } from 'electrodb';
import { permissions, roles, type Permission } from '../auth/permissions.js';
import type { UserActor } from '../auth/actor.js';
import { documentClient, tableName } from '../db/client.js';
import { checkCursor, withCursor } from '../db/cursor.js';
import { RoleDefinition, type RoleDefinitionItem } from '../db/entities/role-definition.js';
import { RoleMatrixVersion, type RoleMatrixVersionItem } from '../db/entities/role-matrix-version.js';
import { RoleMatrix } from '../db/entities/role-matrix.js';
import { User } from '../db/entities/user.js';
import { isConditionalCheckFailed } from '../db/errors.js';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { effectiveMatrix, normalisePermissions, readCurrentMatrix, type CurrentMatrix, type PermissionMatrix } from './matrix.js';
import { assertAdminKeepsControl, builtInRoles, isBuiltInRole } from './policy.js';
import type { CreateRole, MatrixChange, MatrixVersion, MatrixVersionSummary, RoleSummary, RolesView, UpdateRoleMatrix } from './schemas.js';

const scope = 'roles';

/** Only the entities the role transactions write (each Lambda builds only what it uses). */
const makeStore = () =>
  new Service(
    { roleMatrix: RoleMatrix, roleMatrixVersion: RoleMatrixVersion, roleDefinition: RoleDefinition },
    { client: documentClient, table: tableName },
  );
/** Built on first use: constructing a Service at import time costs cold-start time on every Lambda that imports this module. */
let store: ReturnType<typeof makeStore> | undefined;
const getStore = () => (store ??= makeStore());

const versionConflict = (current: number) =>
  new ConflictError('version_conflict', 'The permission matrix was changed by someone else; reload and try again', { version: current });

function toRoleSummary(item: RoleDefinitionItem): RoleSummary {
  return { roleId: item.roleId, name: item.name, description: item.description, builtIn: false, staff: true };
}

/** Custom roles, by id. */
export async function listCustomRoles(): Promise<RoleSummary[]> {
  const { data } = await RoleDefinition.query.byScope({ scope }).go({ pages: 'all' });
  return data.map(toRoleSummary);
}

/** Built-in roles first (highest rank first), then custom roles by id. */
export async function listRoles(): Promise<RoleSummary[]> {
  const builtIn = roles.map((roleId) => ({ roleId, ...builtInRoles[roleId], builtIn: true, staff: roleId !== 'customer' }));
  return [...builtIn, ...(await listCustomRoles())];
}

/** Whether a role id names a built-in role or an existing custom role. */
export async function roleExists(roleId: string): Promise<boolean> {
  if (isBuiltInRole(roleId)) return true;
  const { data } = await RoleDefinition.get({ scope, roleId }).go();
  return data !== null;
}

/** Whether any user (staff or customer, active or disabled) holds the role. */
export async function isRoleHeld(roleId: string): Promise<boolean> {
  const { data } = await User.query.byRole({ role: roleId }).go({ limit: 1, attributes: ['userId'] });
  return data.length > 0;
}

/** The matrix restricted to the roles that exist now (a deleted custom role's row is gone). */
function forRoles(matrix: PermissionMatrix, roleIds: readonly string[]): PermissionMatrix {
  return Object.fromEntries(roleIds.map((id) => [id, matrix[id] ?? []]));
}

function view(current: CurrentMatrix, roleList: RoleSummary[]): RolesView {
  return {
    version: current.version,
    matrix: forRoles(current.matrix, roleList.map((r) => r.roleId)),
    roles: roleList,
    permissions: [...permissions],
    ...(current.changedAt ? { changedAt: current.changedAt } : {}),
    ...(current.changedBy ? { changedBy: current.changedBy } : {}),
  };
}

/** Reads the matrix in force, the roles and the permission catalogue (the matrix editor's data). */
export async function getRoles(): Promise<RolesView> {
  const [current, roleList] = await Promise.all([readCurrentMatrix(), listRoles()]);
  return view(current, roleList);
}

/** Per role: what `next` adds to and removes from `previous`. Roles without change are left out. */
export function diffMatrices(previous: PermissionMatrix, next: PermissionMatrix): MatrixChange[] {
  const changes: MatrixChange[] = [];
  for (const roleId of new Set([...Object.keys(previous), ...Object.keys(next)])) {
    const before = new Set(previous[roleId] ?? []);
    const after = new Set(next[roleId] ?? []);
    const added = normalisePermissions([...after].filter((p) => !before.has(p)));
    const removed = normalisePermissions([...before].filter((p) => !after.has(p)));
    if (added.length || removed.length) changes.push({ roleId, added, removed });
  }
  return changes.sort((a, b) => a.roleId.localeCompare(b.roleId));
}

/**
 * Checks a full matrix from the editor against the roles that exist: every built-in role has a
 * row, no unknown role; custom roles without a row get none. Applies the lock-out guard.
 */
function checkMatrix(matrix: Record<string, readonly Permission[]>, roleIds: readonly string[]): PermissionMatrix {
  const unknown = Object.keys(matrix).filter((id) => !roleIds.includes(id));
  if (unknown.length) throw new AppError(400, 'unknown_role', `No such role: ${unknown.join(', ')}`, { roles: unknown });
  const missing = roles.filter((id) => !(id in matrix));
  if (missing.length) {
    throw new ValidationError(missing.map((id) => ({ path: `body.matrix.${id}`, message: 'Every built-in role needs a row', code: 'matrix_incomplete' })));
  }
  const result = Object.fromEntries(roleIds.map((id) => [id, normalisePermissions(matrix[id] ?? [])]));
  assertAdminKeepsControl(result);
  return result;
}

interface Commit {
  /** The version the editor read; the commit fails with `version_conflict` if it moved on. */
  expected: number;
  matrix: PermissionMatrix;
  note: string;
  actor: UserActor;
  restoredFrom?: number;
  /** The matrix in force, when the caller has just read it. */
  current?: CurrentMatrix;
  /** A custom role deleted in the same transaction (it must still exist). */
  deleteRole?: string;
}

/**
 * Writes version `expected + 1` (immutable) and moves the current pointer to it, in one
 * transaction conditioned on the pointer still being at `expected`.
 */
async function commitVersion(commit: Commit): Promise<CurrentMatrix> {
  const current = commit.current ?? (await readCurrentMatrix());
  if (current.version !== commit.expected) throw versionConflict(current.version);
  const version = commit.expected + 1;
  const changedAt = new Date().toISOString();
  const changedBy = { userId: commit.actor.userId, username: commit.actor.username };
  const state = { matrix: commit.matrix, catalogue: [...permissions], changedAt, changedBy };
  const result = await getStore().transaction
    .write((entities) => [
      entities.roleMatrixVersion
        .create({ scope, version, ...state, note: commit.note, diff: diffMatrices(current.matrix, commit.matrix), ...(commit.restoredFrom ? { restoredFrom: commit.restoredFrom } : {}) })
        .commit(),
      commit.expected === 0
        ? entities.roleMatrix.create({ scope, version, ...state }).commit()
        : entities.roleMatrix
            .patch({ scope })
            .set({ version, ...state })
            .where(({ version: v }, { eq }) => eq(v, commit.expected))
            .commit(),
      ...(commit.deleteRole ? [entities.roleDefinition.remove({ scope, roleId: commit.deleteRole }).commit()] : []),
    ])
    .go();
  if (result.canceled) {
    const [versionItem, pointer, roleDeletion] = result.data as readonly { rejected: boolean; code: string }[];
    if (versionItem?.rejected || pointer?.rejected) throw versionConflict((await readCurrentMatrix()).version);
    if (roleDeletion?.rejected) throw new NotFoundError('No such role');
    throw new Error('Role matrix transaction cancelled');
  }
  return { version, matrix: commit.matrix, changedAt, changedBy };
}

/** Saves an edited matrix as a new version (optimistic locking on the version the editor read). */
export async function saveRoleMatrix(input: UpdateRoleMatrix, actor: UserActor): Promise<RolesView> {
  const roleList = await listRoles();
  const matrix = checkMatrix(input.matrix, roleList.map((r) => r.roleId));
  const saved = await commitVersion({ expected: input.version, matrix, note: input.note, actor });
  return view(saved, roleList);
}

function toSummary(item: RoleMatrixVersionItem): MatrixVersionSummary {
  return {
    version: item.version,
    changedAt: item.changedAt,
    changedBy: item.changedBy,
    note: item.note,
    diff: item.diff.map((c) => ({ roleId: c.roleId, added: normalisePermissions(c.added), removed: normalisePermissions(c.removed) })),
    ...(item.restoredFrom ? { restoredFrom: item.restoredFrom } : {}),
  };
}

/** Saved versions, newest first. */
export async function listMatrixVersions(query: { cursor?: string; limit: number }): Promise<{ items: MatrixVersionSummary[]; cursor: string | null }> {
  const cursor = checkCursor(query.cursor);
  const page = await withCursor(() => RoleMatrixVersion.query.byScope({ scope }).go({ order: 'desc', limit: query.limit, cursor }));
  return { items: page.data.map(toSummary), cursor: page.cursor };
}

async function readVersion(version: number): Promise<RoleMatrixVersionItem> {
  const { data } = await RoleMatrixVersion.get({ scope, version }).go();
  if (!data) throw new NotFoundError('No such matrix version');
  return data;
}

/** One saved version with its full matrix (as it was granted then). */
export async function getMatrixVersion(version: number): Promise<MatrixVersion> {
  const item = await readVersion(version);
  return { ...toSummary(item), matrix: effectiveMatrix(item) };
}

/**
 * Rolls back: saves a new version granting what version `version` granted, for the roles that exist
 * now (a role created since gets no permissions; a deleted role stays deleted).
 */
export async function restoreMatrixVersion(version: number, input: { version: number; note?: string | undefined }, actor: UserActor): Promise<RolesView> {
  const [old, roleList] = await Promise.all([readVersion(version), listRoles()]);
  const matrix = forRoles(effectiveMatrix(old), roleList.map((r) => r.roleId));
  assertAdminKeepsControl(matrix);
  const saved = await commitVersion({ expected: input.version, matrix, note: input.note || `Restored version ${version}`, actor, restoredFrom: version });
  return view(saved, roleList);
}

/** Creates a custom (staff) role with no permissions; the admin grants them in the matrix. */
export async function createCustomRole(input: CreateRole, actor: UserActor): Promise<RoleSummary> {
  try {
    const { data } = await RoleDefinition.create({ scope, roleId: input.roleId, name: input.name, description: input.description, createdBy: actor.userId }).go();
    return toRoleSummary(data);
  } catch (err) {
    if (isConditionalCheckFailed(err)) throw new ConflictError('role_exists', `A role with id ${input.roleId} already exists`);
    throw err;
  }
}

/**
 * Deletes a custom role nobody holds. If the matrix in force grants it anything, its row leaves the
 * matrix in a new version, in the same transaction as the deletion.
 */
export async function deleteCustomRole(roleId: string, actor: UserActor): Promise<void> {
  if (isBuiltInRole(roleId)) throw new AppError(400, 'built_in_role', 'Built-in roles cannot be deleted');
  const [{ data: definition }, current] = await Promise.all([RoleDefinition.get({ scope, roleId }).go(), readCurrentMatrix()]);
  if (!definition) throw new NotFoundError('No such role');
  if (await isRoleHeld(roleId)) throw new ConflictError('role_in_use', 'Users still hold this role; give them another role first', { roleId });
  if (!(roleId in current.matrix)) {
    await RoleDefinition.delete({ scope, roleId }).go();
    return;
  }
  const matrix = Object.fromEntries(Object.entries(current.matrix).filter(([id]) => id !== roleId));
  await commitVersion({ expected: current.version, matrix, note: `Role ${roleId} deleted`, actor, current, deleteRole: roleId });
}
