/** True for a failed write condition, whether the SDK error arrives raw or wrapped by ElectroDB (`cause`). */
export function isConditionalCheckFailed(err: unknown): boolean {
  const e = err as { name?: string; cause?: { name?: string } } | undefined;
  return e?.name === 'ConditionalCheckFailedException' || e?.cause?.name === 'ConditionalCheckFailedException';
}
