import { webUrl } from '../contacts/emails.js';
import { Customer } from '../db/entities/customer.js';
import { SupportGroup } from '../db/entities/support-group.js';
import type { TicketItem, TicketPriority } from '../db/entities/ticket.js';
import { User, type UserItem } from '../db/entities/user.js';
import { languageOf } from '../notifications/recipients.js';
import { sendNotification, type SendOutcome, type TemplateEvent } from '../notifications/send.js';
import { logger } from '../observability.js';
import type { TicketEventInput } from '../tickets/store.js';
import type { EscalationRules } from './types.js';

/** Who the SLA and automation jobs act as on the timeline. */
export const slaActorId = 'system:sla';
export const automationActorId = 'system:automation';

const priorities: readonly TicketPriority[] = ['low', 'medium', 'high', 'urgent'];

/** One step up (urgent stays urgent). */
export const raisedPriority = (p: TicketPriority): TicketPriority => priorities[Math.min(priorities.indexOf(p) + 1, priorities.length - 1)]!;

export interface EscalationPlan {
  set: Partial<TicketItem>;
  /** `assigneeId` when the ticket moves group without a lead to take it. */
  remove: 'assigneeId'[];
  events: TicketEventInput[];
  /** The group whose agents auto-assignment should pick from after the write (moved, nobody assigned). */
  autoAssign: boolean;
  notifyManagers: boolean;
}

/**
 * What a breach changes on the ticket per the policy's rules: priority one step up, another group,
 * its lead (or the new group's) as assignee. The lead is read here; the write is the caller's, in
 * the breach's transaction. Load items are the caller's too (they depend on the final state).
 */
export async function planEscalation(ticket: TicketItem, rules: EscalationRules, target: string): Promise<EscalationPlan> {
  const set: Partial<TicketItem> = {};
  const events: TicketEventInput[] = [];
  const details = { sla: target };
  if (rules.raisePriority && ticket.priority !== 'urgent') {
    set.priority = raisedPriority(ticket.priority);
    events.push({ kind: 'priority', from: ticket.priority, to: set.priority, actorId: slaActorId, reason: 'sla_breach', details });
  }
  const groupId = rules.moveToGroupId && rules.moveToGroupId !== ticket.groupId ? rules.moveToGroupId : undefined;
  if (groupId) {
    set.groupId = groupId;
    events.push({ kind: 'group', from: ticket.groupId, to: groupId, actorId: slaActorId, reason: 'sla_breach', details });
  }
  let lead: string | undefined;
  if (rules.assignToLead) {
    const { data } = await SupportGroup.get({ groupId: groupId ?? ticket.groupId }).go({ attributes: ['leadId'] });
    const { data: user } = data?.leadId ? await User.get({ userId: data.leadId }).go() : { data: null };
    if (user?.kind === 'staff' && user.status === 'active') lead = user.userId;
  }
  const assignee = lead ?? (groupId ? undefined : ticket.assigneeId);
  if (assignee !== ticket.assigneeId) {
    if (assignee) Object.assign(set, { assigneeId: assignee, assigneeKey: assignee });
    else set.assigneeKey = `unassigned#${groupId ?? ticket.groupId}`;
    events.push({ kind: 'assignee', from: ticket.assigneeId, to: assignee, actorId: slaActorId, reason: 'sla_breach', details: { ...details, auto: true } });
  }
  const remove = assignee === undefined && ticket.assigneeId ? (['assigneeId'] as const).slice() : [];
  return { set, remove, events, autoAssign: !!groupId && !assignee, notifyManagers: rules.notifyManagers };
}

/** Active staff users holding the manager role (the role index: one Query, no scan). */
export async function managers(): Promise<UserItem[]> {
  const { data } = await User.query.byRole({ role: 'manager' }).go({ pages: 'all' });
  return data.filter((u) => u.kind === 'staff' && u.status === 'active');
}

export async function staffUser(userId: string | undefined): Promise<UserItem | undefined> {
  if (!userId) return undefined;
  const { data } = await User.get({ userId }).go();
  return data?.kind === 'staff' && data.status === 'active' ? data : undefined;
}

export async function groupLead(groupId: string): Promise<UserItem | undefined> {
  const { data } = await SupportGroup.get({ groupId }).go({ attributes: ['leadId'] });
  return staffUser(data?.leadId);
}

async function customerName(customerId: string): Promise<string> {
  const { data } = await Customer.get({ customerId }).go({ attributes: ['name'] });
  return data?.name ?? '';
}

export interface Mail {
  to: { email: string; name?: string | undefined; userId?: string | undefined; locale?: string | undefined; staff: boolean };
  template: TemplateEvent;
  variables: Record<string, string>;
  /** Unique per mail: a repeated job never sends it twice. */
  dedupeKey: string;
}

/** Sends a job's mails about a ticket; a failure is logged (the job's own state is already written). */
export async function sendAbout(ticket: TicketItem, mails: Mail[]): Promise<SendOutcome[]> {
  if (!mails.length) return [];
  const company = await customerName(ticket.customerId);
  const outcomes: SendOutcome[] = [];
  for (const m of mails) {
    try {
      outcomes.push(
        await sendNotification({
          dedupeKey: m.dedupeKey,
          to: { email: m.to.email, ...(m.to.name ? { name: m.to.name } : {}), ...(m.to.userId ? { userId: m.to.userId } : {}), language: languageOf(m.to.locale) },
          template: m.template,
          variables: {
            ticket_number: ticket.number,
            ticket_subject: ticket.subject,
            ticket_url: `${webUrl}/${m.to.staff ? 'desk' : 'portal'}/tickets/${encodeURIComponent(ticket.ticketId)}`,
            customer_name: company,
            contact_name: ticket.requesterName ?? company,
            recipient_name: m.to.name ?? m.to.email,
            ...m.variables,
          },
          ticket: {
            ticketId: ticket.ticketId,
            number: ticket.number,
            ...(ticket.replyToken && !m.to.staff ? { replyToken: ticket.replyToken } : {}),
            ...(ticket.rootMessageId ? { rootMessageId: ticket.rootMessageId } : {}),
            ...(ticket.mailbox ? { mailbox: ticket.mailbox } : {}),
          },
          automatic: true,
          loopGuard: !m.to.staff,
        }),
      );
    } catch (err) {
      logger.error('SLA/automation mail failed', { ticketId: ticket.ticketId, template: m.template, error: (err as Error).message });
    }
  }
  return outcomes;
}

/** A staff user as a mail recipient. */
export const staffRecipient = (u: UserItem): Mail['to'] => ({ email: u.email, name: u.name, userId: u.userId, locale: u.locale, staff: true });
