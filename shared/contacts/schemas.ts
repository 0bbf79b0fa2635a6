import * as z from 'zod';

export const contactRole = z.enum(['owner', 'billing', 'technical']);
export const contactRoles = contactRole.options;
export const invitationStatus = z.enum(['pending', 'accepted', 'declined', 'revoked']);

/** Invitations are valid this long. */
export const invitationValidityDays = 14;

const id = z.string().min(1).max(64);

/** The rights a contact holds besides its role (owners hold all three). */
const rights = {
  canSeeTickets: z.boolean(),
  canSeeInvoices: z.boolean(),
  canManageContacts: z.boolean(),
};

export const contactView = z
  .object({
    customerId: z.string(),
    userId: z.string(),
    name: z.string(),
    email: z.string(),
    role: contactRole,
    ...rights,
    addedBy: z.string(),
    /** Mail to this address bounced (when, and the server's answer); cleared when an admin lifts the suppression. */
    emailBouncedAt: z.iso.datetime().optional(),
    emailBounceDetail: z.string().optional(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'CustomerContact' });

export const contactList = z.object({ items: z.array(contactView) }).meta({ id: 'CustomerContactList' });

export const customerPath = z.object({ customerId: id });
export const contactPath = z.object({ customerId: id, userId: id });
export const invitationPath = z.object({ customerId: id, invitationId: id });
export const myInvitationPath = z.object({ invitationId: id });

/** PATCH a contact: role and rights, with the version read (optimistic locking). */
export const updateContact = z
  .object({
    role: contactRole,
    ...rights,
    version: z.number().int().min(1),
  })
  .strict()
  .meta({ id: 'UpdateCustomerContact' });

export const inviteContact = z
  .object({
    email: z.email().max(254),
    name: z.string().trim().min(1).max(120).optional(),
    role: contactRole,
    canSeeTickets: z.boolean().default(true),
    canSeeInvoices: z.boolean().default(false),
    canManageContacts: z.boolean().default(false),
  })
  .strict()
  .meta({ id: 'InviteCustomerContact' });

export const invitationView = z
  .object({
    invitationId: z.string(),
    customerId: z.string(),
    customerName: z.string(),
    email: z.string(),
    name: z.string().optional(),
    role: contactRole,
    ...rights,
    status: invitationStatus,
    invitedByName: z.string(),
    /** When it stops being valid. */
    expiresAt: z.iso.datetime(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'ContactInvitation' });

export const invitationList = z.object({ items: z.array(invitationView) }).meta({ id: 'ContactInvitationList' });

export type ContactRole = z.infer<typeof contactRole>;
export type ContactView = z.infer<typeof contactView>;
export type UpdateContact = z.infer<typeof updateContact>;
export type InviteContact = z.infer<typeof inviteContact>;
export type InvitationView = z.infer<typeof invitationView>;

/** 204 answers carry no body. */
export const noContent = z.void();
