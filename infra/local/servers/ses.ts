import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sesModule from 'aws-ses-v2-local';

type Start = (config: { host: string; port: number }) => Promise<Server>;

/** Raw messages kept for `GET /raw-email` (the newest ones; older ones are dropped). */
const maxRawMessages = 1000;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The base64 raw MIME of an SES v2 SendEmail request with `Content.Raw`, if it is one. */
function rawContent(path: string, body: Buffer): string | undefined {
  if (!path.startsWith('/v2/email/outbound-emails')) return undefined;
  try {
    const data = JSON.parse(body.toString('utf8')) as { Content?: { Raw?: { Data?: string } } };
    return data.Content?.Raw?.Data;
  } catch {
    return undefined;
  }
}

/**
 * aws-ses-v2-local (accepts SES v1/v2 sends; the sent mail is readable at its root URL and
 * `GET /store`) behind a small proxy that also keeps each raw (MIME) send exactly as sent:
 * `GET /raw-email?messageId=<id>` answers it with every header (Message-ID, In-Reply-To,
 * References, Auto-Submitted...), which the emulator's own store drops.
 */
export async function startSes(port: number) {
  const mod = sesModule as unknown as Start | { default: Start };
  const start = typeof mod === 'function' ? mod : mod.default;
  const emulator = await start({ host: '127.0.0.1', port: 0 });
  const inner = (emulator.address() as AddressInfo).port;
  const raws = new Map<string, Buffer>();

  const proxy = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    if (req.method === 'GET' && url.pathname === '/raw-email') {
      const raw = raws.get(url.searchParams.get('messageId') ?? '');
      res.writeHead(raw ? 200 : 404, { 'content-type': raw ? 'message/rfc822' : 'text/plain' }).end(raw ?? 'no raw message with that id');
      return;
    }
    const body = await readBody(req);
    if (req.method === 'POST' && url.pathname === '/clear-store') raws.clear();
    const raw = req.method === 'POST' ? rawContent(url.pathname, body) : undefined;
    const forward = request({ host: '127.0.0.1', port: inner, method: req.method, path: req.url, headers: req.headers }, async (answer) => {
      const out = await readBody(answer);
      if (raw && answer.statusCode === 200) {
        const { MessageId } = JSON.parse(out.toString('utf8')) as { MessageId?: string };
        if (MessageId) {
          raws.set(MessageId, Buffer.from(raw, 'base64'));
          if (raws.size > maxRawMessages) raws.delete(raws.keys().next().value as string);
        }
      }
      res.writeHead(answer.statusCode ?? 502, answer.headers).end(out);
    });
    forward.on('error', (err) => res.writeHead(502, { 'content-type': 'text/plain' }).end(err.message));
    forward.end(body);
  });
  await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve));
  const { port: bound } = proxy.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${bound}`,
    close: async () => {
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await new Promise<void>((resolve) => emulator.close(() => resolve()));
    },
  };
}
