import type { UserActor } from '../auth/actor.js';
import { checkCursor, withCursor } from '../db/cursor.js';
import { MailSuppression, type MailSuppressionItem } from '../db/entities/mail-suppression.js';
import { isConditionalCheckFailed } from '../db/errors.js';
import { ConflictError, NotFoundError } from '../errors.js';
import type { CreateSuppression, ListSuppressionsQuery, SuppressionView } from './admin-schemas.js';
import { clearContactsBounced } from './bounces.js';

export function toSuppressionView(item: MailSuppressionItem): SuppressionView {
  return {
    email: item.email,
    reason: item.reason,
    ...(item.detail ? { detail: item.detail } : {}),
    ...(item.sourceId ? { sourceId: item.sourceId } : {}),
    ...(item.createdBy ? { createdBy: item.createdBy } : {}),
    createdAt: item.createdAt,
  };
}

/** Suppressed addresses, newest first; with `email`, that one address (exact) or nothing. */
export async function listSuppressions(query: ListSuppressionsQuery): Promise<{ items: SuppressionView[]; cursor: string | null }> {
  if (query.email) {
    const { data } = await MailSuppression.get({ email: query.email }).go();
    return { items: data ? [toSuppressionView(data)] : [], cursor: null };
  }
  const cursor = checkCursor(query.cursor);
  const page = await withCursor(() => MailSuppression.query.byCreated({ list: 'suppressed' }).go({ order: 'desc', limit: query.limit, cursor }));
  return { items: page.data.map(toSuppressionView), cursor: page.cursor };
}

/** An admin's manual entry (condition: not suppressed yet → else 409 `already_suppressed`). */
export async function addSuppression(input: CreateSuppression, actor: UserActor): Promise<SuppressionView> {
  try {
    const { data } = await MailSuppression.create({
      email: input.email,
      reason: 'manual',
      ...(input.note ? { detail: input.note } : {}),
      createdBy: actor.userId,
    }).go();
    return toSuppressionView(data);
  } catch (err) {
    if (isConditionalCheckFailed(err)) throw new ConflictError('already_suppressed', 'This address is already on the suppression list', { email: input.email });
    throw err;
  }
}

/** Lets the address be mailed again (its contacts lose the bounce flag); 404 when it was not suppressed. */
export async function removeSuppression(email: string): Promise<void> {
  const { data } = await MailSuppression.delete({ email }).go({ response: 'all_old' });
  if (!data) throw new NotFoundError('This address is not suppressed');
  await clearContactsBounced(email);
}
