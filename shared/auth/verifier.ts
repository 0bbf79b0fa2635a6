import { JwtVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { FetchError, JwksNotAvailableInCacheError, JwtExpiredError } from 'aws-jwt-verify/error';
import * as z from 'zod';
import { csv, parseEnv } from '../config.js';
import { ServiceUnavailableError, UnauthorizedError } from '../errors.js';
import type { AccessClaims } from './actor.js';

const env = parseEnv(
  z.object({
    /** `https://cognito-idp.<region>.amazonaws.com/<poolId>` in AWS; `http://127.0.0.1:<port>/<poolId>` locally. */
    JWT_ISSUER: z.url().default('http://127.0.0.1:9229/local_pool'),
    JWT_JWKS_URI: z.url().optional(),
    JWT_CLIENT_IDS: csv.default([]),
  }),
);

/** The signing keys could not be loaded: our outage, not the caller's fault. */
class JwksUnavailableError extends Error {}

/** JWKS fetched with the platform fetch, so http (cognito-local) and https (Cognito) both work. */
const jwksCache = new SimpleJwksCache({
  fetcher: {
    async fetch(uri: string) {
      const res = await fetch(uri, { signal: AbortSignal.timeout(3000) }).catch((err: Error) => {
        throw new JwksUnavailableError(`JWKS fetch failed: ${err.message}`);
      });
      if (!res.ok) throw new JwksUnavailableError(`JWKS fetch failed: HTTP ${res.status}`);
      return res.arrayBuffer();
    },
  },
});

const verifier = JwtVerifier.create(
  {
    issuer: env.JWT_ISSUER,
    jwksUri: env.JWT_JWKS_URI ?? `${env.JWT_ISSUER}/.well-known/jwks.json`,
    audience: null,
    customJwtCheck: ({ payload }) => {
      if (payload.token_use !== 'access') throw new Error('Not an access token');
      if (env.JWT_CLIENT_IDS.length > 0 && !env.JWT_CLIENT_IDS.includes(String(payload.client_id))) {
        throw new Error('Unknown client');
      }
    },
  },
  { jwksCache },
);

/** Verifies a Cognito access token (signature, issuer, expiry, token_use, client id). */
export async function verifyAccessToken(token: string): Promise<AccessClaims> {
  try {
    const payload = await verifier.verify(token);
    return payload as unknown as AccessClaims;
  } catch (err) {
    if (err instanceof JwtExpiredError) throw new UnauthorizedError('token_expired', 'Access token expired');
    if (err instanceof JwksUnavailableError || err instanceof FetchError || err instanceof JwksNotAvailableInCacheError) {
      throw new ServiceUnavailableError('auth_unavailable', 'Sign-in keys could not be loaded; try again shortly');
    }
    throw new UnauthorizedError('unauthorized', 'Invalid access token');
  }
}
