/** Placeholder replaced within this session. */
export function CustomerPage() {
  return null;
}
