import { useTicketAttachments } from '../../api/tickets';
import { AttachmentList } from './Conversation';

/**
 * Files attached to the ticket itself rather than to a message (e.g. added when it was opened):
 * checked and public only, so staff uploads not posted yet stay out of it.
 */
export function TicketFiles({ ticketId }: { ticketId: string }) {
  const files = useTicketFiles(ticketId);
  if (files.length === 0) return null;
  return <AttachmentList ticketId={ticketId} files={files} />;
}

/** The files TicketFiles shows (one shared query). */
export function useTicketFiles(ticketId: string) {
  const attachments = useTicketAttachments(ticketId);
  return (attachments.data ?? []).filter((a) => !a.messageId && a.status === 'available' && a.visibility === 'public');
}
