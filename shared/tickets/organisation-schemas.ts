import * as z from 'zod';
import { listTicketsQuery } from './schemas.js';

// Tags, watchers, merge and links (the web app imports these for its forms: zod only).

/** Lower-case letters (any script), digits, `-` and `_`; starts with a letter or digit. */
export const tagName = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u, 'Letters, digits, - and _ only, starting with a letter or digit');

export const tagColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'A colour like #1f77b4').transform((c) => c.toLowerCase());

export const createTicketTag = z.strictObject({
  name: tagName,
  colour: tagColour,
  description: z.string().trim().max(200).optional(),
});
export type CreateTicketTag = z.infer<typeof createTicketTag>;

export const updateTicketTag = z.strictObject({
  colour: tagColour,
  description: z.string().trim().max(200).optional(),
  version: z.int().min(1),
});
export type UpdateTicketTag = z.infer<typeof updateTicketTag>;

export const ticketTagPath = z.strictObject({ tagName });

export const ticketTagView = z.object({
  name: z.string(),
  colour: z.string(),
  description: z.string().optional(),
  usageCount: z.int(),
  version: z.int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TicketTagView = z.infer<typeof ticketTagView>;

export const ticketTagList = z.object({ items: z.array(ticketTagView) });

export const ticketTagStats = z.object({
  /** Most used first. */
  items: z.array(z.object({ name: z.string(), colour: z.string(), usageCount: z.int() })),
  /** Tags on tickets, counted once per ticket and tag. */
  totalUsage: z.int(),
  unused: z.array(z.string()),
});

/** At most 20 tags per ticket; a tag both added and removed is refused. */
export const maxTagsPerTicket = 20;

export const changeTicketTags = z
  .strictObject({
    version: z.int().min(1),
    add: z.array(tagName).max(maxTagsPerTicket).default([]),
    remove: z.array(tagName).max(maxTagsPerTicket).default([]),
  })
  .refine((b) => b.add.length + b.remove.length > 0, { message: 'Add or remove at least one tag', path: ['add'] })
  .refine((b) => !b.add.some((t) => b.remove.includes(t)), { message: 'A tag cannot be both added and removed', path: ['remove'] });
export type ChangeTicketTags = z.infer<typeof changeTicketTags>;

export const ticketTagsChanged = z.object({ ticketId: z.string(), tags: z.array(z.string()), version: z.int() });

export const ticketPath = z.strictObject({ ticketId: z.string().min(1).max(100) });

// Watchers

export const watcherPath = z.strictObject({ ticketId: z.string().min(1).max(100), userId: z.string().min(1).max(100) });

export const watcherPreferences = z.strictObject({ reply: z.boolean(), status: z.boolean(), assignment: z.boolean() });
export type WatcherPreferences = z.infer<typeof watcherPreferences>;

/** Optional preferences when starting to watch (all events by default). */
export const addWatcher = watcherPreferences.partial();
export type AddWatcher = z.infer<typeof addWatcher>;

export const watcherView = z.object({
  ticketId: z.string(),
  userId: z.string(),
  kind: z.enum(['staff', 'contact']),
  name: z.string(),
  email: z.string(),
  reply: z.boolean(),
  status: z.boolean(),
  assignment: z.boolean(),
  version: z.int(),
  createdAt: z.string(),
});
export type WatcherView = z.infer<typeof watcherView>;

export const watcherList = z.object({ items: z.array(watcherView) });

export const myWatchingQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2000).optional(),
});
export type MyWatchingQuery = z.infer<typeof myWatchingQuery>;

export const watchedTicket = z.object({
  ticketId: z.string(),
  number: z.string(),
  subject: z.string(),
  status: z.string(),
  priority: z.string(),
  customerId: z.string(),
  updatedAt: z.string(),
  watchingSince: z.string(),
  preferences: watcherPreferences,
});
export const myWatchingPage = z.object({ items: z.array(watchedTicket), cursor: z.string().nullable() });

// Merge and links

export const mergeTicket = z.strictObject({
  targetTicketId: z.string().min(1).max(100),
  /** The source ticket's version as read. */
  version: z.int().min(1),
  targetVersion: z.int().min(1),
});
export type MergeTicket = z.infer<typeof mergeTicket>;

export const mergeResult = z.object({
  sourceTicketId: z.string(),
  targetTicketId: z.string(),
  movedMessages: z.int(),
  movedAttachments: z.int(),
  movedWatchers: z.int(),
  sourceVersion: z.int(),
  targetVersion: z.int(),
});

export const linkPath = z.strictObject({ ticketId: z.string().min(1).max(100), otherTicketId: z.string().min(1).max(100) });

export const linkResult = z.object({ ticketId: z.string(), linkedTicketIds: z.array(z.string()), version: z.int() });

// Exports

/** What an export answers: a short-lived link to the file in the exports bucket. */
export const exportLink = z.object({
  url: z.string(),
  expiresAt: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  /** Tickets in a list export; for a PDF, the ticket and its public replies. */
  rows: z.int(),
  /** The list had more than the export limit (5,000): narrow the filters. */
  truncated: z.boolean(),
});
export type ExportLink = z.infer<typeof exportLink>;

export const pdfExportQuery = z.strictObject({ locale: z.enum(['en', 'fr', 'ar']).default('en') });
export type PdfExportQuery = z.infer<typeof pdfExportQuery>;

/**
 * The staff list's own filters (queue, status, priority, category, group, assignee, tag, ...);
 * `cursor` and `limit` are ignored. `queue=unassigned` without `groupId` exports the unassigned
 * tickets of every group the caller is a member of.
 */
export const exportTicketsQuery = z
  .strictObject(listTicketsQuery.shape)
  .refine((q) => q.queue !== 'group' || !!q.groupId, { message: 'This queue needs `groupId`', path: ['groupId'] })
  .refine((q) => !q.createdFrom || !q.createdTo || q.createdFrom <= q.createdTo, { message: '`createdFrom` is after `createdTo`', path: ['createdTo'] });
export type ExportTicketsQuery = z.output<typeof exportTicketsQuery>;

export const noContent = z.void();
