import { randomBytes } from 'node:crypto';
import { MailThreadKey, normaliseMessageId, type MailThreadKeyItem } from '../db/entities/mail-thread-key.js';
import type { TransactItem } from './store.js';

/** 20 lowercase base32 characters (100 bits): the per-ticket part of `support+<token>@domain`. */
export function randomReplyToken(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  return [...randomBytes(20)].map((b) => alphabet[b & 31]).join('');
}

/** The transaction item recording that `value` (a Message-ID or reply token) belongs to a ticket; never overwrites. */
export function threadKeyPut(kind: MailThreadKeyItem['kind'], value: string, ticketId: string, source: MailThreadKeyItem['source']): TransactItem {
  const v = kind === 'msgid' ? normaliseMessageId(value) : value.toLowerCase();
  const { Item, TableName } = MailThreadKey.create({ kind, value: v, ticketId, source }).params<{ Item: Record<string, unknown>; TableName: string }>();
  return { Put: { TableName, Item, ConditionExpression: 'attribute_not_exists(pk)' } };
}
