/** Placeholder replaced within this session. */
export function PortalKycPage() {
  return null;
}
