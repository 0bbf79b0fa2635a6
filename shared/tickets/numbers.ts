import { randomInt } from 'node:crypto';
import { TicketNumber } from '../db/entities/ticket-number.js';
import type { TransactItem } from './store.js';

export const minTicketNumber = 100_000;
export const maxTicketNumber = 999_999;

/**
 * A random six-digit number (100000–999999) from the CSPRNG: numbers are not sequential, so one
 * customer's number tells nothing about others'. Uniqueness comes from the `ticketNumber` lock.
 */
export function randomTicketNumber(): string {
  return String(randomInt(minTicketNumber, maxTicketNumber + 1));
}

/** As shown to people: `#482913`. */
export const formatTicketNumber = (number: string) => `#${number}`;

/** The lock item claiming `number` for a ticket, as a transaction Put that fails if it is taken. */
export function numberLockPut(number: string, ticketId: string): TransactItem {
  const { Item, TableName } = TicketNumber.create({ number, ticketId }).params<{ Item: Record<string, unknown>; TableName: string }>();
  return { Put: { TableName, Item, ConditionExpression: 'attribute_not_exists(pk)' } };
}

/** The ticket id holding `number`, if any. */
export async function ticketIdForNumber(number: string): Promise<string | undefined> {
  const { data } = await TicketNumber.get({ number }).go();
  return data?.ticketId;
}
