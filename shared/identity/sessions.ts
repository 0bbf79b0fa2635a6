import { Service } from 'electrodb';
import { cognito, userPoolClientId } from '../aws/cognito.js';
import { documentClient, tableName } from '../db/client.js';
import { Session, type SessionItem } from '../db/entities/session.js';
import { SessionToken } from '../db/entities/session-token.js';
import { emitAuthEvent } from './auth-events.js';
import { cognitoErrorName, issuedTokens, revokeRefreshToken, type IssuedTokens } from './cognito-flows.js';
import { randomId, seal, sameString, sha256, unseal } from './crypto.js';
import { AccountDisabledError, SessionRevokedError } from './errors.js';
import type { RequestMeta } from './login-events.js';
import type { Tokens } from './schemas.js';
import { getUser, revokeTokensIssuedBefore } from './users.js';

/** Sessions and the registry of the access tokens they issued (see resolve-actor.ts). */
const makeStore = () => new Service({ session: Session, sessionToken: SessionToken }, { client: documentClient, table: tableName });
/** Built on first use: constructing a Service at import time costs cold-start time on every Lambda that imports this module. */
let store: ReturnType<typeof makeStore> | undefined;
const getStore = () => (store ??= makeStore());

/** How long a session lives without a refresh succeeding (the app client's refresh-token validity). */
export const sessionLifetimeSeconds = 30 * 24 * 60 * 60;

const nowSeconds = () => Math.floor(Date.now() / 1000);

class SessionChangedError extends Error {}

async function commit(write: Parameters<ReturnType<typeof makeStore>['transaction']['write']>[0]): Promise<void> {
  const result = await getStore().transaction.write(write).go();
  if (result.canceled) {
    const codes = (result.data as { code?: string }[]).map((d) => d.code ?? 'None');
    if (codes.includes('ConditionalCheckFailed')) throw new SessionChangedError(codes.join(','));
    throw new Error(`Session transaction cancelled: ${codes.join(',')}`);
  }
}

export function publicTokens(issued: IssuedTokens, withRefresh = true): Tokens {
  return {
    accessToken: issued.accessToken,
    ...(issued.idToken ? { idToken: issued.idToken } : {}),
    ...(withRefresh && issued.refreshToken ? { refreshToken: issued.refreshToken } : {}),
    expiresIn: issued.expiresIn,
  };
}

/** Opens a session for freshly issued tokens and registers the access token. Returns the session id. */
export async function openSession(userId: string, issued: IssuedTokens, meta: RequestMeta): Promise<string> {
  if (!issued.refreshToken) throw new Error('Cognito returned no refresh token for a sign-in');
  const sessionId = randomId(16);
  const now = new Date().toISOString();
  await commit(({ session, sessionToken }) => [
    session
      .create({
        sessionId,
        userId,
        createdAt: now,
        lastSeenAt: now,
        ...(meta.ip ? { ip: meta.ip } : {}),
        ...(meta.userAgent ? { userAgent: meta.userAgent.slice(0, 512) } : {}),
        refreshTokenHash: sha256(issued.refreshToken!),
        refreshTokenSealed: seal('refresh-token', issued.refreshToken!),
        tokens: [{ jti: issued.claims.jti, exp: issued.claims.exp }],
        version: 1,
        expiresAt: nowSeconds() + sessionLifetimeSeconds,
      })
      .commit(),
    sessionToken.create({ jti: issued.claims.jti, sessionId, userId, expiresAt: issued.claims.exp }).commit(),
  ]);
  return sessionId;
}

async function readSession(sessionId: string): Promise<SessionItem | null> {
  const { data } = await Session.get({ sessionId }).go({ consistent: true });
  return data;
}

/**
 * New tokens for a session (POST /auth/refresh): the session must exist, the refresh token must be
 * the one it was opened with, its user must be active and not revoked since. The new access token
 * is registered in the same transaction that checks the session is unchanged.
 */
