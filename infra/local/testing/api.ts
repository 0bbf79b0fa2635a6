import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signInViaApi } from '../auth.js';
import { demoPassword } from '../seed.js';
import { startTwin, type Twin } from '../twin.js';

// Integration tests against the local twin: one twin per test file on free ports, demo sign-in
// (staff answer their TOTP challenge), JSON calls, sent mail and the change feed.

export type Reply = { status: number; body: Record<string, any> | undefined };

export interface StoredMail {
  messageId: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string };
}

export interface TestTwin {
  twin: Twin;
  /** A demo user's access token (password from the seed; staff also answer TOTP). */
  signIn(email: string): Promise<string>;
  /** One JSON request to the API as the token's holder. */
  call(method: string, path: string, token: string, body?: unknown): Promise<Reply>;
  /** Mail the twin's SES accepted for an address containing `to` (case-insensitive), oldest first. */
  sentMail(to: string): Promise<StoredMail[]>;
  /** How many changes to items of these ElectroDB entities the change feed has carried so far. */
  writesOf(...entities: string[]): number;
  stop(): Promise<void>;
}

/** Starts a seeded twin in a temp dir named after `name`, without the scheduler. */
export async function startTestTwin(name: string): Promise<TestTwin> {
  const dir = mkdtempSync(join(tmpdir(), `cm-${name}-`));
  const twin = await startTwin({ dir, ports: { api: 0, dynamodb: 0, s3: 0, cognito: 0, ses: 0, smtp: 0 }, scheduler: false, ttlIntervalMs: 0 });
  const api = twin.state.endpoints.api;
  return {
    twin,
    signIn: async (email) => (await signInViaApi(api, email, demoPassword, twin.seeded?.secrets[email])).accessToken,
    call: async (method, path, token, body) => {
      const res = await fetch(`${api}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as Record<string, any>) : undefined };
    },
    sentMail: async (to) => {
      // Notifications are sent by a stream consumer: wait until the feed is processed.
      await twin.gateway.feed.drain();
      const { emails } = (await (await fetch(`${twin.state.endpoints.ses}/store`)).json()) as { emails: StoredMail[] };
      return emails.filter((m) => m.destination.to.some((d) => d.toLowerCase().includes(to.toLowerCase())));
    },
    writesOf: (...entities) =>
      twin.gateway.feed.records().filter((r) => entities.includes(String((r.dynamodb?.NewImage ?? r.dynamodb?.OldImage)?.__edb_e__?.S))).length,
    stop: async () => {
      try {
        await twin.stop();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** A reply's status and error code, for refusals. */
export const outcome = (r: { status: number; body?: Record<string, any> | undefined }) => ({ status: r.status, code: r.body?.error?.code });

/** The user id (`sub`) inside an access token. */
export const subOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')).sub as string;

/** Signs each named demo user in, in order, filling `tokens` and, when given, `ids` (their user ids). */
export async function signInEach<K extends string>(
  test: Pick<TestTwin, 'signIn'>,
  people: Record<K, string>,
  tokens: Partial<Record<K, string>>,
  ids?: Partial<Record<K, string>>,
): Promise<void> {
  for (const [who, email] of Object.entries(people) as [K, string][]) {
    const token = await test.signIn(email);
    tokens[who] = token;
    if (ids) ids[who] = subOf(token);
  }
}

/** Posts a presigned S3 form as a browser would: the fields as given, then the file last. */
export async function postToPresigned(upload: { url: string; fields: Record<string, string> }, bytes: Uint8Array, contentType: string): Promise<void> {
  const form = new FormData();
  for (const [k, v] of Object.entries(upload.fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: contentType }), 'upload');
  const res = await fetch(upload.url, { method: 'POST', body: form });
  if (res.status >= 300) throw new Error(`S3 answered ${res.status}: ${await res.text()}`);
}

/**
 * Writes an account and its owner contact straight through the entities (for tests of other
 * domains). Call after the twin started: the entities read the environment at import.
 */
export async function createOwnedAccount(
  account: { customerId: string; type: 'corporate' | 'individual'; name: string; currency: string },
  owner: { userId: string; name: string; email: string },
): Promise<void> {
  const { Customer } = await import('../../../shared/db/entities/customer.js');
  const { CustomerContact } = await import('../../../shared/db/entities/customer-contact.js');
  await Customer.create({ ...account, createdBy: owner.userId }).go();
  await CustomerContact.create({
    customerId: account.customerId,
    userId: owner.userId,
    role: 'owner',
    canSeeTickets: true,
    canSeeInvoices: true,
    canManageContacts: true,
    name: owner.name,
    email: owner.email,
    addedBy: owner.userId,
  }).go();
}

/**
 * Records the name of every DynamoDB command the in-process handlers send from now on, and fails
 * any Scan. Call after the twin started (the handlers share this client).
 */
export async function refuseScans(): Promise<string[]> {
  const commands: string[] = [];
  const { documentClient } = await import('../../../shared/db/client.js');
  documentClient.middlewareStack.add(
    (next, context) => async (args) => {
      commands.push(String(context.commandName));
      if (/^Scan/.test(String(context.commandName))) throw new Error('A Scan was sent');
      return next(args);
    },
    { step: 'initialize', name: 'refuseScans' },
  );
  return commands;
}
