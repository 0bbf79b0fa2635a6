import type { UserActor } from '../auth/actor.js';
import { cognito, userPoolId } from '../aws/cognito.js';
import { checkCursor, withCursor } from '../db/cursor.js';
import { User, type UserItem } from '../db/entities/user.js';
import { isConditionalCheckFailed } from '../db/errors.js';
import { AppError, ConflictError, NotFoundError, ServiceUnavailableError } from '../errors.js';
import { sendEmail } from '../mail/send.js';
import { logger } from '../observability.js';
import { permissionsFor } from '../roles/matrix.js';
import { reassignTicketsOf } from '../tickets/assignment.js';
import { isBuiltInRole, isStaffRoleId } from '../roles/policy.js';
import { invitationEmail, mfaResetEmail } from './emails.js';
import { meetsPasswordPolicy, temporaryPassword } from './password.js';
import { assertMayGrantRole, assertMayManage, type UserAction } from './policy.js';
import type { ChangeUserRole, CreateStaffUser, ListUsersQuery, UserView } from './schemas.js';

const directory = 'users';
const nowSeconds = () => Math.floor(Date.now() / 1000);

export function toUserView(item: UserItem): UserView {
  return {
    userId: item.userId,
    email: item.email,
    name: item.name,
    role: item.role,
    status: item.status,
    kind: item.kind,
    mfaEnrolled: item.mfaEnrolled,
    ...(item.locale ? { locale: item.locale } : {}),
    version: item.version,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

async function readUser(userId: string): Promise<UserItem> {
  const { data } = await User.get({ userId }).go();
  if (!data) throw new NotFoundError('No such user');
  return data;
}

/** One user's record. */
export async function getUser(userId: string): Promise<UserView> {
  return toUserView(await readUser(userId));
}

/** The user with this email (case-insensitive), if any. */
export async function findUserByEmail(email: string): Promise<UserItem | null> {
  const emailLower = email.trim().toLowerCase();
  const { data } = await User.query
    .byEmail({ directory, emailLower })
    .where(({ emailLower: e }, { eq }) => eq(e, emailLower))
    .go({ count: 1 });
  return data[0] ?? null;
}

/**
 * Lists users by email (optionally an email prefix), from the directory or from one role's users,
 * with status and kind as filters; `count` fills each page even when filters skip items.
 */
export async function listUsers(query: ListUsersQuery): Promise<{ items: UserView[]; cursor: string | null }> {
  const cursor = checkCursor(query.cursor);
  const prefix = query.q?.toLowerCase();
  const options = { count: query.limit, cursor };
  const filters = <A extends { status: unknown; kind: unknown }>(attr: A, { eq }: { eq: (a: unknown, v: unknown) => string }) =>
    [query.status ? eq(attr.status, query.status) : '', query.kind ? eq(attr.kind, query.kind) : ''].filter(Boolean).join(' AND ');
  const filtered = Boolean(query.status || query.kind);
  const page = await withCursor(async () => {
    if (query.role) {
      const q = User.query.byRole({ role: query.role });
      const keyed = prefix ? q.begins({ emailLower: prefix }) : q;
      return filtered ? keyed.where(filters).go(options) : keyed.go(options);
    }
    const q = User.query.byEmail({ directory });
    const keyed = prefix ? q.begins({ emailLower: prefix }) : q;
    return filtered ? keyed.where(filters).go(options) : keyed.go(options);
  });
  return { items: page.data.map(toUserView), cursor: page.cursor };
}

/** Policy checks with the permissions the roles grant right now (the matrix, as enforced). */
async function mayGrant(actor: UserActor, roleId: string): Promise<void> {
  assertMayGrantRole(actor, roleId, await permissionsFor(roleId));
}

async function mayManage(actor: UserActor, user: UserItem, action: UserAction): Promise<void> {
  assertMayManage(actor, user, action, await permissionsFor(user.role));
}

/** roles/service is loaded here, not at import: its entities are built only by the requests that check a role. */
async function roleExists(roleId: string): Promise<boolean> {
  return (await import('../roles/service.js')).roleExists(roleId);
}

async function assertStaffRole(roleId: string): Promise<void> {
  if (!isStaffRoleId(roleId) || !(await roleExists(roleId))) {
    throw new AppError(400, 'invalid_role', `${roleId} is not a staff role`, { role: roleId });
  }
}

const emailTaken = () => new ConflictError('email_taken', 'An account with this email already exists');

/**
 * Creates a staff account: the Cognito user with a generated temporary password (Cognito then
 * answers NEW_PASSWORD_REQUIRED at first sign-in), its role group, the User record, and the
 * invitation email carrying the password. Anything failing after the Cognito user exists undoes
 * what was done, so an account never exists without its record or its invitation.
 */
export async function createStaffUser(input: CreateStaffUser, actor: UserActor): Promise<UserView> {
  await mayGrant(actor, input.role);
  await assertStaffRole(input.role);
  const email = input.email.trim();
  if (await findUserByEmail(email)) throw emailTaken();

  const password = temporaryPassword();
  if (!meetsPasswordPolicy(password)) throw new Error('generated password misses the policy');
  let userId: string | undefined;
  try {
    const { client, sdk } = await cognito();
    const out = await client.send(
      new sdk.AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: email,
        TemporaryPassword: password,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
    );
    userId = out.User?.Attributes?.find((a) => a.Name === 'sub')?.Value ?? out.User?.Username;
  } catch (err) {
    if ((err as Error).name === 'UsernameExistsException') throw emailTaken();
    throw err;
  }
  if (!userId) throw new Error('AdminCreateUser returned no sub');

  let recorded = false;
  try {
    if (isBuiltInRole(input.role)) {
      const { client, sdk } = await cognito();
      await client.send(new sdk.AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: userId, GroupName: input.role }));
    }
    const { data } = await User.create({
      userId,
      email,
      name: input.name,
      role: input.role,
      kind: 'staff',
      status: 'active',
      mfaEnrolled: false,
      ...(input.locale ? { locale: input.locale } : {}),
    }).go();
    recorded = true;
    try {
      await sendEmail(invitationEmail({ email, name: input.name, role: input.role }, password));
    } catch (err) {
      logger.error('invitation email failed', { userId, error: (err as Error).message });
      throw new ServiceUnavailableError('mail_unavailable', 'The invitation email could not be sent; nothing was created, try again');
    }
    return toUserView(data);
  } catch (err) {
    await undoStaffUser(userId, recorded);
    throw err;
  }
}

