import { createServer } from 'node:net';

/**
 * A free loopback port for a server started a little later (some cannot listen on port 0
 * themselves). Chosen at random below the kernel's ephemeral range (32768+ here): a port the OS
 * hands out for `listen(0)` is also handed to outgoing connections, which took freed ports before
 * the server came up when many integration suites ran at once.
 */
export async function freePort(range: [from: number, to: number] = [20_000, 32_000]): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = range[0] + Math.floor(Math.random() * (range[1] - range[0]));
    if (await canListen(port)) return port;
  }
  throw new Error(`No free port in ${range[0]}-${range[1]}`);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** Polls until `probe` resolves, or fails after `attempts`. */
export async function waitFor(what: string, probe: () => Promise<unknown>, attempts = 100, delayMs = 100): Promise<void> {
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      await probe();
      return;
    } catch (err) {
      last = err;
      await new Promise((r) => setTimeout(r, delayMs));
    }
  }
  throw new Error(`${what} did not come up: ${(last as Error)?.message ?? last}`);
}
