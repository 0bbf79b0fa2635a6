import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { AccessClaims, UserActor } from '../auth/actor.js';
import type { Role } from '../auth/permissions.js';
import { documentClient, tableName } from '../db/client.js';
import { SessionToken, type SessionTokenItem } from '../db/entities/session-token.js';
import { User, type UserItem } from '../db/entities/user.js';
import { permissionsFor } from '../roles/matrix.js';
import { AccountDisabledError, SessionRevokedError } from './errors.js';

/**
 * The API's per-request actor (the pipeline's default `resolveActor`): the verified token's claims
 * are only a pointer. One consistent BatchGetItem reads the user record and the token's
 * registration; then
 *  - an unregistered token (revoked session, or a token obtained straight from Cognito) or one
 *    issued before `user.sessionsRevokedBefore` → 401 `session_revoked`;
 *  - a disabled user → 401 `account_disabled`;
 *  - role (hence permissions) and TOTP enrolment come from the record, not from the token.
 * So disabling a user, changing their role or revoking a session takes effect on the very next request.
 */

type Key = Record<string, unknown>;

/** ElectroDB builds each key once (same idea as cachedGetter); bounded so a long-lived container cannot grow it forever. */
function keyCache(build: (id: string) => Key, maxKeys = 1000) {
  const cache = new Map<string, Key>();
  return (id: string): Key => {
    let key = cache.get(id);
    if (!key) {
      if (cache.size >= maxKeys) cache.clear();
      key = Object.freeze(build(id));
      cache.set(id, key);
    }
    return key;
  };
}

const userKey = keyCache((userId) => User.get({ userId }).params<{ Key: Key }>().Key);
const tokenKey = keyCache((jti) => SessionToken.get({ jti }).params<{ Key: Key }>().Key, 200);

async function readBoth(userId: string, jti: string): Promise<{ user: UserItem | null; token: SessionTokenItem | null }> {
  let request: Record<string, { Keys: Key[]; ConsistentRead: boolean }> = {
    [tableName]: { Keys: [userKey(userId), tokenKey(jti)], ConsistentRead: true },
  };
  const items: Record<string, unknown>[] = [];
  for (let attempt = 0; attempt < 4; attempt++) {
    const out = await documentClient.send(new BatchGetCommand({ RequestItems: request }));
    items.push(...((out.Responses?.[tableName] ?? []) as Record<string, unknown>[]));
    const left = out.UnprocessedKeys?.[tableName]?.Keys;
    if (!left?.length) break;
    if (attempt === 3) throw new Error('DynamoDB left keys unprocessed while resolving the caller');
    await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
    request = { [tableName]: { Keys: left, ConsistentRead: true } };
  }
  const of = (entity: string) => items.find((item) => item.__edb_e__ === entity);
  const userItem = of('user');
  const tokenItem = of('sessionToken');
  return {
    user: userItem ? ((User.parse({ Item: userItem }, { ignoreOwnership: false })?.data ?? null) as UserItem | null) : null,
    token: tokenItem ? ((SessionToken.parse({ Item: tokenItem }, { ignoreOwnership: false })?.data ?? null) as SessionTokenItem | null) : null,
  };
}

export async function resolveActor(claims: AccessClaims): Promise<UserActor> {
  if (!claims.jti) throw new SessionRevokedError();
  // The role matrix is cached per container (60 s); warming it alongside the read keeps one round trip on the hot path.
  const [{ user, token }] = await Promise.all([readBoth(claims.sub, claims.jti), permissionsFor('customer')]);
  if (!user || !token || token.userId !== user.userId || token.expiresAt < Math.floor(Date.now() / 1000)) throw new SessionRevokedError();
  const issuedAt = claims.iat ?? claims.auth_time ?? 0;
  if (issuedAt < user.sessionsRevokedBefore) throw new SessionRevokedError();
  if (user.status !== 'active') throw new AccountDisabledError();
  return actorFromUser(user, {
    username: claims.username ?? user.email,
    groups: claims['cognito:groups'] ?? [],
    clientId: claims.client_id ?? '',
    authTime: claims.auth_time ?? issuedAt,
    sessionId: token.sessionId,
  });
}

/**
 * A user record as an actor: role, permissions (role matrix), staff and TOTP from the record;
 * `session` adds what the caller's token (or channel, e.g. mail) says.
 */
export async function actorFromUser(
  user: Pick<UserItem, 'userId' | 'role' | 'kind' | 'mfaEnrolled'>,
  session: Pick<UserActor, 'username' | 'groups' | 'clientId' | 'authTime' | 'sessionId'>,
): Promise<UserActor> {
  return {
    kind: 'user',
    userId: user.userId,
    username: session.username,
    // A custom role id is a string the built-in `Role` type does not list; permissions come from the matrix either way.
    role: user.role as Role,
    groups: session.groups,
    permissions: await permissionsFor(user.role),
    isStaff: user.kind === 'staff',
    mfaEnrolled: user.mfaEnrolled,
    clientId: session.clientId,
    authTime: session.authTime,
    ...(session.sessionId !== undefined ? { sessionId: session.sessionId } : {}),
  };
}
