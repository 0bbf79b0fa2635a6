import { AppError } from '../errors.js';

export class InvalidCursorError extends AppError {
  constructor() {
    super(400, 'invalid_cursor', 'The pagination cursor is not one this API returned');
  }
}

/**
 * Checks a client's pagination cursor (ElectroDB's base64url JSON of the last key read) before it
 * reaches DynamoDB; `null` = first page. The query's own key still decides the partition, so a
 * forged cursor can only move within what the caller may list anyway.
 */
export function checkCursor(cursor: string | undefined): string | null {
  if (!cursor) return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (key && typeof key === 'object' && !Array.isArray(key) && Object.values(key).every((v) => typeof v === 'string')) return cursor;
  } catch {
    // fall through
  }
  throw new InvalidCursorError();
}

/** Runs a paginated query, answering `invalid_cursor` when DynamoDB refuses the start key. */
export async function withCursor<T>(query: () => Promise<T>): Promise<T> {
  try {
    return await query();
  } catch (err) {
    const e = err as { name?: string; message?: string; cause?: { name?: string; message?: string } };
    const inner = e.cause ?? e;
    if (inner.name === 'ValidationException' && /start(ing)? key/i.test(inner.message ?? '')) throw new InvalidCursorError();
    throw err;
  }
}
