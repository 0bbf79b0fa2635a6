/** Placeholder replaced within this session. */
export function KycRequirementsPage() {
  return null;
}
