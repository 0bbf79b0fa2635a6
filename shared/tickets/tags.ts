import type { UserActor } from '../auth/actor.js';
import { isConditionalCheckFailed } from '../db/errors.js';
import { TicketTag, type TicketTagItem } from '../db/entities/ticket-tag.js';
import { AppError, ConflictError, NotFoundError } from '../errors.js';
import { loadTicketFor } from './access.js';
import { transactionConflict } from './links.js';
import {
  maxTagsPerTicket, type ChangeTicketTags, type CreateTicketTag, type TicketTagView, type UpdateTicketTag,
} from './organisation-schemas.js';
import { searchKeyItems, tagTerm } from './search.js';
import { writeTicketChange, type TransactItem } from './store.js';

const directory = 'ticketTags';

export class UnknownTagError extends AppError {
  constructor(tags: string[]) {
    super(400, 'unknown_tag', 'Define these tags first (admin: ticket tags)', { tags });
  }
}

export function toTagView(item: TicketTagItem): TicketTagView {
  return {
    name: item.name,
    colour: item.colour,
    ...(item.description ? { description: item.description } : {}),
    usageCount: item.usageCount,
    version: item.version,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

/** Every tag definition, A→Z (one partition, one Query per page of 1 MB). */
export async function listTags(): Promise<TicketTagView[]> {
  const { data } = await TicketTag.query.byName({ directory }).go({ pages: 'all' });
  return data.map(toTagView);
}

/** Usage statistics: tags by the number of tickets carrying them now, most used first. */
export async function tagStats(): Promise<{ items: { name: string; colour: string; usageCount: number }[]; totalUsage: number; unused: string[] }> {
  const tags = await listTags();
  const items = tags
    .filter((t) => t.usageCount > 0)
    .sort((a, b) => b.usageCount - a.usageCount || a.name.localeCompare(b.name))
    .map(({ name, colour, usageCount }) => ({ name, colour, usageCount }));
  return { items, totalUsage: items.reduce((sum, t) => sum + t.usageCount, 0), unused: tags.filter((t) => t.usageCount <= 0).map((t) => t.name) };
}

async function readTag(name: string): Promise<TicketTagItem> {
  const { data } = await TicketTag.get({ directory, name }).go();
  if (!data) throw new NotFoundError('No such tag');
  return data;
}

/** Defines a tag; the name is unique (`tag_exists`). */
export async function createTag(input: CreateTicketTag, actor: UserActor): Promise<TicketTagView> {
  try {
    const { data } = await TicketTag.create({
      name: input.name,
      colour: input.colour,
      ...(input.description ? { description: input.description } : {}),
      createdBy: actor.userId,
    }).go();
    return toTagView(data);
  } catch (err) {
    if (isConditionalCheckFailed(err)) throw new ConflictError('tag_exists', 'A tag with this name exists already');
    throw err;
  }
}

/** Changes a tag's colour and description (the name is its identity), if the version read is current. */
export async function updateTag(name: string, input: UpdateTicketTag): Promise<TicketTagView> {
  const tag = await readTag(name);
  if (tag.version !== input.version) throw new ConflictError();
  try {
    let patch = TicketTag.patch({ directory, name }).set({ colour: input.colour, version: tag.version + 1 });
    if (input.description) patch = patch.set({ description: input.description });
    else if (tag.description) patch = patch.remove(['description']);
    const { data } = await patch.where(({ version }, { eq }) => eq(version, input.version)).go({ response: 'all_new' });
    return toTagView(data as TicketTagItem);
  } catch (err) {
    if (isConditionalCheckFailed(err)) throw new ConflictError();
    throw err;
  }
}

/** Deletes a tag no ticket carries (`tag_in_use` otherwise: remove it from those tickets first). */
export async function deleteTag(name: string): Promise<void> {
  const tag = await readTag(name);
  const inUse = () => new ConflictError('tag_in_use', 'Tickets still carry this tag; remove it from them first', { usageCount: tag.usageCount });
  if (tag.usageCount > 0) throw inUse();
  try {
    await TicketTag.delete({ directory, name }).where(({ usageCount }, { lte }) => lte(usageCount, 0)).go();
  } catch (err) {
    if (isConditionalCheckFailed(err)) throw inUse();
    throw err;
  }
}

/** The usage counter change of one tag, as a transaction item (fails when the tag is not defined). */
function usageUpdate(name: string, by: 1 | -1): TransactItem {
  const params = TicketTag.patch({ directory, name }).add({ usageCount: by }).params<Record<string, unknown>>();
  return { Update: params as never };
}

/**
 * Adds and removes tags on a ticket (staff), if the version read is current: the ticket's list,
 * its `t:<tag>` search keys, the tags' usage counters and a `tags` timeline event, in one
 * transaction. Only defined tags may be added (`unknown_tag`); at most 20 per ticket
 * (`too_many_tags`). Adding a tag already there or removing one that is not is ignored.
 */
export async function changeTicketTags(actor: UserActor, ticketId: string, input: ChangeTicketTags): Promise<{ ticketId: string; tags: string[]; version: number }> {
  const ticket = await loadTicketFor(actor, ticketId, 'write');
  if (ticket.version !== input.version) throw new ConflictError();
  const before = ticket.tags ?? [];
  const added = [...new Set(input.add)].filter((t) => !before.includes(t));
  const removed = [...new Set(input.remove)].filter((t) => before.includes(t));
  if (added.length === 0 && removed.length === 0) return { ticketId, tags: before, version: ticket.version };
  const after = [...before.filter((t) => !removed.includes(t)), ...added];
  if (after.length > maxTagsPerTicket) throw new AppError(400, 'too_many_tags', `At most ${maxTagsPerTicket} tags per ticket`, { max: maxTagsPerTicket });
  if (added.length) {
    const { data } = await TicketTag.get(added.map((name) => ({ directory, name }))).go();
    const known = new Set(data.map((t) => t.name));
    const unknown = added.filter((t) => !known.has(t));
    if (unknown.length) throw new UnknownTagError(unknown);
  }
  const also: TransactItem[] = [
    ...added.map((t) => usageUpdate(t, 1)),
    ...removed.map((t) => usageUpdate(t, -1)),
    ...searchKeyItems(ticket, added.map(tagTerm), 'put'),
    ...searchKeyItems(ticket, removed.map(tagTerm), 'delete'),
  ];
  const written = await transactionConflict(() =>
    writeTicketChange({
      ticket,
      set: { tags: after },
      events: [{ kind: 'tags', from: before.join(', ') || undefined, to: after.join(', ') || undefined, details: { added, removed }, actorId: actor.userId }],
      also,
    }),
  );
  return { ticketId, tags: written.tags ?? [], version: written.version };
}
