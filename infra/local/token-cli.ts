import { cognitoClient } from './cognito-setup.js';
import { signIn } from './auth.js';
import { demoPassword } from './seed.js';
import { readState, readTotpSecrets } from './state.js';

/** `npm run token -- <email> [password]`: prints a valid access token from the running twin. */
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
  const tokens = await signIn(cognitoClient(state.endpoints.cognito), state.cognito.clientId, email, password, readTotpSecrets()[email]);
  console.log(tokens.accessToken);
} catch (err) {
  console.error(`Could not sign in ${email}: ${(err as Error).message}`);
  process.exit(1);
}
