/** Placeholder replaced within this session. */
export function PortalContactsPage() {
  return null;
}
