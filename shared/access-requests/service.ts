import { randomUUID } from 'node:crypto';
import { Service } from 'electrodb';
import type { UserActor } from '../auth/actor.js';
import { documentClient, tableName } from '../db/client.js';
import { checkCursor, withCursor } from '../db/cursor.js';
import { AccessRequest, type AccessRequestItem } from '../db/entities/access-request.js';
import { OpenAccessRequest } from '../db/entities/open-access-request.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { sendEmail } from '../mail/send.js';
import { logger } from '../observability.js';
import type { UserView } from '../users/schemas.js';
import { createStaffUser, findUserByEmail, undoStaffUser } from '../users/service.js';
import { accessRejectedEmail } from './emails.js';
import type { AccessRequestView, CreateAccessRequest, ListAccessRequestsQuery } from './schemas.js';

const queue = 'accessRequests';

/** Only the two entities the request transactions write. */
const makeStore = () =>
  new Service({ accessRequest: AccessRequest, openAccessRequest: OpenAccessRequest }, { client: documentClient, table: tableName });
/** Built on first use: constructing a Service at import time costs cold-start time on every Lambda that imports this module. */
let store: ReturnType<typeof makeStore> | undefined;
const getStore = () => (store ??= makeStore());

export function toAccessRequestView(item: AccessRequestItem): AccessRequestView {
  return {
    requestId: item.requestId,
    name: item.name,
    email: item.email,
    requestedRole: item.requestedRole,
    note: item.note,
    status: item.status,
    createdAt: item.createdAt,
    ...(item.decidedAt ? { decidedAt: item.decidedAt } : {}),
    ...(item.decidedBy ? { decidedBy: item.decidedBy } : {}),
    ...(item.grantedRole ? { grantedRole: item.grantedRole } : {}),
    ...(item.userId ? { userId: item.userId } : {}),
    ...(item.reason ? { reason: item.reason } : {}),
  };
}

const received = { status: 'received' as const };

/**
 * Records a request for a staff account. Answers the same whether it was recorded, an open request
 * for the email already exists (no duplicate: the email lock refuses it), or the email already has
 * an account (nothing recorded) — the public form reveals nothing about who exists.
 */
export async function submitAccessRequest(input: CreateAccessRequest): Promise<typeof received> {
  const email = input.email.trim();
  const emailLower = email.toLowerCase();
  if (await findUserByEmail(emailLower)) {
    logger.info('access request for an existing account ignored');
    return received;
  }
  const requestId = randomUUID();
  const result = await getStore().transaction
    .write(({ accessRequest, openAccessRequest }) => [
      openAccessRequest.create({ emailLower, requestId }).commit(),
      accessRequest
        .create({ requestId, name: input.name, email, emailLower, requestedRole: input.requestedRole, note: input.note, status: 'pending', queue })
        .commit(),
    ])
    .go();
  if (result.canceled) {
    if (result.data[0]?.rejected) return received;
    throw new Error(`Access request transaction cancelled: ${result.data.map((d) => d.code).join(', ')}`);
  }
  return received;
}

/** Requests in one status, newest first. */
export async function listAccessRequests(query: ListAccessRequestsQuery): Promise<{ items: AccessRequestView[]; cursor: string | null }> {
  const cursor = checkCursor(query.cursor);
  const page = await withCursor(() => AccessRequest.query.byStatus({ queue, status: query.status }).go({ order: 'desc', limit: query.limit, cursor }));
  return { items: page.data.map(toAccessRequestView), cursor: page.cursor };
}

async function readPending(requestId: string, to: 'approved' | 'rejected'): Promise<AccessRequestItem> {
  const { data } = await AccessRequest.get({ requestId }).go();
  if (!data) throw new NotFoundError('No such access request');
  if (data.status !== 'pending') throw invalidTransition(data.status, to);
  return data;
}

function invalidTransition(from: string, to: string) {
  return new ConflictError('invalid_status_transition', `An access request that is ${from} cannot become ${to}`, { from, to });
}

type Decision = { status: 'approved'; grantedRole: string; userId: string } | { status: 'rejected'; reason: string };

/**
 * Moves a pending request to its decision and releases the email lock, in one transaction
 * conditioned on the request still being pending. Returns null when someone decided it first.
 */
async function decide(request: AccessRequestItem, decision: Decision, actor: UserActor): Promise<AccessRequestItem | null> {
  const decidedAt = new Date().toISOString();
  const changes = { ...decision, decidedBy: actor.userId, decidedAt };
  const result = await getStore().transaction
    .write(({ accessRequest, openAccessRequest }) => [
      accessRequest
        .patch({ requestId: request.requestId })
        .set({ ...changes, queue })
        .where(({ status }, { eq }) => eq(status, 'pending'))
        .commit(),
      openAccessRequest.delete({ emailLower: request.emailLower }).commit(),
    ])
    .go();
  if (!result.canceled) return { ...request, ...changes, updatedAt: decidedAt };
  if (result.data[0]?.rejected) return null;
  throw new Error(`Access request decision cancelled: ${result.data.map((d) => d.code).join(', ')}`);
}

/**
 * Approves a pending request: creates the staff account with the requested role (or the approver's
 * choice) exactly as users admin does — invitation email with the temporary password included —
 * then marks the request approved. If another admin decided it meanwhile, the account is undone.
 */
export async function approveAccessRequest(requestId: string, input: { role?: string | undefined }, actor: UserActor): Promise<{ request: AccessRequestView; user: UserView }> {
  const request = await readPending(requestId, 'approved');
  const role = input.role ?? request.requestedRole;
  const user = await createStaffUser({ email: request.email, name: request.name, role }, actor);
  const decided = await decide(request, { status: 'approved', grantedRole: role, userId: user.userId }, actor).catch(async (err: unknown) => {
    await undoStaffUser(user.userId);
    throw err;
  });
  if (!decided) {
    await undoStaffUser(user.userId);
    const { data } = await AccessRequest.get({ requestId }).go();
    throw invalidTransition(data?.status ?? 'gone', 'approved');
  }
  return { request: toAccessRequestView(decided), user };
}

/** Rejects a pending request with a reason, which the requester receives by email. */
export async function rejectAccessRequest(requestId: string, input: { reason: string }, actor: UserActor): Promise<AccessRequestView> {
  const request = await readPending(requestId, 'rejected');
  const decided = await decide(request, { status: 'rejected', reason: input.reason }, actor);
  if (!decided) {
    const { data } = await AccessRequest.get({ requestId }).go();
    throw invalidTransition(data?.status ?? 'gone', 'rejected');
  }
  await sendEmail(accessRejectedEmail(request, input.reason)).catch((err: Error) =>
    logger.error('access rejection email failed', { requestId, error: err.message }),
  );
  return toAccessRequestView(decided);
}
