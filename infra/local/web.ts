import type { AddressInfo } from 'node:net';
import { createServer, type Plugin } from 'vite';
import { webRuntimeConfig, type WebRuntimeConfig } from '../../shared/system/web-config.js';

export interface WebOptions {
  port: number;
  apiUrl: string;
  region: string;
  cognito: { userPoolId: string; clientId: string; issuer: string };
  /** The twin's SLA clock offset (`--sla-clock`), for the desk's SLA times. */
  slaClockOffsetMs?: number | undefined;
}

/** Serves `/config.json` the way the deployed web bucket does, pointing the app at the twin. */
function runtimeConfig(config: WebRuntimeConfig): Plugin {
  return {
    name: 'cloudmanager-runtime-config',
    configureServer(server) {
      server.middlewares.use('/config.json', (_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.setHeader('cache-control', 'no-store');
        res.end(JSON.stringify(config));
      });
    },
  };
}

/** The web app on Vite's dev server, configured for the running twin. */
export async function startWeb(options: WebOptions) {
  const server = await createServer({
    configFile: 'web/vite.config.ts',
    server: { port: options.port, strictPort: false, host: '127.0.0.1' },
    plugins: [
      runtimeConfig(
        webRuntimeConfig.parse({
          apiUrl: options.apiUrl,
          cognito: {
            region: options.region,
            userPoolId: options.cognito.userPoolId,
            userPoolClientId: options.cognito.clientId,
            endpoint: options.cognito.issuer.replace(/\/[^/]+$/, ''),
          },
          ...(options.slaClockOffsetMs !== undefined ? { slaClockOffsetMs: options.slaClockOffsetMs } : {}),
        }),
      ),
    ],
    logLevel: 'warn',
  });
  await server.listen();
  const { port } = server.httpServer!.address() as AddressInfo;
  return { url: `http://localhost:${port}`, close: () => server.close() };
}
