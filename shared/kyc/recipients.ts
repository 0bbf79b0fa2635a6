import { CustomerContact } from '../db/entities/customer-contact.js';
import { User } from '../db/entities/user.js';

/**
 * Who hears about an account's KYC: its owner and billing contacts, plus the uploader when they
 * are a contact; the uploader alone (staff included) when the account has no such contact.
 */
export async function kycRecipients(customerId: string, uploadedBy?: string): Promise<string[]> {
  const { data: contacts } = await CustomerContact.query.byCustomer({ customerId }).go({ pages: 'all' });
  const emails = new Set(contacts.filter((c) => c.role === 'owner' || c.role === 'billing' || c.userId === uploadedBy).map((c) => c.email));
  if (emails.size === 0 && uploadedBy) {
    const { data: user } = await User.get({ userId: uploadedBy }).go();
    if (user?.email) emails.add(user.email);
  }
  return [...emails];
}
