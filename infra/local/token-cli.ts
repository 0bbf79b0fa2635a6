import { signInViaApi } from './auth.js';
import { demoPassword } from './seed.js';
import { readState, readTotpSecrets } from './state.js';

/**
 * `npm run token -- <email> [password]`: signs in through the running twin's API (password, then
 * a TOTP code from `.local/totp.json` for staff) and prints the access token, which is registered
 * as a session like the web app's.
 */
const [email, password = demoPassword] = process.argv.slice(2);
if (!email) {
  console.error('usage: npm run token -- <email> [password]');
  process.exit(2);
}
const state = readState();
if (!state) {
  console.error('No running twin found (.local/twin.json). Start it with `npm start`.');
  process.exit(1);
}
try {
  const session = await signInViaApi(state.endpoints.api, email, password, readTotpSecrets()[email]);
  if (session.status === 'mfa_setup_required') console.error(`${email} has no TOTP yet: only the 2FA setup routes will answer.`);
  console.log(session.accessToken);
} catch (err) {
  console.error(`Could not sign in ${email}: ${(err as Error).message}`);
  process.exit(1);
}