/** Removes a staff account created moments ago (its creation failed half-way, or its approval lost a race). */
export async function undoStaffUser(userId: string, recorded = true): Promise<void> {
  if (recorded) await User.delete({ userId }).go().catch((e: Error) => logger.error('undo: user record not deleted', { userId, error: e.message }));
  try {
    const { client, sdk } = await cognito();
    await client.send(new sdk.AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: userId }));
  } catch (e) {
    logger.error('undo: Cognito user not deleted', { userId, error: (e as Error).message });
  }
}

/** Moves the Cognito group membership from one role to another (custom roles have no group). */
async function moveGroup(userId: string, from: string, to: string): Promise<void> {
  const { client, sdk } = await cognito();
  if (isBuiltInRole(to)) await client.send(new sdk.AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: userId, GroupName: to }));
  if (isBuiltInRole(from)) await client.send(new sdk.AdminRemoveUserFromGroupCommand({ UserPoolId: userPoolId, Username: userId, GroupName: from }));
}

/**
 * Gives a staff user another staff role (optimistic locking on the version read). Sessions issued
 * before now are revoked, so the new role applies from the user's very next request.
 */
export async function changeUserRole(userId: string, input: ChangeUserRole, actor: UserActor): Promise<UserView> {
  const user = await readUser(userId);
  await mayManage(actor, user, 'changeRole');
  await mayGrant(actor, input.role);
  if (user.kind !== 'staff') throw new AppError(400, 'not_staff', 'Only staff accounts change role here');
  await assertStaffRole(input.role);
  const conflict = () => new ConflictError('version_conflict', 'The user was changed by someone else; reload and try again');
  if (user.version !== input.version) throw conflict();
  if (user.role === input.role) return toUserView(user);

  await moveGroup(userId, user.role, input.role);
  try {
    const { data } = await User.patch({ userId })
      .set({ role: input.role, sessionsRevokedBefore: nowSeconds(), version: input.version + 1 })
      .where(({ version }, { eq }) => eq(version, input.version))
      .go({ response: 'all_new' });
    return toUserView(data);
  } catch (err) {
    await moveGroup(userId, input.role, user.role).catch((e: Error) => logger.error('role change: Cognito groups not restored', { userId, error: e.message }));
    if (isConditionalCheckFailed(err)) throw conflict();
    throw err;
  }
}

