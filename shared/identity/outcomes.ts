/** Outcomes of a sign-in attempt. Everything but the successes also lands in the `failures` index. */
export const loginOutcomes = [
  'success',
  'backup_code',
  'wrong_password',
  'wrong_code',
  'wrong_backup_code',
  'code_replayed',
  'unknown_user',
  'account_disabled',
  'locked',
  'lockout_started',
] as const;
export type LoginOutcome = (typeof loginOutcomes)[number];

export const successfulOutcomes: readonly LoginOutcome[] = ['success', 'backup_code'];
