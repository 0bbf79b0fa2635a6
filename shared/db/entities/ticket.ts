import { Entity, type EntityItem } from 'electrodb';
import { versioned } from '../attributes.js';
import { documentClient, tableName } from '../client.js';
import { lazy } from '../lazy.js';

/**
 * A support ticket. Its status moves only along shared/tickets/lifecycle.ts; every change is
 * written with its timeline events in one transaction conditioned on `version`. Lists are served
 * by four indexes (customer, assignee-or-unassigned-in-group, group, all); tags, subject words and
 * requester emails by `ticketSearchKey` items; the public number by a `ticketNumber` lock.
 */
export const Ticket = lazy(() => new Entity(
  {
    model: { entity: 'ticket', version: '1', service: 'cm' },
    attributes: {
      ticketId: { type: 'string', required: true, readOnly: true },
      /** Six digits, unique (shown as #482913); random, so never guessable in sequence. */
      number: { type: 'string', required: true, readOnly: true },
      subject: { type: 'string', required: true },
      description: { type: 'string', required: true },
      customerId: { type: 'string', required: true },
      /** The contact (customer user) who asked, when known; email-only requesters have none. */
      requesterId: { type: 'string' },
      requesterEmail: { type: 'string', required: true },
      requesterName: { type: 'string' },
      channel: { type: ['web', 'email', 'phone', 'staff'] as const, required: true },
      categoryId: { type: 'string', required: true },
      priority: { type: ['low', 'medium', 'high', 'urgent'] as const, required: true, default: 'medium' },
      status: {
        type: ['open', 'in_progress', 'answered', 'waiting_on_customer', 'on_hold', 'waiting_qc', 'qc_pass', 'qc_fail', 'resolved', 'closed'] as const,
        required: true,
        default: 'open',
      },
      groupId: { type: 'string', required: true },
      assigneeId: { type: 'string' },
      /** `assigneeId`, or `unassigned#<groupId>`: set by the service whenever either changes. */
      assigneeKey: { type: 'string', required: true },
      /** Copied from the category at creation: resolving then needs a QC pass. */
      qcRequired: { type: 'boolean', required: true, default: false },
      qcOutcome: { type: ['pass', 'fail'] as const },
      qcReason: { type: 'string' },
      qcBy: { type: 'string' },
      qcAt: { type: 'string' },
      tags: { type: 'list', items: { type: 'string' } },
      firstResponseAt: { type: 'string' },
      resolvedAt: { type: 'string' },
      closedAt: { type: 'string' },
      lastCustomerMessageAt: { type: 'string' },
      lastAgentMessageAt: { type: 'string' },
      /** Set when a customer wrote to a ticket closed too long ago: the new ticket links the old one. */
      followUpOf: { type: 'string' },
      mergedInto: { type: 'string' },
      linkedTicketIds: { type: 'list', items: { type: 'string' } },
      /** Random token of the reply address `support+<token>@domain` (a `mailThreadKey` finds the ticket). */
      replyToken: { type: 'string' },
      /** The mailbox address the ticket arrived at (email channel); notifications are sent from it. */
      mailbox: { type: 'string' },
      /** Other people on the mail thread (CC'd addresses, lowercased); their replies thread and they get public replies. */
      participants: { type: 'list', items: { type: 'string' } },
      /** The Message-ID of the mail that opened the ticket, or the one our first notification used: the thread's root. */
      rootMessageId: { type: 'string' },
      /** SLA clocks (shared/sla/types.ts TicketSla), recomputed on every change by shared/sla/engine.ts. */
      sla: { type: 'any' },
      /** Sparse `due` index: `sla` while an SLA clock has a pending warning or breach; `duesk` = `<nextCheckAt>#<ticketId>`. */
      duepk: { type: 'string' },
      duesk: { type: 'string' },
      satisfactionRating: { type: 'number' },
      satisfactionComment: { type: 'string' },
      createdBy: { type: 'string', required: true, readOnly: true },
      /** Constant partition of the "all tickets" list. */
      directory: { type: 'string', required: true, default: 'tickets', readOnly: true },
      ...versioned(),
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['ticketId'] },
        sk: { field: 'sk', composite: [] },
      },
      /** A customer's tickets (portal lists), newest first; "my tickets" filters on requesterId. */
      byCustomer: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['customerId'] },
        sk: { field: 'gsi1sk', composite: ['createdAt', 'ticketId'] },
      },
      /** An agent's tickets ("mine"), or a group's unassigned ones (`unassigned#<groupId>`). */
      byAssignee: {
        index: 'gsi2',
        pk: { field: 'gsi2pk', composite: ['assigneeKey'] },
        sk: { field: 'gsi2sk', composite: ['createdAt', 'ticketId'] },
      },
      /** A group's queue. */
      byGroup: {
        index: 'gsi3',
        pk: { field: 'gsi3pk', composite: ['groupId'] },
        sk: { field: 'gsi3sk', composite: ['createdAt', 'ticketId'] },
      },
      /** Every ticket. */
      byAll: {
        index: 'gsi4',
        pk: { field: 'gsi4pk', composite: ['directory'] },
        sk: { field: 'gsi4sk', composite: ['createdAt', 'ticketId'] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type TicketItem = EntityItem<typeof Ticket>;
export type TicketStatus = TicketItem['status'];
export type TicketPriority = TicketItem['priority'];
