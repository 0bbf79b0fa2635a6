/** Placeholder replaced within this session. */
export function CustomerGroupsPage() {
  return null;
}
