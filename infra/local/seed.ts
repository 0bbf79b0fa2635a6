import { AdminGetUserCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { Role } from '../../shared/auth/permissions.js';
import { staffRoles } from '../../shared/auth/permissions.js';
import { enrolTotp, signIn } from './auth.js';
import { ensureUser, type PoolIds } from './cognito-setup.js';
import { readTotpSecrets, writeTotpSecrets } from './state.js';

/** One printed password for every demo account (local twin only). */
export const demoPassword = 'Demo-Passw0rd!2026';

export const demoAccounts: { email: string; role: Role; name: string }[] = [
  { email: 'admin@cloudmanager.example', role: 'admin', name: 'Amina Admin' },
  { email: 'manager@cloudmanager.example', role: 'manager', name: 'Malik Manager' },
  { email: 'agent@cloudmanager.example', role: 'agent', name: 'Aya Agent' },
  { email: 'technician@cloudmanager.example', role: 'technician', name: 'Tarek Technician' },
  { email: 'customer@cloudmanager.example', role: 'customer', name: 'Chloé Customer' },
  { email: 'customer2@cloudmanager.example', role: 'customer', name: 'Karim Customer (second account)' },
];

export const demoOrganisation = {
  name: 'CloudManager Demo Services',
  timezone: 'Africa/Algiers',
  currency: 'DZD',
  locale: 'fr-DZ',
};

/**
 * Seeds the demo organisation idempotently: settings, one account per role plus a second customer,
 * TOTP for every staff account (secrets kept in `.local/totp.json`), and each account's User record.
 */
export async function seedDemo(cognito: CognitoIdentityProviderClient, pool: PoolIds, stateDir: string) {
  const { ensureOrganisationSettings } = await import('../../shared/settings/service.js');
  await ensureOrganisationSettings(demoOrganisation);
  const secrets = readTotpSecrets(stateDir);
  const { ensureUserRecord } = await import('../../shared/users/service.js');
  const { adoptTotpSecret } = await import('../../shared/identity/mfa.js');
  for (const account of demoAccounts) {
    const created = await ensureUser(cognito, pool.userPoolId, account.email, demoPassword, account.role);
    const staff = staffRoles.includes(account.role);
    const needsTotp = staff && (created || !secrets[account.email]);
    if (needsTotp) {
      const tokens = await signIn(cognito, pool.clientId, account.email, demoPassword);
      secrets[account.email] = await enrolTotp(cognito, tokens.accessToken);
    }
    // The application's record beside the Cognito user: same id (the Cognito sub); kept if present.
    const { UserAttributes } = await cognito.send(new AdminGetUserCommand({ UserPoolId: pool.userPoolId, Username: account.email }));
    const sub = UserAttributes?.find((a) => a.Name === 'sub')?.Value;
    if (!sub) throw new Error(`${account.email} has no sub`);
    await ensureUserRecord({ userId: sub, email: account.email, name: account.name, role: account.role, kind: staff ? 'staff' : 'customer', mfaEnrolled: staff });
    // The API checks TOTP codes itself too (replay protection, disable): it keeps the secret, sealed.
    if (staff && secrets[account.email]) await adoptTotpSecret(sub, secrets[account.email]!);
  }
  writeTotpSecrets(secrets, stateDir);
  return { accounts: demoAccounts, secrets };
}
