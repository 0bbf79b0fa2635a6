/**
 * DynamoDB gateway of the local twin: an HTTP server in front of dynalite that adds what
 * dynalite lacks — TransactWriteItems / TransactGetItems, a DynamoDB Streams-like change feed,
 * and TTL expiry. Point every SDK client's endpoint at `endpoint`. See README.md.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChangeFeed } from './change-feed.js';
import { consoleLogger, type GatewayLogger } from './logger.js';
import { ReadWriteLock } from './mutex.js';
import { createGatewayServer } from './server.js';
import { TableCatalog, type TableSettings } from './tables.js';
import { Transactions } from './transactions.js';
import { TtlSweeper } from './ttl.js';
import { Upstream } from './upstream.js';
import { ItemWriter } from './writes.js';

export type {
  ChangeFeed,
  DeliveryFailure,
  StreamHandler,
  SubscribeOptions,
  Subscription,
} from './change-feed.js';
export { startDynalite, type RunningDynalite } from './dynalite.js';
export { consoleLogger, silentLogger, type GatewayLogger } from './logger.js';
export { TTL_IDENTITY } from './ttl.js';
export type { TableSettings };

export interface DynamoGatewayOptions {
  /** dynalite's URL, e.g. `http://127.0.0.1:4567`. */
  upstream: string;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Region in stream records and ARNs (default `us-east-1`). */
  region?: string;
  /** Per table: change records on/off and the TTL attribute. Tables not listed get neither
   * (until CreateTable/UpdateTable with a StreamSpecification, or UpdateTimeToLive). */
  tables?: Record<string, TableSettings>;
  /** Pause between TTL sweeps (default 10 000 ms; 0 = only `sweepNow()`). */
  ttlIntervalMs?: number;
  /** JSON-lines file every dead-lettered stream batch is appended to. */
  dlqFile?: string;
  /** Change records kept for `feed.records()` (default 10 000). */
  retainRecords?: number;
  /** Default: warnings and errors to the console. */
  logger?: GatewayLogger;
}

export interface DynamoGateway {
  /** Endpoint for the SDK clients, e.g. `http://127.0.0.1:50123`. */
  endpoint: string;
  port: number;
  feed: ChangeFeed;
  /** Runs a TTL sweep now; resolves the number of expired items deleted. */
  sweepNow(): Promise<number>;
  /** Stops the sweeper and the consumers (after their current batch), then the server. */
  close(): Promise<void>;
}

export async function startDynamoGateway(options: DynamoGatewayOptions): Promise<DynamoGateway> {
  const region = options.region ?? 'us-east-1';
  const host = options.host ?? '127.0.0.1';
  const logger = options.logger ?? consoleLogger;

  const upstream = new Upstream(options.upstream, region);
  const catalog = new TableCatalog(upstream, options.tables ?? {});
  const lock = new ReadWriteLock();
  const feed = new ChangeFeed({
    region,
    logger,
    ...(options.dlqFile ? { dlqFile: options.dlqFile } : {}),
    ...(options.retainRecords ? { retain: options.retainRecords } : {}),
  });
  const writer = new ItemWriter({ upstream, catalog, feed, logger });
  const transactions = new Transactions({ upstream, catalog, lock, writer, logger });
  const sweeper = new TtlSweeper({ upstream, catalog, lock, writer, logger }, options.ttlIntervalMs ?? 10_000);
  const server = createGatewayServer({ upstream, catalog, lock, feed, writer, transactions, logger });

  await listen(server, options.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  sweeper.start();
  logger.info('DynamoDB gateway listening', { endpoint, upstream: options.upstream });

  return {
    endpoint,
    port,
    feed,
    sweepNow: () => sweeper.sweepNow(),
    close: async () => {
      await sweeper.stop();
      await feed.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      upstream.close();
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
