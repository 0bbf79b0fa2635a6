import { randomBytes } from 'node:crypto';
import { MailThreadKey, normaliseMessageId, type MailThreadKeyItem } from '../db/entities/mail-thread-key.js';
import { keepFirstItem } from '../db/keep-first.js';
import type { TransactItem } from './store.js';

/** 20 lowercase base32 characters (100 bits): the per-ticket part of `support+<token>@domain`. */
export function randomReplyToken(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  return [...randomBytes(20)].map((b) => alphabet[b & 31]).join('');
}

/** The transaction item recording that `value` (a Message-ID or reply token) belongs to a ticket; never overwrites. */
export function threadKeyPut(kind: MailThreadKeyItem['kind'], value: string, ticketId: string, source: MailThreadKeyItem['source']): TransactItem {
  const { Item, TableName } = threadKeyParams(kind, value, ticketId, source);
  return { Put: { TableName, Item, ConditionExpression: 'attribute_not_exists(pk)' } };
}

/**
 * The same record, but an existing key is kept without failing (first ticket wins): for a mail's
 * own Message-ID, written in the transaction that files the mail, which it must not cancel.
 */
export function threadKeyKeep(kind: MailThreadKeyItem['kind'], value: string, ticketId: string, source: MailThreadKeyItem['source']): TransactItem {
  return keepFirstItem(threadKeyParams(kind, value, ticketId, source));
}

function threadKeyParams(kind: MailThreadKeyItem['kind'], value: string, ticketId: string, source: MailThreadKeyItem['source']) {
  const v = kind === 'msgid' ? normaliseMessageId(value) : value.toLowerCase();
  return MailThreadKey.create({ kind, value: v, ticketId, source }).params<{ Item: Record<string, unknown>; TableName: string }>();
}
