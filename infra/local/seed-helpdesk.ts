/**
 * Demo helpdesk data for `npm start` (with the demo customers): the Support group with agent@ and
 * manager@ as members (auto-assignment has someone to pick) and manager@ as its lead, the starter categories (General,
 * Billing, Repairs — Repairs requires QC), three canned replies with variables, three coloured
 * tag definitions and three tickets on Atlas Services SARL from customer@. Creates only what is
 * missing.
 */
import { actorFor } from './seed-customers.js';

const demoTickets = [
  { subject: 'Printer offline in the accounting office', description: 'Since this morning the HP printer on the 2nd floor shows "offline" on every PC.', category: 'General', priority: 'high' },
  { subject: 'Invoice 2026-0142 shows the wrong VAT rate', description: 'We are VAT-registered; the invoice applies 19 % on the support contract instead of 9 %.', category: 'Billing', priority: 'medium' },
  { subject: 'Laptop screen replacement (ThinkPad T14)', description: 'The screen of the sales manager’s laptop is cracked. Please replace it.', category: 'Repairs', priority: 'low' },
] as const;

export const demoCannedReplies = [
  { title: 'Greeting', body: 'Hello {{contact_name}}, thank you for contacting {{company_name}} about ticket #{{ticket_number}}. We are looking into it.\n\n{{agent_name}}' },
  { title: 'Need more details', body: 'Hello {{contact_name}}, to move ticket #{{ticket_number}} ("{{ticket_subject}}") forward we need a few more details: when did it start, what exactly do you see, and has anything changed recently?\n\n{{agent_name}}' },
  { title: 'Resolved', body: 'Hello {{contact_name}}, ticket #{{ticket_number}} is resolved. If the problem comes back, just reply to this ticket.\n\n{{agent_name}}, {{company_name}}' },
] as const;

export const demoTags = [
  { name: 'hardware', colour: '#1f77b4', description: 'Devices, parts and repairs' },
  { name: 'network', colour: '#2ca02c', description: 'Connectivity, Wi-Fi, VPN' },
  { name: 'billing', colour: '#d62728', description: 'Invoices, payments, VAT' },
] as const;

export async function seedHelpdesk(atlasId: string): Promise<{ tickets: number; cannedReplies: number; tags: number }> {
  const { ensureHelpdeskDefaults, listCategoryTree } = await import('../../shared/tickets/categories.js');
  const { createTicket } = await import('../../shared/tickets/service.js');
  const { Ticket } = await import('../../shared/db/entities/ticket.js');
  const [admin, agent, manager, chloe] = await Promise.all([
    actorFor('admin@cloudmanager.example'),
    actorFor('agent@cloudmanager.example'),
    actorFor('manager@cloudmanager.example'),
    actorFor('customer@cloudmanager.example'),
  ]);
  await ensureHelpdeskDefaults({ memberIds: [agent.userId, manager.userId], addedBy: admin.userId });
  await leadSupport(manager.userId);
  const cannedReplies = await seedCannedReplies(admin);
  const tags = await seedTags(admin);
  const existing = await Ticket.query.byCustomer({ customerId: atlasId }).go({ limit: 1 });
  if (existing.data.length) return { tickets: 0, cannedReplies, tags };
  const { items } = await listCategoryTree(admin, false);
  const byName = new Map(items.map((c) => [c.name, c.categoryId]));
  for (const ticket of demoTickets) {
    const categoryId = byName.get(ticket.category);
    if (!categoryId) throw new Error(`Seed helpdesk: no category ${ticket.category}`);
    await createTicket({ subject: ticket.subject, description: ticket.description, customerId: atlasId, categoryId, priority: ticket.priority }, chloe);
  }
  return { tickets: demoTickets.length, cannedReplies, tags };
}

/** manager@ leads the Support group (the urgent SLA policy escalates a breach to the lead), unless it has a lead. */
async function leadSupport(managerId: string): Promise<void> {
  const { ensureDefaultGroup, findGroup, updateGroup } = await import('../../shared/tickets/groups.js');
  const group = await findGroup((await ensureDefaultGroup()).groupId);
  if (!group || group.leadId) return;
  await updateGroup(group.groupId, { version: group.version, name: group.name, description: group.description ?? '', leadId: managerId });
}

type Admin = Awaited<ReturnType<typeof actorFor>>;

/** The demo canned replies whose title is not taken yet; returns how many were created. */
async function seedCannedReplies(admin: Admin): Promise<number> {
  const { createCannedReply, listCannedReplies } = await import('../../shared/tickets/canned.js');
  let created = 0;
  for (const reply of demoCannedReplies) {
    const { items } = await listCannedReplies({ q: reply.title, limit: 100 });
    if (items.some((r) => r.title === reply.title)) continue;
    await createCannedReply(admin, { title: reply.title, body: reply.body });
    created += 1;
  }
  return created;
}

/** The demo tag definitions not defined yet; returns how many were created. */
async function seedTags(admin: Admin): Promise<number> {
  const { createTag, listTags } = await import('../../shared/tickets/tags.js');
  const defined = new Set((await listTags()).map((t) => t.name));
  const missing = demoTags.filter((t) => !defined.has(t.name));
  for (const tag of missing) await createTag({ ...tag }, admin);
  return missing.length;
}
