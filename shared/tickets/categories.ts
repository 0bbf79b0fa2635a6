import { randomUUID } from 'node:crypto';
import { Service } from 'electrodb';
import type { UserActor } from '../auth/actor.js';
import { documentClient, tableName } from '../db/client.js';
import { isConditionalCheckFailed } from '../db/errors.js';
import { Counter } from '../db/entities/counter.js';
import { SupportGroup } from '../db/entities/support-group.js';
import { TicketCategory, type TicketCategoryItem } from '../db/entities/ticket-category.js';
import { TicketCategoryName } from '../db/entities/ticket-category-name.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { logger } from '../observability.js';
import { resetSlaConfigCache, slaConfigStamp } from '../sla/config.js';
import {
  maxCategoryDepth,
  type CreateTicketCategory,
  type TicketCategoryNodeShape,
  type UpdateTicketCategory,
} from './assignment-schemas.js';
import { addMember, ensureDefaultGroup } from './groups.js';

const directory = 'ticketCategories';
const root = 'root';

const makeStore = () =>
  new Service({ ticketCategory: TicketCategory, ticketCategoryName: TicketCategoryName, supportGroup: SupportGroup, counter: Counter }, { client: documentClient, table: tableName });
let store: ReturnType<typeof makeStore> | undefined;
const getStore = () => (store ??= makeStore());

export class CategoryNotFoundError extends NotFoundError {
  constructor() {
    super('No such ticket category');
  }
}

const unknownCategory = () => new ValidationError([{ path: 'body.categoryId', message: 'Unknown category', code: 'unknown_category' }]);
const nameTaken = () => new ConflictError('category_name_taken', 'A sibling category already has this name');
const stale = () => new ConflictError('conflict', 'The category changed since you loaded it; reload and try again');

/**
 * What a new ticket takes from its category: the group it goes to (the category's default group,
 * or the default support group) and whether resolving needs a QC pass. Unknown or inactive
 * categories answer 400 `unknown_category`. Marks the category used (deleting it then only
 * deactivates it); a category is marked even if the ticket then fails, which only errs on the
 * safe side.
 */
export async function defaultsForCategory(categoryId: string): Promise<{ groupId: string; qcRequired: boolean }> {
  const { data } = await TicketCategory.get({ categoryId }).go();
  if (!data || !data.active) throw unknownCategory();
  if (!data.used) {
    await TicketCategory.patch({ categoryId })
      .set({ used: true })
      .go()
      .catch((err: Error) => logger.warn('marking category used failed', { categoryId, error: err.message }));
  }
  const groupId = data.defaultGroupId ?? (await ensureDefaultGroup()).groupId;
  return { groupId, qcRequired: data.requiresQc };
}

/** Every category, one query (the tree is small: admins curate it). */
async function readAll(): Promise<TicketCategoryItem[]> {
  const { data } = await TicketCategory.query.byTree({ directory }).go({ pages: 'all' });
  return data;
}

const parentOf = (item: Pick<TicketCategoryItem, 'parentKey'>) => (item.parentKey === root ? null : item.parentKey);

/** Level of a category (root = 1), following parents in `byId`. */
export function depthOf(categoryId: string, byId: ReadonlyMap<string, Pick<TicketCategoryItem, 'parentKey'>>): number {
  let depth = 0;
  for (let id: string | null = categoryId; id && depth <= maxCategoryDepth + 1; depth++) {
    const item = byId.get(id);
    id = item ? parentOf(item) : null;
  }
  return depth;
}

/** Levels below and including a category (a leaf = 1). */
export function heightOf(categoryId: string, items: readonly Pick<TicketCategoryItem, 'categoryId' | 'parentKey'>[]): number {
  const children = items.filter((i) => i.parentKey === categoryId);
  return 1 + Math.max(0, ...children.map((c) => heightOf(c.categoryId, items)));
}

/** Whether `candidate` is `categoryId` or lies below it. */
export function isWithin(candidate: string, categoryId: string, byId: ReadonlyMap<string, Pick<TicketCategoryItem, 'parentKey'>>): boolean {
  let steps = 0;
  for (let id: string | null = candidate; id && steps <= maxCategoryDepth + 1; steps++) {
    if (id === categoryId) return true;
    const item = byId.get(id);
    id = item ? parentOf(item) : null;
  }
  return false;
}

/** Nests items into a tree, siblings by name; `keep` drops a node and everything below it. */
export function buildTree(items: readonly TicketCategoryItem[], keep: (item: TicketCategoryItem) => boolean = () => true): TicketCategoryNodeShape[] {
  const known = new Set(items.map((i) => i.categoryId));
  const byParent = new Map<string, TicketCategoryItem[]>();
  for (const item of items) {
    const parent = item.parentKey !== root && known.has(item.parentKey) ? item.parentKey : root;
    byParent.set(parent, [...(byParent.get(parent) ?? []), item]);
  }
  const nodes = (parent: string): TicketCategoryNodeShape[] =>
    (byParent.get(parent) ?? [])
      .filter(keep)
      .sort((a, b) => a.nameLower.localeCompare(b.nameLower))
      .map((item) => ({ ...toCategoryView(item), children: nodes(item.categoryId) }));
  return nodes(root);
}

