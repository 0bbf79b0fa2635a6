import type { UserActor } from '../auth/actor.js';
import { AgentLoad } from '../db/entities/agent-load.js';
import { GroupMember } from '../db/entities/group-member.js';
import { Ticket, type TicketItem } from '../db/entities/ticket.js';
import { User } from '../db/entities/user.js';
import { ValidationError } from '../errors.js';
import { logger } from '../observability.js';
import { loadTicketFor } from './access.js';
import { priorityWeights } from './assignment-schemas.js';
import { findGroup, groupMembers, readAgentLoads, readUsers } from './groups.js';
import { activeStatuses } from './lifecycle.js';
import { TicketConflictError, writeTicketChange, type TicketEventInput, type TransactItem } from './store.js';

type Weighed = Pick<TicketItem, 'assigneeId' | 'status' | 'priority'>;

/** What a ticket adds to its assignee's load: its priority weight while active and assigned, else 0. */
export function weightOf(ticket: Weighed): number {
  return ticket.assigneeId && activeStatuses.includes(ticket.status) ? priorityWeights[ticket.priority] : 0;
}

/** Per-user change of (weighted load, open tickets) between two states of one ticket. */
export function loadDeltas(before: Weighed, after: Weighed): Map<string, { load: number; count: number }> {
  const deltas = new Map<string, { load: number; count: number }>();
  const shift = (ticket: Weighed, sign: 1 | -1) => {
    const weight = weightOf(ticket);
    if (!ticket.assigneeId || !weight) return;
    const d = deltas.get(ticket.assigneeId) ?? { load: 0, count: 0 };
    deltas.set(ticket.assigneeId, { load: d.load + sign * weight, count: d.count + sign });
  };
  shift(before, -1);
  shift(after, 1);
  for (const [userId, d] of deltas) if (!d.load && !d.count) deltas.delete(userId);
  return deltas;
}

/** The agent auto-assignment picked, with the load version it read (the write is conditioned on it). */
export interface AgentPick {
  userId: string;
  version: number | undefined;
  at: string;
}

/**
 * The agentLoad updates (`ADD`) that go in the SAME transaction as a ticket change moving load:
 * assign / unassign / transfer, priority change, resolve / close / reopen. Pass them in `also` to
 * writeTicketChange. With `pick`, the picked agent's update also records `lastAssignedAt` and is
 * conditioned on the load version read, so concurrent auto-assignments cannot both take one slot.
 */
export function loadDeltaItems(before: Weighed, after: Weighed, pick?: AgentPick): TransactItem[] {
  const deltas = loadDeltas(before, after);
  if (pick && !deltas.has(pick.userId)) deltas.set(pick.userId, { load: 0, count: 0 });
  return [...deltas].map(([userId, d]) => {
    const add = AgentLoad.update({ userId }).add({ load: d.load, openTickets: d.count, version: 1 });
    if (pick?.userId !== userId) return { Update: add.params() as never };
    const picked = add
      .set({ lastAssignedAt: pick.at })
      .where(({ version }, { eq, notExists }) => (pick.version === undefined ? notExists(version) : eq(version, pick.version)));
    return { Update: picked.params() as never };
  });
}

export interface Candidate {
  userId: string;
  available: boolean;
  load: number;
  lastAssignedAt?: string | undefined;
  version?: number | undefined;
}

/** Least-loaded available candidate; ties go to the least recently assigned (round robin), then by id. */
export function chooseAgent(candidates: readonly Candidate[]): Candidate | undefined {
  return candidates
    .filter((c) => c.available)
    .sort((a, b) => a.load - b.load || (a.lastAssignedAt ?? '').localeCompare(b.lastAssignedAt ?? '') || a.userId.localeCompare(b.userId))[0];
}

