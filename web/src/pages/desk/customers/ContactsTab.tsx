/** Placeholder replaced within this session. */
export function ContactsTab(_props: { customerId: string }) {
  return null;
}
