import type { AuthenticationResultType } from '@aws-sdk/client-cognito-identity-provider';
import { cognito, userPoolClientId } from '../aws/cognito.js';
import { logger } from '../observability.js';

/** Small helpers around the Cognito user-pool API the auth facade calls. */

export function cognitoErrorName(err: unknown): string {
  return (err as { name?: string } | undefined)?.name ?? '';
}

export function cognitoErrorMessage(err: unknown): string {
  return (err as { message?: string } | undefined)?.message ?? '';
}

/**
 * Errors Cognito gives for a wrong email/password pair. cognito-local answers a wrong password with
 * InvalidPasswordException (Cognito: NotAuthorizedException), so both mean "wrong credentials" here.
 */
export function isWrongCredentials(err: unknown): boolean {
  return [
    'NotAuthorizedException',
    'UserNotFoundException',
    'UserNotConfirmedException',
    'PasswordResetRequiredException',
    'InvalidPasswordException',
  ].includes(cognitoErrorName(err));
}

/** Cognito refused a new password for its policy (or history), not for a wrong current password. */
export function isPolicyRejection(err: unknown): boolean {
  return cognitoErrorName(err) === 'InvalidPasswordException' && /conform|policy|history|length|character/i.test(cognitoErrorMessage(err));
}

/** The claims of a token Cognito just handed us (not verified again: it came straight from Cognito over TLS). */
export interface IssuedAccessToken {
  sub: string;
  jti: string;
  exp: number;
  iat: number;
  groups: string[];
  username: string;
}

export function decodeAccessToken(token: string): IssuedAccessToken {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  const sub = String(payload.sub ?? '');
  const jti = String(payload.jti ?? '');
  const exp = Number(payload.exp);
  const iat = Number(payload.iat ?? payload.auth_time);
  if (!sub || !jti || !Number.isFinite(exp)) throw new Error('Cognito returned an access token without sub, jti or exp');
  const groups = Array.isArray(payload['cognito:groups']) ? (payload['cognito:groups'] as string[]) : [];
  return { sub, jti, exp, iat, groups, username: String(payload.username ?? sub) };
}

export interface IssuedTokens {
  accessToken: string;
  idToken?: string;
  refreshToken?: string;
  expiresIn: number;
  claims: IssuedAccessToken;
}

export function issuedTokens(result: AuthenticationResultType | undefined): IssuedTokens {
  if (!result?.AccessToken) throw new Error('Cognito returned no access token');
  const claims = decodeAccessToken(result.AccessToken);
  const expiresIn = result.ExpiresIn ?? Math.max(1, claims.exp - Math.floor(Date.now() / 1000));
  return {
    accessToken: result.AccessToken,
    ...(result.IdToken ? { idToken: result.IdToken } : {}),
    ...(result.RefreshToken ? { refreshToken: result.RefreshToken } : {}),
    expiresIn,
    claims,
  };
}

/** Revokes a refresh token at Cognito (and the access tokens it issued); failures are logged, not thrown. */
export async function revokeRefreshToken(refreshToken: string | null | undefined): Promise<void> {
  if (!refreshToken) return;
  try {
    const { client, sdk } = await cognito();
    await client.send(new sdk.RevokeTokenCommand({ ClientId: userPoolClientId, Token: refreshToken }));
  } catch (err) {
    logger.warn('Cognito RevokeToken failed', { error: cognitoErrorName(err) });
  }
}

/** The bearer token of the current request (the caller's Cognito access token). */
export function bearerToken(headers: Record<string, string | undefined> | undefined): string {
  const header = headers?.authorization ?? headers?.Authorization ?? '';
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (!token) throw new Error('No bearer token on an authenticated route');
  return token;
}
