import * as z from 'zod';

/** One customer account the signed-in user acts for, with their contact role and rights there. */
export const myAccount = z
  .object({
    customerId: z.string(),
    name: z.string(),
    type: z.enum(['individual', 'corporate']),
    status: z.enum(['pending', 'active', 'suspended', 'inactive']),
    role: z.enum(['owner', 'billing', 'technical']),
    canSeeTickets: z.boolean(),
    canSeeInvoices: z.boolean(),
    canManageContacts: z.boolean(),
  })
  .meta({ id: 'MyCustomerAccount' });

/** GET /me/customers: every account the caller is a contact of (the portal's account switcher). */
export const myAccounts = z.object({ items: z.array(myAccount) }).meta({ id: 'MyCustomerAccounts' });

export type MyAccount = z.infer<typeof myAccount>;
