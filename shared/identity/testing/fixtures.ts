import { randomUUID } from 'node:crypto';
import { User } from '../../db/entities/user.js';

/** Test data for the identity module's unit tests. */

/** An unsigned JWT shaped like a Cognito access token (the facade only decodes tokens Cognito hands it). */
export function fakeAccessToken(claims: { sub: string; jti?: string; groups?: string[]; iat?: number; exp?: number }): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    sub: claims.sub,
    jti: claims.jti ?? randomUUID(),
    'cognito:groups': claims.groups ?? [],
    iat: claims.iat ?? now,
    exp: claims.exp ?? now + 3600,
    token_use: 'access',
    client_id: 'web-client',
    username: claims.sub,
  };
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'RS256', kid: 'k' })}.${part(payload)}.c2ln`;
}

/** Cognito's AuthenticationResult for a user. */
export function authResult(sub: string, options: { groups?: string[]; jti?: string } = {}) {
  return {
    AccessToken: fakeAccessToken({ sub, ...options }),
    IdToken: 'id-token',
    RefreshToken: `refresh-${randomUUID()}`,
    ExpiresIn: 3600,
    TokenType: 'Bearer',
  };
}

/** A user record as ElectroDB stores it. */
export function userItem(overrides: Partial<Parameters<typeof User.create>[0]> & { userId: string; email: string }): Record<string, unknown> {
  return User.create({ name: 'Test User', role: 'customer', kind: 'customer', ...overrides }).params<{ Item: Record<string, unknown> }>().Item;
}

export const meta = { ip: '203.0.113.7', userAgent: 'vitest' };
