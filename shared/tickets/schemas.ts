import * as z from 'zod';

export const ticketStatusList = [
  'open', 'in_progress', 'answered', 'waiting_on_customer', 'on_hold', 'waiting_qc', 'qc_pass', 'qc_fail', 'resolved', 'closed',
] as const;
export const ticketPriorities = ['low', 'medium', 'high', 'urgent'] as const;
/** Priorities a customer may pick in the portal (urgent is for staff triage). */
export const customerPriorities = ['low', 'medium', 'high'] as const;
export const ticketChannels = ['web', 'email', 'phone', 'staff'] as const;
/** Channels staff may record when opening a ticket on a customer's behalf. */
export const staffChannels = ['phone', 'staff', 'email'] as const;
export const ticketQueues = ['mine', 'unassigned', 'group', 'all'] as const;
export const ticketSorts = ['createdAt:desc', 'createdAt:asc'] as const;
/** Timeline kinds a customer may see; everything else (notes, QC, assignment, tags...) is staff-only. */
export const publicEventKinds = ['created', 'status', 'reply', 'satisfaction', 'merge', 'follow_up'] as const;

export const ticketStatus = z.enum(ticketStatusList);
export const ticketPriority = z.enum(ticketPriorities);
export const ticketChannel = z.enum(ticketChannels);

const id = z.string().min(1).max(64);
const version = z.number().int().min(1);
const dateTime = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());
const cursor = z.string().min(1).max(4096).optional();
const limit = z.coerce.number().int().min(1).max(100).default(25);

