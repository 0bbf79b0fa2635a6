import type { UserActor } from '../auth/actor.js';
import { MailSettings } from '../db/entities/mail-settings.js';
import { SupportGroup, type SupportGroupItem } from '../db/entities/support-group.js';
import { TicketCategory, type TicketCategoryItem } from '../db/entities/ticket-category.js';
import { isConditionalCheckFailed } from '../db/errors.js';
import { ConflictError, ValidationError, type ErrorDetail } from '../errors.js';
import type { MailSettingsView, UpdateMailSettings } from './admin-schemas.js';
import { getMailSettings, orgId, resetMailSettingsCache, type MailSettingsView as StoredSettings } from './settings.js';

async function batchGet<T>(ids: readonly string[], read: (ids: string[]) => Promise<{ data: T[]; unprocessed: unknown[] }>): Promise<T[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const { data, unprocessed } = await read(unique);
  if (unprocessed.length) throw new Error('Batch read left items unprocessed');
  return data;
}

/** The groups and categories the mailboxes name, by id (two BatchGetItem). */
async function namesFor(mailboxes: readonly { groupId: string; categoryId: string }[]) {
  const [groups, categories] = await Promise.all([
    batchGet<SupportGroupItem>(mailboxes.map((m) => m.groupId), (ids) => SupportGroup.get(ids.map((groupId) => ({ groupId }))).go()),
    batchGet<TicketCategoryItem>(mailboxes.map((m) => m.categoryId), (ids) => TicketCategory.get(ids.map((categoryId) => ({ categoryId }))).go()),
  ]);
  return { groups: new Map(groups.map((g) => [g.groupId, g])), categories: new Map(categories.map((c) => [c.categoryId, c])) };
}

function toView(settings: StoredSettings, names: Awaited<ReturnType<typeof namesFor>>): MailSettingsView {
  return {
    mailboxes: settings.mailboxes.map((m) => {
      const category = names.categories.get(m.categoryId);
      return {
        address: m.address,
        groupId: m.groupId,
        categoryId: m.categoryId,
        ...(m.name ? { name: m.name } : {}),
        groupName: names.groups.get(m.groupId)?.name ?? null,
        categoryName: category?.name ?? null,
        categoryActive: category?.active ?? false,
      };
    }),
    unknownSender: settings.unknownSender,
    autoMailsPerHour: settings.autoMailsPerHour,
    maxMessageBytes: settings.maxMessageBytes,
    version: settings.version,
    ...(settings.version > 0 ? { updatedAt: settings.updatedAt } : {}),
    ...(settings.updatedBy ? { updatedBy: settings.updatedBy } : {}),
  };
}

/** The mail settings (defaults with version 0 when none were saved) with the names of the groups and categories they use. */
export async function readMailSettings(): Promise<MailSettingsView> {
  const settings = await getMailSettings();
  return toView(settings, await namesFor(settings.mailboxes));
}

/** Every mailbox's group must exist and its category must exist and be active; else 400 naming the field. */
export function mailboxProblems(
  mailboxes: UpdateMailSettings['mailboxes'],
  names: { groups: ReadonlyMap<string, unknown>; categories: ReadonlyMap<string, Pick<TicketCategoryItem, 'active'>> },
): ErrorDetail[] {
  return mailboxes.flatMap((m, i) => {
    const problems: ErrorDetail[] = [];
    if (!names.groups.has(m.groupId)) problems.push({ path: `body.mailboxes.${i}.groupId`, message: 'No such support group', code: 'unknown_group' });
    const category = names.categories.get(m.categoryId);
    if (!category) problems.push({ path: `body.mailboxes.${i}.categoryId`, message: 'No such ticket category', code: 'unknown_category' });
    else if (!category.active) problems.push({ path: `body.mailboxes.${i}.categoryId`, message: 'This ticket category is inactive', code: 'inactive_category' });
    return problems;
  });
}

/**
 * Saves the settings when the caller read the current version: version 0 creates the item
 * (condition: not there yet), otherwise the update is conditioned on `version`. Either loser gets
 * 409 `conflict`; a missing or inactive group/category is a 400 before anything is written.
 */
export async function saveMailSettings(input: UpdateMailSettings, actor: UserActor): Promise<MailSettingsView> {
  const names = await namesFor(input.mailboxes);
  const problems = mailboxProblems(input.mailboxes, names);
  if (problems.length) throw new ValidationError(problems);
  const { version, ...fields } = input;
  const mailboxes = fields.mailboxes.map((m) => ({ address: m.address, groupId: m.groupId, categoryId: m.categoryId, ...(m.name ? { name: m.name } : {}) }));
  const values = { ...fields, mailboxes, updatedBy: actor.userId };
  try {
    const { data } =
      version === 0
        ? await MailSettings.create({ orgId, ...values, version: 1 }).go()
        : await MailSettings.patch({ orgId })
            .set({ ...values, version: version + 1 })
            .where(({ version: v }, { eq }) => eq(v, version))
            .go({ response: 'all_new' });
    resetMailSettingsCache();
    const { orgId: _org, ...saved } = data;
    return toView(saved, names);
  } catch (err) {
    if (isConditionalCheckFailed(err)) throw new ConflictError('conflict', 'Mail settings were changed by someone else; reload and try again', { version });
    throw err;
  }
}