export async function refreshSession(sessionId: string, refreshToken: string, meta: RequestMeta): Promise<Tokens> {
  let issued: IssuedTokens | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await readSession(sessionId);
    if (!current || current.expiresAt < nowSeconds() || !sameString(sha256(refreshToken), current.refreshTokenHash)) throw new SessionRevokedError();
    const user = await getUser(current.userId);
    if (!user || Date.parse(current.createdAt) / 1000 < user.sessionsRevokedBefore) throw new SessionRevokedError();
    if (user.status === 'disabled') throw new AccountDisabledError();
    if (!issued) {
      try {
        const { client, sdk } = await cognito();
        const out = await client.send(
          new sdk.InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: userPoolClientId, AuthParameters: { REFRESH_TOKEN: refreshToken } }),
        );
        issued = issuedTokens(out.AuthenticationResult);
      } catch (err) {
        if (cognitoErrorName(err) !== 'NotAuthorizedException') throw err;
        await revokeSession(sessionId);
        throw new SessionRevokedError();
      }
      if (issued.claims.sub !== current.userId) throw new SessionRevokedError();
    }
    const now = nowSeconds();
    const live = current.tokens.filter((t) => t.exp > now);
    try {
      await commit(({ session, sessionToken }) => [
        session
          .patch({ sessionId })
          .set({ tokens: [...live, { jti: issued!.claims.jti, exp: issued!.claims.exp }], lastSeenAt: new Date().toISOString(), version: current.version + 1, ...(meta.ip ? { ip: meta.ip } : {}) })
          .where(({ version }, { eq }) => eq(version, current.version))
          .commit(),
        sessionToken.create({ jti: issued!.claims.jti, sessionId, userId: current.userId, expiresAt: issued!.claims.exp }).commit(),
      ]);
      await emitAuthEvent({ type: 'session.refreshed', userId: current.userId, sessionId, ...meta });
      return publicTokens(issued, false);
    } catch (err) {
      if (!(err instanceof SessionChangedError)) throw err;
    }
  }
  throw new SessionRevokedError();
}

/**
 * Ends one session: deletes it and the registrations of every access token it issued (in one
 * transaction, so a concurrent refresh cannot slip a token in), then revokes its refresh token at
 * Cognito. With `userId`, only that user's session is touched. Returns whether one was ended.
 */
export async function revokeSession(sessionId: string, userId?: string): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await readSession(sessionId);
    if (!current || (userId !== undefined && current.userId !== userId)) return false;
    try {
      await commit(({ session, sessionToken }) => [
        session.delete({ sessionId }).where(({ version }, { eq }) => eq(version, current.version)).commit(),
        ...current.tokens.slice(-99).map((t) => sessionToken.delete({ jti: t.jti }).commit()),
      ]);
    } catch (err) {
      if (err instanceof SessionChangedError) continue;
      throw err;
    }
    await revokeRefreshToken(unseal('refresh-token', current.refreshTokenSealed));
    return true;
  }
  throw new Error(`Session ${sessionId} kept changing while being revoked`);
}

/** A user's live sessions, newest first. */
export async function userSessions(userId: string): Promise<SessionItem[]> {
  const { data } = await Session.query.byUser({ userId }).go({ order: 'desc', pages: 'all' });
  const now = nowSeconds();
  return data.filter((s) => s.expiresAt > now);
}

/**
 * Ends every session of a user, or every one but `keep` (password change). Without `keep`, tokens
 * issued before now are refused as well (user.sessionsRevokedBefore), whatever the index shows.
 */
export async function revokeAllSessions(userId: string, options: { keep?: string; reason: string; meta?: RequestMeta }): Promise<number> {
  if (!options.keep) await revokeTokensIssuedBefore(userId, nowSeconds());
  const sessions = await userSessions(userId);
  let ended = 0;
  for (const s of sessions) {
    if (s.sessionId === options.keep) continue;
    if (await revokeSession(s.sessionId, userId)) ended++;
  }
  await emitAuthEvent({ type: 'sessions.revoked_all', userId, ...options.meta, details: { reason: options.reason, ended, keptCurrent: Boolean(options.keep) } });
  return ended;
}

export interface SessionView {
  sessionId: string;
  createdAt: string;
  lastSeenAt: string;
  ip?: string;
  userAgent?: string;
  current: boolean;
}

export async function listSessions(userId: string, currentSessionId: string | undefined): Promise<SessionView[]> {
  return (await userSessions(userId)).map((s) => ({
    sessionId: s.sessionId,
    createdAt: s.createdAt,
    lastSeenAt: s.lastSeenAt,
    ...(s.ip ? { ip: s.ip } : {}),
    ...(s.userAgent ? { userAgent: s.userAgent } : {}),
    current: s.sessionId === currentSessionId,
  }));
}

/** POST /auth/sign-out: ends the caller's current session. */
export async function signOut(actor: { userId: string; sessionId?: string }, meta: RequestMeta): Promise<void> {
  if (!actor.sessionId) return;
  await revokeSession(actor.sessionId, actor.userId);
  await emitAuthEvent({ type: 'session.signed_out', userId: actor.userId, sessionId: actor.sessionId, ...meta });
}

/** DELETE /auth/sessions/{sessionId}: ends one of the caller's sessions; false when it is not theirs (or gone). */
export async function endOwnSession(actor: { userId: string }, sessionId: string, meta: RequestMeta): Promise<boolean> {
  const ended = await revokeSession(sessionId, actor.userId);
  if (ended) await emitAuthEvent({ type: 'session.revoked', userId: actor.userId, sessionId, ...meta });
  return ended;
}
