import * as z from 'zod';

/** GET /tickets/queue-counts: `groupId` adds one more group (e.g. the one the desk shows) to `groups`. */
export const queueCountsQuery = z.object({ groupId: z.string().min(1).max(64).optional() }).strict();

/** Active (not resolved or closed) tickets per desk queue, kept exact by the table stream. */
export const queueCounts = z
  .object({
    mine: z.int(),
    /** Unassigned in the caller's groups, summed. */
    unassigned: z.int(),
    /** Per group: the caller's groups and the one asked for. */
    groups: z.record(z.string(), z.int()),
    all: z.int(),
    /** Open tickets with a breached SLA target still owed, any group (the desk's Overdue tab). */
    overdue: z.int(),
  })
  .meta({ id: 'TicketQueueCounts' });

export type QueueCountsQuery = z.output<typeof queueCountsQuery>;
export type QueueCounts = z.output<typeof queueCounts>;
