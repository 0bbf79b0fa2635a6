import { cognito, userPoolClientId, userPoolId } from '../aws/cognito.js';
import { emitAuthEvent } from './auth-events.js';
import { cognitoErrorMessage, cognitoErrorName } from './cognito-flows.js';
import { CodeInvalidError, WeakPasswordError } from './errors.js';
import type { RequestMeta } from './login-events.js';
import { mail } from './messages.js';
import { brokenPasswordRules } from './password-policy.js';
import { ensureUserRecord } from './users.js';
import { checkCode, consumeCode, issueCode } from './verification.js';

/** Customer self-registration: Cognito SignUp, our own emailed code, then AdminConfirmSignUp. */

async function poolUser(username: string) {
  try {
    const { client, sdk } = await cognito();
    return await client.send(new sdk.AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }));
  } catch (err) {
    if (cognitoErrorName(err) === 'UserNotFoundException') return null;
    throw err;
  }
}

async function signUp(input: { email: string; password: string; name: string; locale?: string }): Promise<'created' | 'exists'> {
  try {
    const { client, sdk } = await cognito();
    await client.send(
      new sdk.SignUpCommand({
        ClientId: userPoolClientId,
        Username: input.email,
        Password: input.password,
        UserAttributes: [
          { Name: 'email', Value: input.email },
          { Name: 'name', Value: input.name },
          ...(input.locale ? [{ Name: 'locale', Value: input.locale }] : []),
        ],
      }),
    );
    return 'created';
  } catch (err) {
    const name = cognitoErrorName(err);
    if (name === 'UsernameExistsException' || name === 'AliasExistsException') return 'exists';
    if (name === 'InvalidPasswordException') throw new WeakPasswordError([cognitoErrorMessage(err)].filter(Boolean));
    throw err;
  }
}

/**
 * POST /auth/register. Answers the same whether or not the address is taken: a taken address gets
 * an email telling its owner instead of a code. An earlier registration that was never verified is
 * replaced (it holds nothing), so nobody can squat an address with a password only they know.
 */
export async function register(input: { email: string; password: string; name: string; locale?: string }, meta: RequestMeta): Promise<void> {
  const email = input.email.toLowerCase();
  const broken = brokenPasswordRules(input.password);
  if (broken.length) throw new WeakPasswordError(broken);
  let outcome = await signUp({ ...input, email });
  if (outcome === 'exists') {
    const existing = await poolUser(email);
    if (existing?.UserStatus === 'UNCONFIRMED') {
      const { client, sdk } = await cognito();
      await client.send(new sdk.AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: existing.Username! }));
      outcome = await signUp({ ...input, email });
    }
  }
  if (outcome === 'exists') {
    await mail.alreadyRegistered(email, input.locale);
    return;
  }
  const code = await issueCode('register', email, { name: input.name, ...(input.locale ? { locale: input.locale } : {}) });
  if (code) await mail.registrationCode(email, code, input.locale);
  await emitAuthEvent({ type: 'registration.started', email, ...meta });
}

/** POST /auth/register/verify: confirms the pool user, marks the email verified, creates the customer record. */
export async function verifyRegistration(input: { email: string; code: string }, meta: RequestMeta): Promise<void> {
  const email = input.email.toLowerCase();
  const pending = await checkCode('register', email, input.code);
  const user = await poolUser(email);
  if (!user?.Username) throw new CodeInvalidError();
  const { client, sdk } = await cognito();
  if (user.UserStatus === 'UNCONFIRMED') {
    await client.send(new sdk.AdminConfirmSignUpCommand({ UserPoolId: userPoolId, Username: user.Username }));
  }
  await client.send(
    new sdk.AdminUpdateUserAttributesCommand({
      UserPoolId: userPoolId,
      Username: user.Username,
      // The address again, unchanged: cognito-local wants it beside email_verified (Cognito does not mind).
      UserAttributes: [
        { Name: 'email', Value: email },
        { Name: 'email_verified', Value: 'true' },
      ],
    }),
  );
  await client.send(new sdk.AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: user.Username, GroupName: 'customer' }));
  const userId = user.UserAttributes?.find((a) => a.Name === 'sub')?.Value ?? user.Username;
  await ensureUserRecord({
    userId,
    email,
    name: pending.name ?? email,
    role: 'customer',
    kind: 'customer',
    ...(pending.locale ? { locale: pending.locale } : {}),
  });
  await consumeCode('register', email);
  await emitAuthEvent({ type: 'registration.verified', userId, email, ...meta });
}
