/** Placeholder replaced within this session. */
export function NotesTab(_props: { customerId: string }) {
  return null;
}
