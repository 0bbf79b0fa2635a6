import { randomUUID } from 'node:crypto';
import { Service } from 'electrodb';
import type { UserActor } from '../auth/actor.js';
import { documentClient, tableName } from '../db/client.js';
import { checkCursor, withCursor } from '../db/cursor.js';
import { isConditionalCheckFailed } from '../db/errors.js';
import { AgentLoad, type AgentLoadItem } from '../db/entities/agent-load.js';
import { GroupMember, type GroupMemberItem } from '../db/entities/group-member.js';
import { SupportGroup, type SupportGroupItem } from '../db/entities/support-group.js';
import { Ticket } from '../db/entities/ticket.js';
import { TicketCategory } from '../db/entities/ticket-category.js';
import { User, type UserItem } from '../db/entities/user.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import type { AgentState, CreateSupportGroup, GroupMemberView, SupportGroupView, UpdateSupportGroup } from './assignment-schemas.js';

/** The group tickets fall back to; created on first use, never deleted. */
export const defaultGroupId = 'support';
const defaultGroupName = 'Support';
const directory = 'supportGroups';
/** Members per group: auto-assignment reads all of them (and their load) in one batch. */
export const maxGroupMembers = 50;

const makeStore = () =>
  new Service({ supportGroup: SupportGroup, groupMember: GroupMember }, { client: documentClient, table: tableName });
let store: ReturnType<typeof makeStore> | undefined;
const getStore = () => (store ??= makeStore());

export class GroupNotFoundError extends NotFoundError {
  constructor() {
    super('No such support group');
  }
}

const stale = () => new ConflictError('conflict', 'The group changed since you loaded it; reload and try again');

