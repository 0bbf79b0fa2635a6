import type { Server } from 'node:http';
import sesModule from 'aws-ses-v2-local';

type Start = (config: { host: string; port: number }) => Promise<Server>;

/** aws-ses-v2-local: accepts SES v1/v2 sends; the sent mail is readable at its root URL and `GET /store`. */
export async function startSes(port: number) {
  const mod = sesModule as unknown as Start | { default: Start };
  const start = typeof mod === 'function' ? mod : mod.default;
  const server = await start({ host: '127.0.0.1', port });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
