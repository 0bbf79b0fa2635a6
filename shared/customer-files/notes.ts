import type { UserActor } from '../auth/actor.js';
import { checkCursor, withCursor } from '../db/cursor.js';
import { Customer } from '../db/entities/customer.js';
import { CustomerNote, type CustomerNoteItem } from '../db/entities/customer-note.js';
import { User } from '../db/entities/user.js';
import { isConditionalCheckFailed } from '../db/errors.js';
import { AppError, ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import { timeSortableId } from './ids.js';
import type { CreateNote, ListNotesQuery, NoteView, UpdateNote } from './schemas.js';

export class NotNoteAuthorError extends AppError {
  constructor() {
    super(403, 'not_note_author', 'Only the author of a note, a manager or an admin may change it');
  }
}

const versionConflict = () => new ConflictError('version_conflict', 'The note was changed by someone else; reload and try again');

/** Managers and admins edit and delete any note and may list deleted ones. */
export function moderatesNotes(actor: Pick<UserActor, 'role'>): boolean {
  return actor.role === 'admin' || actor.role === 'manager';
}

export function mayEditNote(actor: Pick<UserActor, 'role' | 'userId'>, note: Pick<CustomerNoteItem, 'authorId'>): boolean {
  return note.authorId === actor.userId || moderatesNotes(actor);
}

/** Internal notes do not exist for customer users, not even on their own account. */
function staffOnly(actor: UserActor): void {
  if (!actor.isStaff) throw new NotFoundError('No such customer');
}

export async function requireCustomer(customerId: string): Promise<void> {
  const { data } = await Customer.get({ customerId }).go({ attributes: ['customerId'] });
  if (!data) throw new NotFoundError('No such customer');
}

/** The name lists show for the acting user, copied when they write. */
export async function actorName(actor: UserActor): Promise<string> {
  const { data } = await User.get({ userId: actor.userId }).go({ attributes: ['name'] });
  return data?.name ?? actor.username;
}

export function toNoteView(item: CustomerNoteItem, actor: UserActor): NoteView {
  return {
    noteId: item.noteId,
    customerId: item.customerId,
    type: item.type,
    body: item.body,
    pinned: item.pinned,
    authorId: item.authorId,
    authorName: item.authorName,
    createdAt: item.createdAt,
    ...(item.editedAt ? { editedAt: item.editedAt } : {}),
    ...(item.editedBy ? { editedBy: item.editedBy } : {}),
    ...(item.deletedAt ? { deletedAt: item.deletedAt } : {}),
    ...(item.deletedBy ? { deletedBy: item.deletedBy } : {}),
    version: item.version,
    canEdit: !item.deletedAt && mayEditNote(actor, item),
  };
}

const pinRank = (pinned: boolean) => (pinned ? '1' : '0');

/** A customer's notes, pinned first, then newest first; one type if asked; deleted ones only for managers and admins who ask. */
export async function listNotes(actor: UserActor, customerId: string, query: ListNotesQuery): Promise<{ items: NoteView[]; cursor: string | null }> {
  staffOnly(actor);
  if (query.includeDeleted && !moderatesNotes(actor)) throw new ForbiddenError('Only managers and admins see deleted notes');
  const cursor = checkCursor(query.cursor);
  const index = query.type ? CustomerNote.query.byType({ customerId, type: query.type }) : CustomerNote.query.byPin({ customerId });
  const filtered = query.includeDeleted ? index : index.where(({ deletedAt }, { notExists }) => notExists(deletedAt));
  const [, page] = await Promise.all([
    requireCustomer(customerId),
    withCursor(() => filtered.go({ order: 'desc', count: query.limit, cursor })),
  ]);
  return { items: page.data.map((n) => toNoteView(n, actor)), cursor: page.cursor };
}

/** Adds a note to an existing customer. */
export async function createNote(actor: UserActor, customerId: string, input: CreateNote): Promise<NoteView> {
  staffOnly(actor);
  const [, authorName] = await Promise.all([requireCustomer(customerId), actorName(actor)]);
  const { data } = await CustomerNote.create({
    customerId,
    noteId: timeSortableId(),
    type: input.type,
    body: input.body,
    pinned: input.pinned,
    pinRank: pinRank(input.pinned),
    authorId: actor.userId,
    authorName,
  }).go();
  return toNoteView(data, actor);
}

async function readEditable(actor: UserActor, customerId: string, noteId: string, version?: number): Promise<CustomerNoteItem> {
  staffOnly(actor);
  const { data } = await CustomerNote.get({ customerId, noteId }).go();
  if (!data || data.deletedAt) throw new NotFoundError('No such note');
  if (!mayEditNote(actor, data)) throw new NotNoteAuthorError();
  if (version !== undefined && data.version !== version) throw versionConflict();
  return data;
}

/** Changes a note's body, type or pin, if the version read is still current. Body or type changes mark it edited. */
export async function updateNote(actor: UserActor, customerId: string, noteId: string, input: UpdateNote): Promise<NoteView> {
  const note = await readEditable(actor, customerId, noteId, input.version);
  const edited = note.body !== input.body || note.type !== input.type;
  if (!edited && note.pinned === input.pinned) return toNoteView(note, actor);
  const now = new Date().toISOString();
  try {
    const { data } = await CustomerNote.patch({ customerId, noteId })
      .set({
        body: input.body,
        type: input.type,
        pinned: input.pinned,
        pinRank: pinRank(input.pinned),
        version: input.version + 1,
        ...(edited ? { editedAt: now, editedBy: actor.userId } : {}),
      })
      .where(({ version, deletedAt }, { eq, notExists }) => `${eq(version, input.version)} AND ${notExists(deletedAt)}`)
      .go({ response: 'all_new' });
    return toNoteView(data, actor);
  } catch (err) {
    if (isConditionalCheckFailed(err)) throw versionConflict();
    throw err;
  }
}

/** Soft-deletes a note: it stays, with who deleted it and when, visible to managers and admins. */
export async function deleteNote(actor: UserActor, customerId: string, noteId: string): Promise<void> {
  const note = await readEditable(actor, customerId, noteId);
  try {
    await CustomerNote.patch({ customerId, noteId })
      .set({ deletedAt: new Date().toISOString(), deletedBy: actor.userId, version: note.version + 1 })
      .where(({ version, deletedAt }, { eq, notExists }) => `${eq(version, note.version)} AND ${notExists(deletedAt)}`)
      .go();
  } catch (err) {
    if (isConditionalCheckFailed(err)) throw versionConflict();
    throw err;
  }
}
