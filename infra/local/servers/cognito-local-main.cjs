// cognito-local, plus the admin targets CloudManager calls that cognito-local 5.3 lacks. Same
// request and response shapes as Cognito; the stock server, store and errors do the rest.
// Started by ./cognito.ts as a child process (its data lives in `.cognito/` under the cwd).
'use strict';
const { Targets } = require('cognito-local/lib/targets/targets');
const { InvalidParameterError, UserNotFoundError } = require('cognito-local/lib/errors');

/** AdminSetUserMFAPreference: SetUserMFAPreference by pool id and username instead of an access token. */
Targets.AdminSetUserMFAPreference = ({ cognito }) => async (ctx, req) => {
  if (!req.UserPoolId || !req.Username) throw new InvalidParameterError('Missing UserPoolId or Username');
  const userPool = await cognito.getUserPool(ctx, req.UserPoolId);
  const user = await userPool.getUserByUsername(ctx, req.Username);
  if (!user) throw new UserNotFoundError();
  const software = req.SoftwareTokenMfaSettings;
  const sms = req.SMSMfaSettings;
  if (software?.Enabled && !user.SoftwareTokenMfaConfiguration?.Verified) {
    throw new InvalidParameterError('User has not verified software token MFA');
  }
  const methods = new Set(user.UserMFASettingList ?? []);
  if (sms) sms.Enabled ? methods.add('SMS_MFA') : methods.delete('SMS_MFA');
  if (software) software.Enabled ? methods.add('SOFTWARE_TOKEN_MFA') : methods.delete('SOFTWARE_TOKEN_MFA');
  const preferred = sms?.PreferredMfa ? 'SMS_MFA' : software?.PreferredMfa ? 'SOFTWARE_TOKEN_MFA' : undefined;
  if (preferred && !methods.has(preferred)) throw new InvalidParameterError(`Cannot set ${preferred} as preferred: it is not enabled`);
  await userPool.saveUser(ctx, { ...user, UserMFASettingList: [...methods], PreferredMfaSetting: preferred });
  return {};
};

/**
 * RespondToAuthChallenge as stock, plus what Cognito does and cognito-local 5.3 skips: keep the
 * refresh token it issues, so a session opened with a TOTP code can be refreshed (POST /auth/refresh).
 */
const stockRespondToAuthChallenge = Targets.RespondToAuthChallenge;
Targets.RespondToAuthChallenge = (services) => {
  const respond = stockRespondToAuthChallenge(services);
  return async (ctx, req) => {
    const out = await respond(ctx, req);
    const refreshToken = out.AuthenticationResult?.RefreshToken;
    if (refreshToken) {
      const userPool = await services.cognito.getUserPoolForClientId(ctx, req.ClientId);
      const user = await userPool.getUserByUsername(ctx, req.ChallengeResponses.USERNAME);
      if (user) await userPool.storeRefreshToken(ctx, refreshToken, user);
    }
    return out;
  };
};

require('cognito-local/lib/bin/start.js');
