/** The notification kinds, each with its own template (overridable per language by an admin). */
export const templateEvents = [
  'ticket_received',
  'agent_reply',
  'customer_reply',
  'status_changed',
  'assigned',
  'mention',
  'sender_rejected',
  'message_too_large',
  'sla_warning',
  'sla_breach',
  'ticket_auto_closed',
  'waiting_reminder',
] as const;
export type TemplateEvent = (typeof templateEvents)[number];

export const templateLanguages = ['en', 'fr', 'ar'] as const;
export type TemplateLanguage = (typeof templateLanguages)[number];

const ticket = ['ticket_number', 'ticket_subject', 'ticket_url', 'company_name'] as const;

/** What each event provides: a template may use these `{{variables}}` and nothing else. */
export const templateVariables: Record<TemplateEvent, readonly string[]> = {
  ticket_received: [...ticket, 'contact_name', 'customer_name'],
  agent_reply: [...ticket, 'contact_name', 'customer_name', 'agent_name', 'reply_body'],
  customer_reply: [...ticket, 'recipient_name', 'customer_name', 'contact_name', 'reply_body'],
  status_changed: [...ticket, 'recipient_name', 'customer_name', 'status', 'old_status', 'agent_name'],
  assigned: [...ticket, 'recipient_name', 'customer_name', 'assignee_name', 'agent_name'],
  mention: [...ticket, 'recipient_name', 'agent_name', 'mention_excerpt'],
  sender_rejected: ['contact_name', 'original_subject', 'company_name'],
  message_too_large: ['contact_name', 'original_subject', 'max_size', 'company_name'],
  sla_warning: [...ticket, 'recipient_name', 'customer_name', 'due_at', 'sla_target'],
  sla_breach: [...ticket, 'recipient_name', 'customer_name', 'due_at', 'sla_target'],
  ticket_auto_closed: [...ticket, 'contact_name', 'customer_name', 'reopen_days'],
  waiting_reminder: [...ticket, 'contact_name', 'customer_name', 'resolve_days'],
};

/** Made-up values for previews. */
export const sampleValues: Record<string, string> = {
  ticket_number: '482913',
  ticket_subject: 'Printer offline since this morning',
  ticket_url: 'https://app.cloudmanager.example/portal/tickets/example',
  company_name: 'CloudManager',
  contact_name: 'Alex Martin',
  customer_name: 'Example Ltd',
  recipient_name: 'Sam Agent',
  agent_name: 'Sam Agent',
  reply_body: 'Hello,\n\nWe restarted the print server; please try again.',
  status: 'resolved',
  old_status: 'open',
  assignee_name: 'Sam Agent',
  mention_excerpt: '@sam could you look at the logs?',
  update_summary: 'The priority changed to high.',
  original_subject: 'Invoice question',
  max_size: '30 MB',
  due_at: '2030-01-01 12:00 UTC',
  sla_target: 'first response',
  reopen_days: '14',
  resolve_days: '3',
};
