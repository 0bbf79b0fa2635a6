import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local RS256 key pair standing in for a Cognito user pool's signing key. */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  jwks: { keys: Record<string, unknown>[] };
}

export function createSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'bench-key-1';
  const jwk = publicKey.export({ format: 'jwk' }) as Record<string, unknown>;
  return { kid, privateKey, jwks: { keys: [{ ...jwk, kid, alg: 'RS256', use: 'sig' }] } };
}

const b64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

/** Claims shaped like a Cognito access token (`token_use: access`, `client_id`, no `aud`). */
export function accessTokenClaims(issuer: string, clientId: string, groups: string[] = ['admin']) {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub: '3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    'cognito:groups': groups,
    iss: issuer,
    client_id: clientId,
    origin_jti: randomUUID(),
    event_id: randomUUID(),
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    auth_time: now,
    exp: now + 3600,
    iat: now,
    jti: randomUUID(),
    username: 'admin@example.com',
  };
}

export function signJwt(key: SigningKey, payload: Record<string, unknown>): string {
  const header = b64url(JSON.stringify({ kid: key.kid, alg: 'RS256' }));
  const body = b64url(JSON.stringify(payload));
  const signature = sign('RSA-SHA256', Buffer.from(`${header}.${body}`), key.privateKey);
  return `${header}.${body}.${b64url(signature)}`;
}

/** Serves `<issuer>/.well-known/jwks.json` on a free local port, like the user pool's JWKS endpoint. */
export async function startJwksServer(key: SigningKey, poolId = 'eu-west-1_bench') {
  const server = createServer((req, res) => {
    if (req.url === `/${poolId}/.well-known/jwks.json`) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(key.jwks));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}/${poolId}`;
  return {
    issuer,
    jwksUri: `${issuer}/.well-known/jwks.json`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
