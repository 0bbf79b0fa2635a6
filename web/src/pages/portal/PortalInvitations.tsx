/** Placeholder replaced within this session. */
export function PortalInvitationsPage() {
  return null;
}
