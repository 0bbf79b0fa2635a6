import type { UserActor } from '../auth/actor.js';
import { InboundMessage } from '../db/entities/inbound-message.js';
import { TicketMessage } from '../db/entities/ticket-message.js';
import { NotFoundError } from '../errors.js';
import { loadTicketFor } from '../tickets/access.js';
import { presignDownload } from '../uploads/s3-files.js';

/**
 * A 60 s link to the raw MIME an email message of a ticket came from (staff only: the route is
 * `staffOnly`). 404 when the ticket is not visible, the message is not on it, was not an email,
 * or its inbound record is gone.
 */
export async function originalMessageLink(actor: UserActor, ticketId: string, messageId: string): Promise<{ url: string; expiresAt: string }> {
  const ticket = await loadTicketFor(actor, ticketId, 'read');
  const { data: messages } = await TicketMessage.query
    .byTicket({ ticketId })
    .where(({ messageId: m }, { eq }) => eq(m, messageId))
    .go({ pages: 'all' });
  const message = messages[0];
  if (!message) throw new NotFoundError('No such message');
  if (message.channel !== 'email' || !message.inboundId) throw new NotFoundError('This message did not arrive by email');
  const { data: inbound } = await InboundMessage.get({ messageId: message.inboundId }).go();
  if (!inbound) throw new NotFoundError('The original message is no longer stored');
  return presignDownload({ bucket: inbound.bucket, key: inbound.key, fileName: `message-${ticket.number}.eml`, contentType: 'message/rfc822' });
}
