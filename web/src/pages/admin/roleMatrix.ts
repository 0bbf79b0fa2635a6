/** `tickets:assign` → resource `tickets`. */
export const resourceOf = (permission: string) => permission.split(':')[0] ?? permission;
export const actionOf = (permission: string) => permission.split(':').slice(1).join(':') || permission;

/** Permissions grouped by resource, resources and permissions in their given order. */
export function groupByResource(permissions: readonly string[]): { resource: string; permissions: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const p of permissions) {
    const resource = resourceOf(p);
    const list = groups.get(resource) ?? [];
    list.push(p);
    groups.set(resource, list);
  }
  return [...groups].map(([resource, list]) => ({ resource, permissions: list }));
}

export type Draft = Record<string, ReadonlySet<string>>;

export const toDraft = (matrix: Readonly<Record<string, readonly string[]>>): Draft => Object.fromEntries(Object.entries(matrix).map(([role, list]) => [role, new Set(list)]));

/** Back to the API's shape, each role's permissions in the catalogue order. */
export function toMatrix<P extends string>(draft: Draft, order: readonly P[]): Record<string, P[]> {
  return Object.fromEntries(Object.entries(draft).map(([role, set]) => [role, order.filter((p) => set.has(p))]));
}

export interface RoleDiff {
  role: string;
  added: string[];
  removed: string[];
}

/** What changes going from `from` to `to`, per role (roles only in one side count as all added/removed). */
export function diffMatrices(from: Readonly<Record<string, readonly string[]>>, to: Readonly<Record<string, readonly string[]>>): RoleDiff[] {
  const roles = [...new Set([...Object.keys(from), ...Object.keys(to)])];
  return roles
    .map((role) => {
      const before = new Set(from[role] ?? []);
      const after = new Set(to[role] ?? []);
      return {
        role,
        added: [...after].filter((p) => !before.has(p)).sort(),
        removed: [...before].filter((p) => !after.has(p)).sort(),
      };
    })
    .filter((d) => d.added.length > 0 || d.removed.length > 0);
}

export const countChanges = (diff: RoleDiff[]) => diff.reduce((n, d) => n + d.added.length + d.removed.length, 0);
