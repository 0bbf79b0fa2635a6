import { defaultRolePermissions, permissions, roles, type Permission } from '../auth/permissions.js';
import { RoleMatrix, type RoleMatrixItem } from '../db/entities/role-matrix.js';
import { cachedGetter } from '../db/get.js';
import { logger } from '../observability.js';

/** An edit of the matrix takes effect in every container within this long. */
export const matrixCacheTtlMs = 60_000;
/** After a failed refresh, a container keeps its last matrix and retries after this long. */
const retryAfterMs = 5_000;

/** Role id -> permissions, in catalogue order. */
export type PermissionMatrix = Record<string, Permission[]>;

export interface CurrentMatrix {
  /** 0 = never saved: the defaults in code apply. */
  version: number;
  matrix: PermissionMatrix;
  changedAt?: string;
  changedBy?: { userId: string; username: string };
}

const order = new Map<string, number>(permissions.map((p, i) => [p, i]));
const known = (p: unknown): p is Permission => typeof p === 'string' && order.has(p);

/** Sorted in catalogue order (module by module), without duplicates or unknown names. */
export function normalisePermissions(list: readonly unknown[]): Permission[] {
  return [...new Set(list.filter(known))].sort((a, b) => order.get(a)! - order.get(b)!);
}

/** The defaults in code, as a matrix of the built-in roles. */
export function defaultMatrix(): PermissionMatrix {
  return Object.fromEntries(roles.map((r) => [r, normalisePermissions(defaultRolePermissions[r])]));
}

/**
 * What a saved matrix grants. Each row is taken as saved (names the code no longer knows are
 * dropped); a permission added to the code after the save (absent from the saved catalogue) gets
 * its default grant, so new modules work before an admin revisits the matrix.
 */
export function effectiveMatrix(saved: Pick<RoleMatrixItem, 'matrix' | 'catalogue'> | null | undefined): PermissionMatrix {
  if (!saved) return defaultMatrix();
  const rows = (saved.matrix && typeof saved.matrix === 'object' ? saved.matrix : {}) as Record<string, unknown>;
  const catalogue = new Set(saved.catalogue);
  const result: PermissionMatrix = {};
  for (const roleId of new Set([...roles, ...Object.keys(rows)])) {
    const row = rows[roleId];
    const granted = Array.isArray(row) ? row : [];
    const defaults = (defaultRolePermissions as Record<string, readonly Permission[] | undefined>)[roleId] ?? [];
    result[roleId] = normalisePermissions([...granted, ...defaults.filter((p) => !catalogue.has(p))]);
  }
  return result;
}

const getCurrent = cachedGetter(RoleMatrix);

/** The matrix in force, read now (no cache): for the matrix editor and for saving. */
export async function readCurrentMatrix(): Promise<CurrentMatrix> {
  const item = await getCurrent({ scope: 'roles' });
  if (!item) return { version: 0, matrix: defaultMatrix() };
  return { version: item.version, matrix: effectiveMatrix(item), changedAt: item.changedAt, changedBy: item.changedBy };
}

interface Loaded {
  version: number;
  sets: Map<string, ReadonlySet<Permission>>;
  /** Date.now() after which the next call refreshes. */
  freshUntil: number;
}

let cache: Loaded | undefined;
let loading: Promise<Loaded> | undefined;
const none: ReadonlySet<Permission> = new Set();

async function load(): Promise<Loaded> {
  try {
    const { version, matrix } = await readCurrentMatrix();
    const sets = new Map<string, ReadonlySet<Permission>>(Object.entries(matrix).map(([role, list]) => [role, new Set(list)]));
    cache = { version, sets, freshUntil: Date.now() + matrixCacheTtlMs };
  } catch (err) {
    // Never fall back to the defaults here: they may grant more than the saved matrix does.
    if (!cache) throw err;
    logger.warn('role matrix refresh failed; keeping the last one', { version: cache.version, error: (err as Error).message });
    cache = { ...cache, freshUntil: Date.now() + retryAfterMs };
  }
  return cache;
}

/** The matrix this container enforces: refreshed from DynamoDB at most once per `matrixCacheTtlMs`. */
async function enforcedMatrix(): Promise<Loaded> {
  if (cache && Date.now() < cache.freshUntil) return cache;
  loading ??= load().finally(() => (loading = undefined));
  return loading;
}

/**
 * The permissions a role grants right now (within 60 s of the last matrix edit): the saved matrix,
 * or the defaults in code when no matrix was ever saved. An unknown or deleted role grants nothing.
 */
export async function permissionsFor(role: string): Promise<ReadonlySet<Permission>> {
  const { sets } = await enforcedMatrix();
  return sets.get(role) ?? none;
}

/** The version this container currently enforces (0 = defaults). */
export async function enforcedMatrixVersion(): Promise<number> {
  return (await enforcedMatrix()).version;
}

/** Test hook: forget the cached matrix so the next call reads DynamoDB. */
export function resetPermissionsCache(): void {
  cache = undefined;
  loading = undefined;
}
