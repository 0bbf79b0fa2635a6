import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  ListGroupsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { roles, type Role } from '../../shared/auth/permissions.js';

export interface PoolIds {
  userPoolId: string;
  clientId: string;
}

export function cognitoClient(endpoint: string) {
  return new CognitoIdentityProviderClient({ endpoint, region: process.env.AWS_REGION ?? 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

/**
 * The same pool shape as infra/constructs (email sign-in, TOTP optional at pool level — cognito-local
 * answers NotAuthorized instead of MFA_SETUP when MFA is ON — strong password policy, role groups).
 * Reuses the pool recorded in the twin's state when it still exists.
 */
export async function ensureUserPool(client: CognitoIdentityProviderClient, known?: PoolIds): Promise<PoolIds> {
  let ids = known;
  if (ids) {
    try {
      await client.send(new DescribeUserPoolCommand({ UserPoolId: ids.userPoolId }));
    } catch {
      ids = undefined;
    }
  }
  if (!ids) {
    const { UserPool } = await client.send(
      new CreateUserPoolCommand({
        PoolName: 'cloudmanager-local',
        UsernameAttributes: ['email'],
        // No AutoVerifiedAttributes: the API sends its own verification codes (as in infra/constructs/auth.ts).
        MfaConfiguration: 'OPTIONAL',
        Policies: {
          PasswordPolicy: { MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true, TemporaryPasswordValidityDays: 3 },
        },
      }),
    );
    const { UserPoolClient } = await client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: UserPool!.Id!,
        ClientName: 'web',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    ids = { userPoolId: UserPool!.Id!, clientId: UserPoolClient!.ClientId! };
  }
  const { Groups } = await client.send(new ListGroupsCommand({ UserPoolId: ids.userPoolId }));
  const existing = new Set((Groups ?? []).map((g) => g.GroupName));
  for (const role of roles) {
    if (!existing.has(role)) await client.send(new CreateGroupCommand({ UserPoolId: ids.userPoolId, GroupName: role, Description: `CloudManager ${role}` }));
  }
  return ids;
}

/** Creates a confirmed user with a permanent password in a role group; no-op when the user exists. Returns whether it was created. */
export async function ensureUser(client: CognitoIdentityProviderClient, userPoolId: string, email: string, password: string, role: Role): Promise<boolean> {
  try {
    await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email }));
    return false;
  } catch (err) {
    if ((err as Error).name !== 'UserNotFoundException') throw err;
  }
  await client.send(
    new AdminCreateUserCommand({
      UserPoolId: userPoolId,
      Username: email,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: email },
        { Name: 'email_verified', Value: 'true' },
      ],
    }),
  );
  await client.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: email, Password: password, Permanent: true }));
  await client.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: email, GroupName: role }));
  return true;
}
