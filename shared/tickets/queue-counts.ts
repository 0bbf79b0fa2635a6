import type { UserActor } from '../auth/actor.js';
import { Counter } from '../db/entities/counter.js';
import { GroupMember } from '../db/entities/group-member.js';
import { ForbiddenError } from '../errors.js';
import { overdueQueueName, ticketQueueScope } from '../streams/counters.js';
import type { QueueCounts, QueueCountsQuery } from './queue-count-schemas.js';

/** Groups counted per caller: 2 counters each, plus mine, all, overdue and the asked group, stay in one BatchGet (100 keys). */
export const maxCountedGroups = 48;

/**
 * GET /tickets/queue-counts: one Query of the caller's memberships, one BatchGet of the counters
 * the stream keeps (and one retry of keys DynamoDB left unprocessed): at most 3 commands.
 */
export async function queueCounts(actor: UserActor, query: QueueCountsQuery): Promise<QueueCounts> {
  if (!actor.isStaff) throw new ForbiddenError('Queues are for staff');
  const { data: memberships } = await GroupMember.query.byUser({ userId: actor.userId }).go({ limit: maxCountedGroups, pages: 1 });
  const myGroups = memberships.map((m) => m.groupId);
  const groups = [...new Set([...myGroups, ...(query.groupId ? [query.groupId] : [])])];
  const names = ['all', overdueQueueName, `assignee#${actor.userId}`, ...groups.map((g) => `group#${g}`), ...myGroups.map((g) => `unassigned#${g}`)];
  const values = await readQueueCounters(names);
  // A counter never read back (no ticket yet) is 0; a negative one (items older than the counters) shows 0.
  const value = (name: string) => Math.max(0, values.get(name) ?? 0);
  return {
    mine: value(`assignee#${actor.userId}`),
    unassigned: myGroups.reduce((sum, g) => sum + value(`unassigned#${g}`), 0),
    groups: Object.fromEntries(groups.map((g) => [g, value(`group#${g}`)])),
    all: value('all'),
    overdue: value(overdueQueueName),
  };
}

async function readQueueCounters(names: readonly string[]): Promise<Map<string, number>> {
  const values = new Map<string, number>();
  let keys = names.map((name) => ({ scope: ticketQueueScope, name }));
  for (let attempt = 0; attempt < 2 && keys.length; attempt++) {
    const { data, unprocessed } = await Counter.get(keys).go();
    for (const c of data) values.set(c.name, c.value);
    keys = unprocessed.map((k) => ({ scope: ticketQueueScope, name: k.name }));
  }
  return values;
}
