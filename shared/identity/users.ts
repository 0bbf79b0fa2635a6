import { staffRoles, type Role } from '../auth/permissions.js';
import { User, type UserItem } from '../db/entities/user.js';
import { isConditionalCheckFailed } from '../db/errors.js';

/** The user records the identity module reads and the few fields it changes (TOTP flag, email, revocation). */

/** One user, read strongly consistent (security decisions). */
export async function getUser(userId: string): Promise<UserItem | null> {
  const { data } = await User.get({ userId }).go({ consistent: true });
  return data;
}

/** The user holding this address (exact, lower-case), if any. */
export async function findUserByEmail(email: string): Promise<UserItem | null> {
  const { data } = await User.query.byEmail({ directory: 'users', emailLower: email.toLowerCase() }).go({ limit: 2 });
  return data.find((u) => u.emailLower === email.toLowerCase()) ?? null;
}

export interface NewUser {
  userId: string;
  email: string;
  name: string;
  role: Role | string;
  kind?: 'staff' | 'customer';
  locale?: string;
  mfaEnrolled?: boolean;
}

/** Creates the user record if absent (registration, seeding, first sign-in of a pool-only user); returns the record. */
export async function ensureUserRecord(input: NewUser): Promise<UserItem> {
  const kind = input.kind ?? (staffRoles.includes(input.role as Role) ? 'staff' : 'customer');
  try {
    const { data } = await User.create({
      userId: input.userId,
      email: input.email.toLowerCase(),
      name: input.name,
      role: input.role,
      kind,
      mfaEnrolled: input.mfaEnrolled ?? false,
      ...(input.locale ? { locale: input.locale } : {}),
    }).go();
    return data as UserItem;
  } catch (err) {
    if (!isConditionalCheckFailed(err)) throw err;
    const existing = await getUser(input.userId);
    if (!existing) throw err;
    return existing;
  }
}

/** Records whether TOTP is set up (the resolver reads it on every request). */
export async function setMfaEnrolled(userId: string, enrolled: boolean): Promise<void> {
  await User.patch({ userId }).set({ mfaEnrolled: enrolled }).add({ version: 1 }).go();
}

/** Every token issued before now is refused from the next request on. */
export async function revokeTokensIssuedBefore(userId: string, epochSeconds: number): Promise<void> {
  await User.patch({ userId }).set({ sessionsRevokedBefore: epochSeconds }).add({ version: 1 }).go();
}

/** The verified new address (index keys rebuilt from the record's directory and role). */
export async function setUserEmail(user: Pick<UserItem, 'userId' | 'role' | 'directory'>, email: string): Promise<void> {
  await User.patch({ userId: user.userId })
    .set({ email: email.toLowerCase() })
    .composite({ directory: user.directory, role: user.role })
    .add({ version: 1 })
    .go();
}
