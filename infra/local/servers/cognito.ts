import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { waitFor } from '../ports.js';

/**
 * cognito-local in a child process (it keeps its data in `.cognito/` under its working
 * directory, so each twin gets its own). Stopped by PID on close.
 */
export async function startCognito(options: { directory: string; port: number; log?: (line: string) => void }) {
  mkdirSync(options.directory, { recursive: true });
  // cognito-local's own start script, after adding the admin targets it lacks (AdminSetUserMFAPreference).
  const bin = fileURLToPath(new URL('./cognito-local-main.cjs', import.meta.url));
  const child = spawn(process.execPath, [bin], {
    cwd: options.directory,
    env: { ...process.env, PORT: String(options.port), HOST: '127.0.0.1', DEBUG: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let exited = false;
  child.on('exit', () => (exited = true));
  child.stdout.on('data', (d: Buffer) => options.log?.(d.toString()));
  child.stderr.on('data', (d: Buffer) => options.log?.(d.toString()));
  const endpoint = `http://127.0.0.1:${options.port}`;
  await waitFor('cognito-local', async () => {
    if (exited) throw new Error('cognito-local exited');
    const res = await fetch(endpoint, { method: 'POST', headers: { 'x-amz-target': 'AWSCognitoIdentityProviderService.ListUserPools', 'content-type': 'application/x-amz-json-1.1' }, body: '{"MaxResults":1}' });
    if (!res.ok) throw new Error(`status ${res.status}`);
  });
  return {
    endpoint,
    pid: child.pid,
    close: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
