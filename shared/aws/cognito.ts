import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import * as z from 'zod';
import { endpoint, parseEnv } from '../config.js';

const env = parseEnv(
  z.object({
    COGNITO_ENDPOINT: endpoint,
    USER_POOL_ID: z.string().min(1).default('local-pool-unset'),
    /** The web app client: the auth facade signs users in (InitiateAuth, SignUp, ...) as this client. */
    USER_POOL_CLIENT_ID: z.string().min(1).default('local-client-unset'),
  }),
);

/** The user pool the admin actions (AdminCreateUser, groups, enable/disable, MFA) work on. */
export const userPoolId = env.USER_POOL_ID;

/** The app client the auth facade (shared/identity) uses for user flows. */
export const userPoolClientId = env.USER_POOL_CLIENT_ID;

/** The SDK module: its command classes (`new sdk.InitiateAuthCommand(...)`). */
export type CognitoSdk = typeof import('@aws-sdk/client-cognito-identity-provider');

export interface Cognito {
  client: CognitoIdentityProviderClient;
  sdk: CognitoSdk;
}

let loaded: Promise<Cognito> | undefined;

/**
 * The client, built once on the first Cognito call, and the SDK module's command classes. The
 * package is loaded then rather than at every cold start of the Lambdas that may call Cognito
 * (most of their requests never do; esbuild hoists external imports, so a static import would be
 * paid at import even from a module loaded lazily). The client is an instance of the package's own
 * CognitoIdentityProviderClient, so `mockClient(CognitoIdentityProviderClient)` intercepts it.
 * Locally COGNITO_ENDPOINT points at cognito-local.
 */
export function cognito(): Promise<Cognito> {
  loaded ??= import('@aws-sdk/client-cognito-identity-provider').then(
    (sdk) => ({ client: new sdk.CognitoIdentityProviderClient({ ...(env.COGNITO_ENDPOINT ? { endpoint: env.COGNITO_ENDPOINT } : {}) }), sdk }),
    (err: unknown) => {
      loaded = undefined; // a failed load is retried on the next call
      throw err;
    },
  );
  return loaded;
}