/** The agent of a group auto-assignment would pick now: members, their load, their account (active staff). */
export async function pickAgent(groupId: string, excludeUserId?: string): Promise<AgentPick | undefined> {
  const members = (await groupMembers(groupId)).filter((m) => m.userId !== excludeUserId);
  const ids = members.map((m) => m.userId);
  const [loads, users] = await Promise.all([readAgentLoads(ids), readUsers(ids)]);
  const candidates = ids
    .filter((id) => users.get(id)?.status === 'active' && users.get(id)?.kind === 'staff')
    .map((userId): Candidate => {
      const load = loads.get(userId);
      return { userId, available: load?.available ?? true, load: load?.load ?? 0, lastAssignedAt: load?.lastAssignedAt, version: load?.version };
    });
  const chosen = chooseAgent(candidates);
  return chosen && { userId: chosen.userId, version: chosen.version, at: new Date().toISOString() };
}

const unassignedKey = (groupId: string) => `unassigned#${groupId}`;

/** True when a transaction was cancelled by a failed condition on an item other than the ticket (a load item). */
function lostLoadRace(err: unknown): boolean {
  const reasons = (err as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
  return !!reasons?.some((r, i) => i > 0 && r.Code === 'ConditionalCheckFailed');
}

async function reload(ticketId: string): Promise<TicketItem | null> {
  const { data } = await Ticket.get({ ticketId }).go();
  return data;
}

const attempts = 4;

/**
 * Moves a ticket to a (new) group and/or assignee chosen by auto-assignment, retrying when
 * another auto-assignment took the same agent at the same moment. Used on creation, transfer and
 * deactivation of the assignee.
 */
async function moveWithPick(
  ticket: TicketItem,
  target: { groupId: string; exclude?: string; autoPick?: boolean; onlyIfPicked?: boolean; events: (pick: AgentPick | undefined) => TicketEventInput[] },
): Promise<TicketItem> {
  for (let attempt = 1; ; attempt++) {
    const pick = target.autoPick === false ? undefined : await pickAgent(target.groupId, target.exclude);
    if (!pick && target.onlyIfPicked) return ticket;
    const after = { ...ticket, groupId: target.groupId, assigneeId: pick?.userId, assigneeKey: pick?.userId ?? unassignedKey(target.groupId) };
    try {
      return await writeTicketChange({
        ticket,
        set: { groupId: target.groupId, assigneeKey: after.assigneeKey, ...(pick ? { assigneeId: pick.userId } : {}) },
        ...(pick || !ticket.assigneeId ? {} : { remove: ['assigneeId' as const] }),
        events: target.events(pick),
        also: loadDeltaItems(ticket, after, pick),
      });
    } catch (err) {
      if (attempt < attempts && lostLoadRace(err)) continue;
      throw err;
    }
  }
}

/**
 * Assigns an unassigned, active ticket to the least-loaded available agent of its group (ties:
 * round robin), with an `assignee` event by `actorId`. Returns the ticket unchanged when nobody is
 * available; when the ticket changed meanwhile, works on the fresh one.
 */
export async function autoAssign(ticket: TicketItem, actorId: string): Promise<TicketItem> {
  let current = ticket;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (current.assigneeId || !activeStatuses.includes(current.status)) return current;
    try {
      return await moveWithPick(current, {
        groupId: current.groupId,
        onlyIfPicked: true,
        events: (p) => (p ? [{ kind: 'assignee', to: p.userId, actorId, details: { auto: true } }] : []),
      });
    } catch (err) {
      if (!(err instanceof TicketConflictError)) throw err;
      const fresh = await reload(current.ticketId);
      if (!fresh) return current;
      current = fresh;
    }
  }
  return current;
}

function staleVersion(ticket: TicketItem, version: number): void {
  if (ticket.version !== version) throw new TicketConflictError();
}

