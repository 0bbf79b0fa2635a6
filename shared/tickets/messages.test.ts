import { describe, expect, it } from 'vitest';
import type { UserActor } from '../auth/actor.js';
import type { TicketItem } from '../db/entities/ticket.js';
import type { TicketAttachmentItem } from '../db/entities/ticket-attachment.js';
import { planPost, toMessageView, type Prepared } from './messages.js';

const staff = { userId: 'agent-1', isStaff: true } as UserActor;
const customer = { userId: 'cust-1', isStaff: false } as UserActor;
const now = '2026-03-01T10:00:00.000Z';

const ticket = (over: Partial<TicketItem> = {}) =>
  ({ ticketId: 't1', number: '482913', subject: 'S', status: 'open', version: 3, qcRequired: false, ...over }) as TicketItem;

const prepared = (actor: UserActor, over: Partial<Prepared['input']> = {}, extra: Partial<Prepared> = {}): Prepared => ({
  input: { kind: 'reply', body: 'Hello', attachmentIds: [], ...over },
  actor,
  authorName: 'Someone',
  attachments: [],
  mentioned: [],
  ...extra,
});

const attachment = { ticketId: 't1', attachmentId: 'a1', fileName: 'x.pdf', contentType: 'application/pdf', size: 9, version: 2 } as TicketAttachmentItem;

describe('planPost', () => {
  it('a first staff reply answers an open ticket and sets the first response time', () => {
    const change = planPost(ticket(), prepared(staff), 'm1', now);
    expect(change.set).toEqual({ lastAgentMessageAt: now, firstResponseAt: now, status: 'answered' });
    expect(change.events.map((e) => e.kind)).toEqual(['reply', 'status']);
    expect(change.events[1]).toMatchObject({ from: 'open', to: 'answered' });
  });

  it('a later staff reply keeps the first response time and a waiting status', () => {
    const change = planPost(ticket({ status: 'on_hold', firstResponseAt: '2026-01-01T00:00:00.000Z' }), prepared(staff), 'm1', now);
    expect(change.set).toEqual({ lastAgentMessageAt: now });
  });

  it('an internal note changes no status, links its attachments as internal, and records mentions', () => {
    const change = planPost(
      ticket(),
      prepared(staff, { kind: 'note', attachmentIds: ['a1'] }, { attachments: [attachment], mentioned: [{ userId: 'u9' } as never] }),
      'm1',
      now,
    );
    expect(change.set).toEqual({});
    expect(change.events.map((e) => e.kind)).toEqual(['note', 'mention']);
    expect(JSON.stringify(change.events)).not.toContain('Hello');
    const update = change.also!.find((i) => 'Update' in i && i.Update) as { Update: { ExpressionAttributeValues: Record<string, unknown> } };
    expect(Object.values(update.Update.ExpressionAttributeValues)).toContain('internal');
    const put = change.also![0] as { Put: { Item: Record<string, unknown> } };
    expect(put.Put.Item).toMatchObject({ kind: 'note', mentionedUserIds: ['u9'], attachments: [{ attachmentId: 'a1', fileName: 'x.pdf', contentType: 'application/pdf', size: 9 }] });
  });

  it('a customer reply reopens a resolved ticket and counts as their message', () => {
    const change = planPost(ticket({ status: 'resolved' }), prepared(customer), 'm1', now);
    expect(change.set).toEqual({ lastCustomerMessageAt: now, status: 'open' });
    expect(change.events[1]).toMatchObject({ kind: 'status', from: 'resolved', to: 'open', reason: 'customer_reply' });
  });

  it('counts the canned reply a staff reply came from', () => {
    const change = planPost(ticket(), prepared(staff, { cannedReplyId: 'c1' }), 'm1', now);
    const counted = change.also!.some((i) => JSON.stringify(i).includes('usageCount'));
    expect(counted).toBe(true);
  });
});

describe('toMessageView', () => {
  it('keeps mentions and canned reply ids from customers', () => {
    const item = { ticketId: 't1', messageId: 'm1', kind: 'reply', body: 'b', authorId: 'a', authorName: 'A', authorKind: 'staff', attachments: [], mentionedUserIds: ['u'], cannedReplyId: 'c', createdAt: now } as never;
    expect(toMessageView(item, { isStaff: false })).not.toHaveProperty('cannedReplyId');
    expect(toMessageView(item, { isStaff: true })).toMatchObject({ cannedReplyId: 'c', mentionedUserIds: ['u'] });
  });
});
