/** Placeholder replaced within this session. */
export function PortalAccountPage() {
  return null;
}