export function toCategoryView(item: TicketCategoryItem): Omit<TicketCategoryNodeShape, 'children'> {
  return {
    categoryId: item.categoryId,
    parentId: parentOf(item),
    name: item.name,
    defaultGroupId: item.defaultGroupId ?? null,
    requiresQc: item.requiresQc,
    active: item.active,
    version: item.version,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

/** The category tree; customers and anyone not asking for them get active categories only. */
export async function listCategoryTree(actor: UserActor, includeInactive: boolean): Promise<{ items: TicketCategoryNodeShape[] }> {
  const all = includeInactive && actor.isStaff;
  return { items: buildTree(await readAll(), (item) => all || item.active) };
}

async function checkGroup(groupId: string | null | undefined): Promise<void> {
  if (!groupId) return;
  const { data } = await SupportGroup.get({ groupId }).go();
  if (!data) throw new ValidationError([{ path: 'body.defaultGroupId', message: 'Unknown support group', code: 'unknown_group' }]);
}

/** The parent and its ancestors, checked unchanged in the write (a concurrent move cannot break depth or make a cycle). */
function ancestors(parentId: string | null, byId: ReadonlyMap<string, TicketCategoryItem>): TicketCategoryItem[] {
  const chain: TicketCategoryItem[] = [];
  for (let id = parentId; id && chain.length <= maxCategoryDepth; ) {
    const item = byId.get(id);
    if (!item) break;
    chain.push(item);
    id = parentOf(item);
  }
  return chain;
}

function checkParent(parentId: string | null, active: boolean, byId: ReadonlyMap<string, TicketCategoryItem>, height: number): void {
  if (!parentId) return;
  const parent = byId.get(parentId);
  if (!parent) throw new ValidationError([{ path: 'body.parentId', message: 'Unknown parent category', code: 'unknown_category' }]);
  if (depthOf(parentId, byId) + height > maxCategoryDepth) {
    throw new ValidationError([{ path: 'body.parentId', message: `Categories nest at most ${maxCategoryDepth} levels deep`, code: 'category_too_deep' }]);
  }
  if (active && !parent.active) {
    throw new ValidationError([{ path: 'body.active', message: 'An active category needs an active parent', code: 'parent_inactive' }]);
  }
}

/** Adds a category under a parent (or at the top), its name unique among its siblings. */
export async function createCategory(input: CreateTicketCategory): Promise<TicketCategoryNodeShape> {
  const all = await readAll();
  const byId = new Map(all.map((i) => [i.categoryId, i]));
  const parentId = input.parentId ?? null;
  checkParent(parentId, input.active, byId, 1);
  await checkGroup(input.defaultGroupId);
  const categoryId = randomUUID();
  const parentKey = parentId ?? root;
  const nameLower = input.name.toLowerCase();
  const result = await getStore()
    .transaction.write(({ ticketCategory, ticketCategoryName, supportGroup, counter }) => [
      ticketCategoryName.create({ parentKey, nameLower, categoryId }).commit(),
      ticketCategory
        .create({
          categoryId,
          parentKey,
          name: input.name,
          nameLower,
          requiresQc: input.requiresQc,
          active: input.active,
          directory,
          ...(input.defaultGroupId ? { defaultGroupId: input.defaultGroupId } : {}),
        })
        .commit(),
      ...ancestors(parentId, byId).map((a) =>
        ticketCategory.check({ categoryId: a.categoryId }).where(({ version }, { eq }) => eq(version, a.version)).commit(),
      ),
      ...(input.defaultGroupId ? [supportGroup.check({ groupId: input.defaultGroupId }).where(({ groupId }, { exists }) => exists(groupId)).commit()] : []),
      // SLA policies of its parents cover it: SLA config caches must learn the tree changed.
      ...(parentId ? [counter.upsert(slaConfigStamp).add({ value: 1 }).commit()] : []),
    ])
    .go();
  if (result.canceled) {
    if (result.data[0]?.rejected) throw nameTaken();
    throw stale();
  }
  if (parentId) resetSlaConfigCache();
  const { data } = await TicketCategory.get({ categoryId }).go();
  if (!data) throw new CategoryNotFoundError();
  return { ...toCategoryView(data), children: [] };
}

/**
 * Replaces a category's fields (optimistic: `version`). Moving it checks the new place (no cycle,
 * the subtree still fits in three levels); deactivating needs its children inactive first;
 * activating needs an active parent.
 */
export async function updateCategory(categoryId: string, input: UpdateTicketCategory): Promise<TicketCategoryNodeShape> {
  const all = await readAll();
  const byId = new Map(all.map((i) => [i.categoryId, i]));
  const current = byId.get(categoryId);
  if (!current) throw new CategoryNotFoundError();
  if (current.version !== input.version) throw stale();
  const parentId = input.parentId ?? null;
  if (parentId && isWithin(parentId, categoryId, byId)) {
    throw new ValidationError([{ path: 'body.parentId', message: 'A category cannot move below itself', code: 'category_cycle' }]);
  }
  checkParent(parentId, input.active, byId, heightOf(categoryId, all));
  if (!input.active && all.some((i) => i.parentKey === categoryId && i.active)) {
    throw new ConflictError('category_in_use', 'Deactivate its subcategories first');
  }
  await checkGroup(input.defaultGroupId);
  const parentKey = parentId ?? root;
  const nameLower = input.name.toLowerCase();
  const moved = parentKey !== current.parentKey;
  const renamed = moved || nameLower !== current.nameLower;
  const fields = { parentKey, name: input.name, nameLower, requiresQc: input.requiresQc, active: input.active, version: current.version + 1 };
  const result = await getStore()
    .transaction.write(({ ticketCategory, ticketCategoryName, supportGroup, counter }) => [
      (input.defaultGroupId
        ? ticketCategory.patch({ categoryId }).set({ ...fields, defaultGroupId: input.defaultGroupId })
        : ticketCategory.patch({ categoryId }).set(fields).remove(['defaultGroupId'])
      )
        .where(({ version }, { eq }) => eq(version, current.version))
        .commit(),
      ...(renamed
        ? [
            ticketCategoryName.create({ parentKey, nameLower, categoryId }).commit(),
            ticketCategoryName.delete({ parentKey: current.parentKey, nameLower: current.nameLower }).commit(),
          ]
        : []),
      ...ancestors(parentId, byId).map((a) =>
        ticketCategory.check({ categoryId: a.categoryId }).where(({ version }, { eq }) => eq(version, a.version)).commit(),
      ),
      ...(input.defaultGroupId ? [supportGroup.check({ groupId: input.defaultGroupId }).where(({ groupId }, { exists }) => exists(groupId)).commit()] : []),
      // A move changes which parents' SLA policies cover it (see createCategory).
      ...(moved ? [counter.upsert(slaConfigStamp).add({ value: 1 }).commit()] : []),
    ])
    .go();
  if (result.canceled) {
    const outcomes = result.data as { rejected?: boolean }[];
    if (renamed && outcomes[1]?.rejected && !outcomes[0]?.rejected) throw nameTaken();
    throw stale();
  }
  if (moved) resetSlaConfigCache();
  const { data } = await TicketCategory.get({ categoryId }).go();
  if (!data) throw new CategoryNotFoundError();
  return { ...toCategoryView(data), children: childrenOf(categoryId, all) };
}

function childrenOf(categoryId: string, all: readonly TicketCategoryItem[]): TicketCategoryNodeShape[] {
  const find = (nodes: TicketCategoryNodeShape[]): TicketCategoryNodeShape[] | undefined => {
    for (const node of nodes) {
      if (node.categoryId === categoryId) return node.children;
      const below = find(node.children);
      if (below) return below;
    }
    return undefined;
  };
  return find(buildTree(all)) ?? [];
}

/**
 * Deletes a category: refused (409 `category_in_use`) while it has subcategories; a category
 * tickets were created with is deactivated instead (tickets keep showing it), otherwise it and
 * its name lock are deleted.
 */
export async function deleteCategory(categoryId: string): Promise<{ categoryId: string; outcome: 'deleted' | 'deactivated' }> {
  const { data: current } = await TicketCategory.get({ categoryId }).go();
  if (!current) throw new CategoryNotFoundError();
  const { data: children } = await TicketCategory.query.byTree({ directory, parentKey: categoryId }).go({ limit: 1 });
  if (children.length) throw new ConflictError('category_in_use', 'Delete or move its subcategories first');
  if (!current.used) {
    const result = await getStore()
      .transaction.write(({ ticketCategory, ticketCategoryName }) => [
        ticketCategory.delete({ categoryId }).where(({ used }, { eq }) => eq(used, false)).commit(),
        ticketCategoryName.delete({ parentKey: current.parentKey, nameLower: current.nameLower }).commit(),
      ])
      .go();
    if (!result.canceled) return { categoryId, outcome: 'deleted' };
  }
  try {
    await TicketCategory.patch({ categoryId }).set({ active: false }).add({ version: 1 }).go();
  } catch (err) {
    if (isConditionalCheckFailed(err)) throw new CategoryNotFoundError();
    throw err;
  }
  return { categoryId, outcome: 'deactivated' };
}

/** Starter categories for a fresh helpdesk (Repairs needs a QC pass before resolving). */
const starterCategories = [
  { name: 'General', requiresQc: false },
  { name: 'Billing', requiresQc: false },
  { name: 'Repairs', requiresQc: true },
] as const;

/**
 * Initial set-up (idempotent, e.g. the local seed): the default group with these staff members,
 * and the starter categories when there are no categories yet.
 */
export async function ensureHelpdeskDefaults(input: { memberIds: readonly string[]; addedBy: string }): Promise<void> {
  const group = await ensureDefaultGroup();
  for (const userId of input.memberIds) await addMember(group.groupId, userId, input.addedBy);
  if ((await readAll()).length) return;
  for (const category of starterCategories) {
    await createCategory({ ...category, active: true }).catch((err: unknown) => {
      if ((err as { code?: string }).code !== 'category_name_taken') throw err;
    });
  }
}
