/** Placeholder replaced within this session. */
export function DocumentsTab(_props: { customerId: string }) {
  return null;
}
