/** Placeholder replaced within this session. */
export function AccountSwitcher() {
  return null;
}
