/** Placeholder replaced within this session. */
export function CustomersListPage() {
  return null;
}
