import {
  AssociateSoftwareTokenCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  VerifySoftwareTokenCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { Secret, TOTP } from 'otpauth';

export interface Tokens {
  accessToken: string;
  idToken: string;
  refreshToken?: string;
}

export function totpCode(secret: string, at = Date.now()): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: at });
}

/** Password sign-in (USER_PASSWORD_AUTH), answering the TOTP challenge when the user has a secret. */
export async function signIn(client: CognitoIdentityProviderClient, clientId: string, email: string, password: string, totpSecret?: string): Promise<Tokens> {
  const first = await client.send(
    new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: email, PASSWORD: password } }),
  );
  let result = first.AuthenticationResult;
  if (first.ChallengeName === 'SOFTWARE_TOKEN_MFA') {
    if (!totpSecret) throw new Error(`${email} needs a TOTP code and no secret is known`);
    const answer = await client.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: first.Session,
        ChallengeResponses: { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: totpCode(totpSecret) },
      }),
    );
    result = answer.AuthenticationResult;
  } else if (first.ChallengeName) {
    throw new Error(`Unexpected challenge ${first.ChallengeName} for ${email}`);
  }
  if (!result?.AccessToken || !result.IdToken) throw new Error(`No tokens for ${email}`);
  return { accessToken: result.AccessToken, idToken: result.IdToken, refreshToken: result.RefreshToken };
}

/** Enrols TOTP for a signed-in user and makes it their preferred MFA; returns the base32 secret. */
export async function enrolTotp(client: CognitoIdentityProviderClient, accessToken: string): Promise<string> {
  const { SecretCode } = await client.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
  if (!SecretCode) throw new Error('No TOTP secret returned');
  await client.send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: totpCode(SecretCode), FriendlyDeviceName: 'demo' }));
  await client.send(
    new SetUserMFAPreferenceCommand({ AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }),
  );
  return SecretCode;
}

export interface ApiSession {
  status: 'signed_in' | 'mfa_setup_required';
  accessToken: string;
  idToken?: string;
  refreshToken?: string;
  sessionId: string;
}

async function postJson(url: string, body: unknown): Promise<{ status: number; body: Record<string, any> }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, any>) : {} };
}

/**
 * Signs in through the twin's API (POST /auth/sign-in, then /auth/sign-in/mfa with a code computed
 * from the secret), so the session and its tokens are registered like the web app's. A TOTP code
 * works once: when this step's code was used already, the next step's (accepted ±30 s) is tried,
 * then the one after the next step boundary.
 */
export async function signInViaApi(api: string, email: string, password: string, totpSecret?: string): Promise<ApiSession> {
  const first = await postJson(`${api}/auth/sign-in`, { email, password });
  if (first.status !== 200) throw new Error(`sign-in of ${email}: ${first.status} ${first.body.error?.code ?? ''}`);
  let result = first.body;
  if (result.status === 'mfa_required') {
    if (!totpSecret) throw new Error(`${email} needs a TOTP code and no secret is known`);
    const step = 30_000;
    const tries: (() => Promise<number>)[] = [
      async () => Date.now(),
      async () => Date.now() + step,
      async () => {
        await new Promise((r) => setTimeout(r, step - (Date.now() % step) + 50));
        return Date.now() + step;
      },
    ];
    let answered: { status: number; body: Record<string, any> } | undefined;
    for (const at of tries) {
      answered = await postJson(`${api}/auth/sign-in/mfa`, { challenge: result.challenge, code: totpCode(totpSecret, await at()) });
      if (answered.status === 200 || answered.body.error?.code !== 'mfa_invalid') break;
    }
    if (answered?.status !== 200) throw new Error(`TOTP step of ${email}: ${answered?.status} ${answered?.body.error?.code ?? ''}`);
    result = answered.body;
  }
  if (result.status !== 'signed_in' && result.status !== 'mfa_setup_required') throw new Error(`Unexpected sign-in status ${result.status} for ${email}`);
  return {
    status: result.status,
    accessToken: result.tokens.accessToken,
    idToken: result.tokens.idToken,
    refreshToken: result.tokens.refreshToken,
    sessionId: result.sessionId,
  };
}