/**
 * Disables or enables an account in Cognito and in its record; every session issued before now is
 * revoked, so a disabled user's unexpired token is refused on their very next request.
 */
export async function setUserStatus(userId: string, status: 'active' | 'disabled', actor: UserActor): Promise<UserView> {
  const user = await readUser(userId);
  await mayManage(actor, user, status === 'disabled' ? 'disable' : 'enable');
  if (user.status === status) return toUserView(user);
  const { client, sdk } = await cognito();
  const Command = status === 'disabled' ? sdk.AdminDisableUserCommand : sdk.AdminEnableUserCommand;
  await client.send(new Command({ UserPoolId: userPoolId, Username: userId }));
  const { data } = await User.patch({ userId })
    .set({ status, sessionsRevokedBefore: nowSeconds() })
    .add({ version: 1 })
    .go({ response: 'all_new' });
  if (status === 'disabled') {
    await reassignTicketsOf(userId, actor.userId).catch((e: Error) => logger.error('disable: tickets not reassigned', { userId, error: e.message }));
  }
  return toUserView(data);
}

/**
 * Turns a user's TOTP off (they lost their phone): Cognito MFA preference off, `mfaEnrolled` false
 * (staff must enrol again before anything else), sessions revoked, the user told by email.
 */
export async function resetUserMfa(userId: string, actor: UserActor): Promise<UserView> {
  const user = await readUser(userId);
  await mayManage(actor, user, 'resetMfa');
  const { client, sdk } = await cognito();
  await client.send(
    new sdk.AdminSetUserMFAPreferenceCommand({
      UserPoolId: userPoolId,
      Username: userId,
      SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false },
    }),
  );
  // The old secret and backup codes must not outlive the reset. Loaded here: the MFA module and its
  // three entities would otherwise be built at every cold start of the users and access-requests Lambdas.
  const { forgetMfa } = await import('../identity/mfa.js');
  await forgetMfa(userId);
  const { data } = await User.patch({ userId })
    .set({ mfaEnrolled: false, sessionsRevokedBefore: nowSeconds() })
    .add({ version: 1 })
    .go({ response: 'all_new' });
  // The reset stands even if the notice cannot go out; the failure is logged for the operators.
  await sendEmail(mfaResetEmail(user)).catch((err: Error) => logger.error('2FA reset email failed', { userId, error: err.message }));
  return toUserView(data);
}

/**
 * The record beside an existing Cognito user (seeding, backfills): created if absent, left as it is
 * otherwise. Returns whether it was created.
 */
export async function ensureUserRecord(record: {
  userId: string;
  email: string;
  name: string;
  role: string;
  kind: 'staff' | 'customer';
  mfaEnrolled: boolean;
}): Promise<boolean> {
  try {
    await User.create({ ...record, status: 'active' }).go();
    return true;
  } catch (err) {
    if (isConditionalCheckFailed(err)) return false;
    throw err;
  }
}