export const ticketSubject = z.string().trim().min(1).max(200);
export const ticketDescription = z.string().trim().min(1).max(20_000);
/** Six digits; a leading `#` (as shown to people) is accepted. */
export const ticketNumberSchema = z
  .string()
  .trim()
  .transform((s) => s.replace(/^#/, ''))
  .pipe(z.string().regex(/^[1-9][0-9]{5}$/, 'Six digits, e.g. 482913'));

export const ticketPath = z.object({ ticketId: id }).strict();
export const ticketNumberPath = z.object({ number: ticketNumberSchema }).strict();

/**
 * POST /tickets. Customers open tickets on an account they are a contact of (channel web, they
 * are the requester, priority low–high); staff on behalf of a customer, optionally naming the
 * requesting contact, and record the channel.
 */
export const createTicket = z
  .object({
    subject: ticketSubject,
    description: ticketDescription,
    customerId: id,
    categoryId: id,
    priority: ticketPriority.default('medium'),
    requesterId: id.optional(),
    channel: z.enum(staffChannels).optional(),
  })
  .strict()
  .meta({ id: 'CreateTicket' });

/** PATCH /tickets/{ticketId} (staff). */
export const updateTicket = z
  .object({
    version,
    priority: ticketPriority.optional(),
    categoryId: id.optional(),
    subject: ticketSubject.optional(),
  })
  .strict()
  .refine((b) => b.priority !== undefined || b.categoryId !== undefined || b.subject !== undefined, {
    message: 'Nothing to change',
    path: ['priority'],
  })
  .meta({ id: 'UpdateTicket' });

/** POST /tickets/{ticketId}/status (staff). `reason` is required for `qc_fail`. */
export const changeTicketStatus = z
  .object({ version, status: ticketStatus, reason: z.string().trim().min(1).max(2000).optional() })
  .strict()
  .meta({ id: 'ChangeTicketStatus' });

/** POST /tickets/{ticketId}/close (customer). */
export const closeTicket = z.object({ version }).strict().meta({ id: 'CloseTicket' });

/** POST /tickets/{ticketId}/satisfaction (customer, after resolution). */
export const rateTicket = z
  .object({ version, rating: z.number().int().min(1).max(5), comment: z.string().trim().max(2000).optional() })
  .strict()
  .meta({ id: 'RateTicket' });

/** One SLA clock as staff see it (shared/sla/types.ts TargetClock). */
export const slaClockView = z.object({
  targetMinutes: z.number(),
  startedAt: z.string(),
  consumedMinutes: z.number(),
  countedTo: z.string(),
  pausedMinutes: z.number(),
  state: z.enum(['running', 'paused', 'met', 'breached']),
  dueAt: z.string().optional(),
  warnAt: z.string().optional(),
  warnedAt: z.string().optional(),
  metAt: z.string().optional(),
  breachedAt: z.string().optional(),
  elapsedMinutes: z.number().optional(),
});

/** Staff only: the ticket's SLA (badges on lists, the SLA panel). */
export const ticketSlaView = z
  .object({
    policyId: z.string(),
    calendarId: z.string(),
    nextResponseCycle: z.number(),
    nextCheckAt: z.string().optional(),
    clocks: z.object({ firstResponse: slaClockView.optional(), nextResponse: slaClockView.optional(), resolution: slaClockView.optional() }),
  })
  .meta({ id: 'TicketSla' });

/**
 * A ticket as the API shows it. Customer users get the public part only: no group, assignee,
 * QC details or tags, and the QC steps shown as `in_progress`. Staff also get
 * `allowedTransitions` on the single-ticket routes.
 */
export const ticketView = z
  .object({
    ticketId: z.string(),
    number: z.string(),
    subject: z.string(),
    description: z.string(),
    customerId: z.string(),
    requesterId: z.string().optional(),
    requesterEmail: z.string(),
    requesterName: z.string().optional(),
    channel: ticketChannel,
    categoryId: z.string(),
    priority: ticketPriority,
    status: ticketStatus,
    groupId: z.string().optional(),
    assigneeId: z.string().optional(),
    qcRequired: z.boolean().optional(),
    qcOutcome: z.enum(['pass', 'fail']).optional(),
    qcReason: z.string().optional(),
    qcBy: z.string().optional(),
    qcAt: z.string().optional(),
    tags: z.array(z.string()).optional(),
    firstResponseAt: z.string().optional(),
    resolvedAt: z.string().optional(),
    closedAt: z.string().optional(),
    lastCustomerMessageAt: z.string().optional(),
    lastAgentMessageAt: z.string().optional(),
    followUpOf: z.string().optional(),
    mergedInto: z.string().optional(),
    linkedTicketIds: z.array(z.string()).optional(),
    satisfactionRating: z.number().optional(),
    satisfactionComment: z.string().optional(),
    createdBy: z.string().optional(),
    allowedTransitions: z.array(ticketStatus).optional(),
    sla: ticketSlaView.optional(),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Ticket' });

export const ticketPage = z.object({ items: z.array(ticketView), cursor: z.string().nullable() }).meta({ id: 'TicketPage' });

export const ticketEventView = z
  .object({
    eventId: z.string(),
    at: z.string(),
    kind: z.string(),
    from: z.string().optional(),
    to: z.string().optional(),
    reason: z.string().optional(),
    details: z.record(z.string(), z.unknown()).optional(),
    actorId: z.string(),
    /** Staff only: names of the actor and of the users an assignee or watcher event names. */
    actorName: z.string().optional(),
    fromName: z.string().optional(),
    toName: z.string().optional(),
  })
  .meta({ id: 'TicketEvent' });

export const ticketTimeline = z
  .object({ items: z.array(ticketEventView), cursor: z.string().nullable() })
  .meta({ id: 'TicketTimeline' });

export const timelineQuery = z.object({ cursor, limit: z.coerce.number().int().min(1).max(200).default(100) }).strict();

/** GET /tickets (staff queues and filters). */
export const listTicketsQuery = z
  .object({
    queue: z.enum(ticketQueues).default('all'),
    groupId: id.optional(),
    status: ticketStatus.optional(),
    priority: ticketPriority.optional(),
    categoryId: id.optional(),
    assigneeId: id.optional(),
    tag: z.string().trim().min(1).max(40).optional(),
    channel: ticketChannel.optional(),
    createdFrom: dateTime.optional(),
    createdTo: dateTime.optional(),
    /** Words of the subject: every word must match. */
    q: z.string().trim().min(2).max(200).optional(),
    /** The requester's email, exact (case-insensitive). */
    requester: z.string().trim().max(254).pipe(z.email()).optional(),
    sort: z.enum(ticketSorts).default('createdAt:desc'),
    /** `true`: only tickets with a breached SLA target, not resolved or closed (oldest breach first). */
    overdue: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
    cursor,
    limit,
  })
  .strict()
  .refine((q) => q.queue !== 'unassigned' && q.queue !== 'group' ? true : !!q.groupId, {
    message: 'This queue needs `groupId`',
    path: ['groupId'],
  })
  .refine((q) => !q.createdFrom || !q.createdTo || q.createdFrom <= q.createdTo, {
    message: '`createdFrom` is after `createdTo`',
    path: ['createdTo'],
  });

/** GET /me/tickets (customer users). */
export const myTicketsQuery = z
  .object({
    customerId: id,
    /** `mine`: tickets I asked; `company`: every ticket of the account (needs canSeeTickets). */
    scope: z.enum(['mine', 'company']).default('mine'),
    status: ticketStatus.optional(),
    cursor,
    limit,
  })
  .strict();

export type CreateTicketInput = z.output<typeof createTicket>;
export type UpdateTicketInput = z.output<typeof updateTicket>;
export type ChangeTicketStatusInput = z.output<typeof changeTicketStatus>;
export type RateTicketInput = z.output<typeof rateTicket>;
export type ListTicketsQuery = z.output<typeof listTicketsQuery>;
export type MyTicketsQuery = z.output<typeof myTicketsQuery>;
export type TimelineQuery = z.output<typeof timelineQuery>;
export type TicketView = z.input<typeof ticketView>;
export type TicketEventView = z.input<typeof ticketEventView>;