/** Assigns a ticket by hand to an active staff member of its group (availability does not matter). */
export async function assignTicket(ticketId: string, input: { version: number; assigneeId: string }, actor: UserActor): Promise<TicketItem> {
  const ticket = await loadTicketFor(actor, ticketId, 'write');
  staleVersion(ticket, input.version);
  const [{ data: member }, { data: user }] = await Promise.all([
    GroupMember.get({ groupId: ticket.groupId, userId: input.assigneeId }).go(),
    User.get({ userId: input.assigneeId }).go(),
  ]);
  if (!member || !user || user.kind !== 'staff' || user.status !== 'active') {
    throw new ValidationError([{ path: 'body.assigneeId', message: "The assignee must be an active staff member of the ticket's group", code: 'not_group_member' }]);
  }
  if (ticket.assigneeId === input.assigneeId) return ticket;
  const after = { ...ticket, assigneeId: input.assigneeId };
  return writeTicketChange({
    ticket,
    set: { assigneeId: input.assigneeId, assigneeKey: input.assigneeId },
    events: [{ kind: 'assignee', from: ticket.assigneeId, to: input.assigneeId, actorId: actor.userId }],
    also: loadDeltaItems(ticket, after),
  });
}

/** Takes a ticket back to its group's unassigned queue. */
export async function unassignTicket(ticketId: string, input: { version: number }, actor: UserActor): Promise<TicketItem> {
  const ticket = await loadTicketFor(actor, ticketId, 'write');
  staleVersion(ticket, input.version);
  if (!ticket.assigneeId) return ticket;
  const after = { ...ticket, assigneeId: undefined };
  return writeTicketChange({
    ticket,
    set: { assigneeKey: unassignedKey(ticket.groupId) },
    remove: ['assigneeId'],
    events: [{ kind: 'assignee', from: ticket.assigneeId, actorId: actor.userId }],
    also: loadDeltaItems(ticket, after),
  });
}

/**
 * Moves a ticket to another group with a reason: it leaves its assignee and is auto-assigned in
 * the new group (or waits there unassigned), all in one transaction with `group` and `assignee` events.
 */
export async function transferTicket(ticketId: string, input: { version: number; groupId: string; reason: string }, actor: UserActor): Promise<TicketItem> {
  const ticket = await loadTicketFor(actor, ticketId, 'write');
  staleVersion(ticket, input.version);
  if (input.groupId === ticket.groupId) throw new ValidationError([{ path: 'body.groupId', message: 'The ticket is already in this group', code: 'same_group' }]);
  if (!(await findGroup(input.groupId))) throw new ValidationError([{ path: 'body.groupId', message: 'Unknown support group', code: 'unknown_group' }]);
  return moveWithPick(ticket, {
    groupId: input.groupId,
    // Resolved and closed tickets move unassigned: nobody works them.
    autoPick: activeStatuses.includes(ticket.status),
    events: (pick) => [
      { kind: 'group', from: ticket.groupId, to: input.groupId, reason: input.reason, actorId: actor.userId },
      ...(ticket.assigneeId || pick
        ? [{ kind: 'assignee', from: ticket.assigneeId, to: pick?.userId, reason: input.reason, actorId: actor.userId, details: { auto: !!pick } }]
        : []),
    ],
  });
}

/**
 * A deactivated user's active tickets go back to auto-assignment in their group (to another
 * available member, else the unassigned queue). Called after an account is disabled; per-ticket
 * failures are logged and skipped. Returns how many tickets moved.
 */
export async function reassignTicketsOf(userId: string, actorId: string): Promise<number> {
  const { data } = await Ticket.query.byAssignee({ assigneeKey: userId }).go({ pages: 'all' });
  let moved = 0;
  for (const found of data.filter((t) => activeStatuses.includes(t.status))) {
    let ticket: TicketItem | null = found;
    for (let attempt = 1; ticket?.assigneeId === userId && attempt <= attempts; attempt++) {
      try {
        const before: TicketItem = ticket;
        await moveWithPick(before, {
          groupId: before.groupId,
          exclude: userId,
          events: (pick) => [{ kind: 'assignee', from: userId, to: pick?.userId, reason: 'assignee_deactivated', actorId, details: { auto: true } }],
        });
        moved++;
        break;
      } catch (err) {
        if (!(err instanceof TicketConflictError)) {
          logger.error('reassigning a ticket failed', { ticketId: found.ticketId, error: (err as Error).message });
          break;
        }
        ticket = await reload(found.ticketId);
      }
    }
  }
  return moved;
}
