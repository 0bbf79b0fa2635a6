/** Placeholder replaced within this session. */
export function KycReviewPage() {
  return null;
}
