/**
 * Demo helpdesk data for `npm start` (with the demo customers): the Support group with agent@ and
 * manager@ as members (auto-assignment has someone to pick), the starter categories (General,
 * Billing, Repairs — Repairs requires QC), and three tickets on Atlas Services SARL from
 * customer@. Creates only what is missing.
 */
import { actorFor } from './seed-customers.js';

const demoTickets = [
  { subject: 'Printer offline in the accounting office', description: 'Since this morning the HP printer on the 2nd floor shows "offline" on every PC.', category: 'General', priority: 'high' },
  { subject: 'Invoice 2026-0142 shows the wrong VAT rate', description: 'We are VAT-registered; the invoice applies 19 % on the support contract instead of 9 %.', category: 'Billing', priority: 'medium' },
  { subject: 'Laptop screen replacement (ThinkPad T14)', description: 'The screen of the sales manager’s laptop is cracked. Please replace it.', category: 'Repairs', priority: 'low' },
] as const;

export async function seedHelpdesk(atlasId: string): Promise<{ tickets: number }> {
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
  const existing = await Ticket.query.byCustomer({ customerId: atlasId }).go({ limit: 1 });
  if (existing.data.length) return { tickets: 0 };
  const { items } = await listCategoryTree(admin, false);
  const byName = new Map(items.map((c) => [c.name, c.categoryId]));
  for (const ticket of demoTickets) {
    const categoryId = byName.get(ticket.category);
    if (!categoryId) throw new Error(`Seed helpdesk: no category ${ticket.category}`);
    await createTicket({ subject: ticket.subject, description: ticket.description, customerId: atlasId, categoryId, priority: ticket.priority }, chloe);
  }
  return { tickets: demoTickets.length };
}
