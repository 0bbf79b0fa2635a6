import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
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

/** Built once. Locally COGNITO_ENDPOINT points at cognito-local. */
export const cognito = new CognitoIdentityProviderClient({
  ...(env.COGNITO_ENDPOINT ? { endpoint: env.COGNITO_ENDPOINT } : {}),
});
