/** Placeholder replaced within this session. */
export function KycTab(_props: { customerId: string }) {
  return null;
}
