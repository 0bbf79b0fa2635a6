/**
 * The user pool's password policy (infra/constructs/auth.ts, at least cdk-nag COG1): checked here
 * first so a weak password is refused with `weak_password` before anything is sent or written.
 */
export const passwordRules = {
  length: (v: string) => v.length >= 12,
  lower: (v: string) => /[a-z]/.test(v),
  upper: (v: string) => /[A-Z]/.test(v),
  digit: (v: string) => /\d/.test(v),
  symbol: (v: string) => /[^A-Za-z0-9\s]/.test(v),
} as const;

export type PasswordRule = keyof typeof passwordRules;

/** The rules a password breaks (empty when it is acceptable). */
export function brokenPasswordRules(password: string): PasswordRule[] {
  return (Object.keys(passwordRules) as PasswordRule[]).filter((rule) => !passwordRules[rule](password));
}