export function toGroupView(item: SupportGroupItem): SupportGroupView {
  return {
    groupId: item.groupId,
    name: item.name,
    description: item.description,
    leadId: item.leadId ?? null,
    memberCount: item.memberCount,
    isDefault: item.isDefault,
    version: item.version,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

let defaultGroup: SupportGroupItem | undefined;

/**
 * The default support group ("Support"), created the first time anything needs it (a category
 * without a default group, or the group list) so every ticket always has a group. Creation is
 * conditional, so concurrent first uses agree on one group.
 */
export async function ensureDefaultGroup(): Promise<SupportGroupItem> {
  if (defaultGroup) return defaultGroup;
  const { data } = await SupportGroup.get({ groupId: defaultGroupId }).go();
  if (data) return (defaultGroup = data);
  try {
    const created = await SupportGroup.create({ groupId: defaultGroupId, name: defaultGroupName, isDefault: true, directory }).go();
    return (defaultGroup = created.data);
  } catch (err) {
    if (!isConditionalCheckFailed(err)) throw err;
    const { data: raced } = await SupportGroup.get({ groupId: defaultGroupId }).go();
    if (!raced) throw err;
    return (defaultGroup = raced);
  }
}

export async function findGroup(groupId: string): Promise<SupportGroupItem | null> {
  const { data } = await SupportGroup.get({ groupId }).go();
  return data;
}

async function readGroup(groupId: string): Promise<SupportGroupItem> {
  const group = await findGroup(groupId);
  if (!group) throw new GroupNotFoundError();
  return group;
}

const isActiveStaff = (user: UserItem | null | undefined): user is UserItem => !!user && user.kind === 'staff' && user.status === 'active';

async function checkLead(leadId: string | null | undefined): Promise<void> {
  if (!leadId) return;
  const { data } = await User.get({ userId: leadId }).go();
  if (!isActiveStaff(data)) throw new ValidationError([{ path: 'body.leadId', message: 'The lead must be an active staff user', code: 'not_active_staff' }]);
}

/** Groups by id (the list is small: teams). The default group always exists. */
export async function listGroups(query: { cursor?: string | undefined; limit: number }): Promise<{ items: SupportGroupView[]; cursor: string | null }> {
  await ensureDefaultGroup();
  const cursor = checkCursor(query.cursor);
  const page = await withCursor(() => SupportGroup.query.byDirectory({ directory }).go({ limit: query.limit, cursor }));
  return { items: page.data.map(toGroupView), cursor: page.cursor };
}

export async function createGroup(input: CreateSupportGroup): Promise<SupportGroupView> {
  await checkLead(input.leadId);
  const { data } = await SupportGroup.create({
    groupId: randomUUID(),
    name: input.name,
    description: input.description,
    directory,
    ...(input.leadId ? { leadId: input.leadId } : {}),
  }).go();
  return toGroupView(data);
}

export async function updateGroup(groupId: string, input: UpdateSupportGroup): Promise<SupportGroupView> {
  const current = await readGroup(groupId);
  if (current.version !== input.version) throw stale();
  await checkLead(input.leadId);
  const fields = { name: input.name, description: input.description, version: current.version + 1 };
  try {
    const op = input.leadId
      ? SupportGroup.patch({ groupId }).set({ ...fields, leadId: input.leadId })
      : SupportGroup.patch({ groupId }).set(fields).remove(['leadId']);
    const { data } = await op.where(({ version }, { eq }) => eq(version, current.version)).go({ response: 'all_new' });
    if (groupId === defaultGroupId) defaultGroup = undefined;
    return toGroupView(data as SupportGroupItem);
  } catch (err) {
    if (isConditionalCheckFailed(err)) throw stale();
    throw err;
  }
}

/**
 * Deletes a group and its memberships. Refused with 409 `group_in_use` for the default group, a
 * group a category sends tickets to, or one that has tickets (they keep their group for good).
 */
export async function deleteGroup(groupId: string): Promise<void> {
  const group = await readGroup(groupId);
  const inUse = () => new ConflictError('group_in_use', 'The group is the default group, a category default, or has tickets');
  if (group.isDefault) throw inUse();
  const [categories, tickets, members] = await Promise.all([
    TicketCategory.query.byTree({ directory: 'ticketCategories' }).go({ pages: 'all' }),
    Ticket.query.byGroup({ groupId }).go({ limit: 1 }),
    GroupMember.query.byGroup({ groupId }).go({ pages: 'all' }),
  ]);
  if (tickets.data.length || categories.data.some((c) => c.defaultGroupId === groupId)) throw inUse();
  const result = await getStore()
    .transaction.write(({ supportGroup, groupMember }) => [
      supportGroup.delete({ groupId }).where(({ version }, { eq }) => eq(version, group.version)).commit(),
      ...members.data.map((m) => groupMember.delete({ groupId, userId: m.userId }).commit()),
    ])
    .go();
  if (result.canceled) throw stale();
}

const emptyState: AgentState = { available: true, load: 0, openTickets: 0 };

export function toAgentState(item: AgentLoadItem | undefined): AgentState {
  if (!item) return emptyState;
  return { available: item.available ?? true, load: item.load ?? 0, openTickets: item.openTickets ?? 0 };
}

/** Load items of these users, one batch (missing = available, no load). */
export async function readAgentLoads(userIds: readonly string[]): Promise<Map<string, AgentLoadItem>> {
  if (!userIds.length) return new Map();
  const { data } = await AgentLoad.get(userIds.map((userId) => ({ userId }))).go();
  return new Map(data.map((item) => [item.userId, item]));
}

/** Users by id, one batch. */
export async function readUsers(userIds: readonly string[]): Promise<Map<string, UserItem>> {
  if (!userIds.length) return new Map();
  const { data } = await User.get(userIds.map((userId) => ({ userId }))).go();
  return new Map(data.map((item) => [item.userId, item]));
}

export async function groupMembers(groupId: string): Promise<GroupMemberItem[]> {
  const { data } = await GroupMember.query.byGroup({ groupId }).go({ pages: 'all' });
  return data;
}

function toMemberView(member: GroupMemberItem, group: SupportGroupItem, load: AgentLoadItem | undefined): GroupMemberView {
  return { userId: member.userId, name: member.name, email: member.email, isLead: group.leadId === member.userId, addedAt: member.createdAt, ...toAgentState(load) };
}

/** A group with its members and their availability and load. */
export async function getGroupDetail(groupId: string): Promise<{ group: SupportGroupView; members: GroupMemberView[] }> {
  const group = await readGroup(groupId);
  const members = await groupMembers(groupId);
  const loads = await readAgentLoads(members.map((m) => m.userId));
  return { group: toGroupView(group), members: members.map((m) => toMemberView(m, group, loads.get(m.userId))) };
}

/** Adds an active staff user to a group (idempotent: adding a member again answers the membership). */
export async function addMember(groupId: string, userId: string, addedBy: string): Promise<GroupMemberView> {
  const group = await readGroup(groupId);
  const { data: user } = await User.get({ userId }).go();
  if (!user) throw new NotFoundError('No such user');
  if (!isActiveStaff(user)) throw new ValidationError([{ path: 'path.userId', message: 'Only active staff users can join a support group', code: 'not_active_staff' }]);
  const { data: existing } = await GroupMember.get({ groupId, userId }).go();
  if (!existing) {
    if (group.memberCount >= maxGroupMembers) throw new ConflictError('group_full', `A group has at most ${maxGroupMembers} members`);
    const result = await getStore()
      .transaction.write(({ supportGroup, groupMember }) => [
        groupMember.create({ groupId, userId, name: user.name, email: user.email, addedBy }).commit(),
        supportGroup
          .patch({ groupId })
          .add({ memberCount: 1 })
          .where(({ memberCount }, { lt }) => lt(memberCount, maxGroupMembers))
          .commit(),
      ])
      .go();
    if (result.canceled && !result.data[0]?.rejected) throw new ConflictError('group_full', `A group has at most ${maxGroupMembers} members`);
  }
  const { data: member } = await GroupMember.get({ groupId, userId }).go();
  if (!member) throw new NotFoundError('No such member');
  const loads = await readAgentLoads([userId]);
  return toMemberView(member, group, loads.get(userId));
}

/** Removes a member; tickets already assigned to them stay theirs. */
export async function removeMember(groupId: string, userId: string): Promise<void> {
  await readGroup(groupId);
  const result = await getStore()
    .transaction.write(({ supportGroup, groupMember }) => [
      groupMember.delete({ groupId, userId }).where(({ userId: u }, { exists }) => exists(u)).commit(),
      supportGroup.patch({ groupId }).add({ memberCount: -1 }).commit(),
    ])
    .go();
  if (result.canceled) {
    if (result.data[0]?.rejected) throw new NotFoundError('Not a member of this group');
    throw new GroupNotFoundError();
  }
}

/** The caller's groups (one query + one batch) and their own auto-assignment state. */
export async function myGroups(actor: UserActor): Promise<{ state: AgentState; groups: SupportGroupView[] }> {
  const [{ data: memberships }, loads] = await Promise.all([GroupMember.query.byUser({ userId: actor.userId }).go({ pages: 'all' }), readAgentLoads([actor.userId])]);
  const groups = memberships.length ? (await SupportGroup.get(memberships.map((m) => ({ groupId: m.groupId }))).go()).data : [];
  return { state: toAgentState(loads.get(actor.userId)), groups: groups.sort((a, b) => a.name.localeCompare(b.name)).map(toGroupView) };
}

/** Marks the caller available (or not) for auto-assignment; manual assignment is unaffected. */
export async function setAvailability(actor: UserActor, available: boolean): Promise<AgentState> {
  const { data } = await AgentLoad.update({ userId: actor.userId }).set({ available }).add({ version: 1 }).go({ response: 'all_new' });
  return toAgentState(data as AgentLoadItem);
}
