import { generateKeyPairSync, createSign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '../../infra/local/ports.js';

let verifyAccessToken: (token: string) => Promise<unknown>;
let issuer: string;

function signJwt(payload: Record<string, unknown>) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const encode = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = `${encode({ alg: 'RS256', kid: 'k1', typ: 'JWT' })}.${encode(payload)}`;
  return `${body}.${createSign('RSA-SHA256').update(body).sign(privateKey).toString('base64url')}`;
}

beforeAll(async () => {
  // Nothing listens on this port: the JWKS cannot be fetched.
  issuer = `http://127.0.0.1:${await freePort()}/local_pool`;
  vi.stubEnv('JWT_ISSUER', issuer);
  vi.stubEnv('JWT_JWKS_URI', `${issuer}/.well-known/jwks.json`);
  vi.resetModules();
  ({ verifyAccessToken } = await import('./verifier.js'));
});

afterAll(() => vi.unstubAllEnvs());

describe('verifyAccessToken when the JWKS cannot be loaded', () => {
  it('answers 503 auth_unavailable (our outage), not 401 (the caller\'s fault)', async () => {
    // Prepare
    const now = Math.floor(Date.now() / 1000);
    const token = signJwt({ sub: 'u1', iss: issuer, token_use: 'access', client_id: 'c1', iat: now, exp: now + 600 });

    // Act
    const result = verifyAccessToken(token);

    // Assess
    await expect(result).rejects.toMatchObject({ statusCode: 503, code: 'auth_unavailable', expose: true });
  });
});
