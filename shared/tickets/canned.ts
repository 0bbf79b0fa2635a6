import { randomUUID } from 'node:crypto';
import type { UserActor } from '../auth/actor.js';
import { actorName } from '../customer-files/notes.js';
import { checkCursor, withCursor } from '../db/cursor.js';
import { CannedReply, type CannedReplyItem } from '../db/entities/canned-reply.js';
import { Customer } from '../db/entities/customer.js';
import { TicketCategory } from '../db/entities/ticket-category.js';
import type { TicketItem } from '../db/entities/ticket.js';
import { isConditionalCheckFailed } from '../db/errors.js';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { getOrganisationSettings } from '../settings/service.js';
import { loadTicketFor } from './access.js';
import {
  renderTemplate,
  templateTokens,
  templateVariableNames,
  type CannedReplyView,
  type CreateCannedReply,
  type ListCannedRepliesQuery,
  type TemplateVariable,
  type UpdateCannedReply,
} from './conversation-schemas.js';

export class UnknownTemplateVariableError extends AppError {
  constructor(unknown: string[], allowed: readonly string[] = templateVariableNames) {
    super(400, 'unknown_template_variable', `Unknown template variable: ${unknown.map((u) => `{{${u}}}`).join(', ')}`, {
      unknown,
      allowed,
    });
  }
}

const anyToken = /\{\{\s*([^{}]*?)\s*\}\}/g;

/**
 * The same check against another variable list (e.g. a notification template's): any `{{token}}`
 * outside `allowed` refuses the text (400 `unknown_template_variable`). Returns the variables used.
 */
export function checkTemplateVariables(text: string, allowed: readonly string[]): string[] {
  const used = new Set<string>();
  const unknown = new Set<string>();
  for (const m of text.matchAll(anyToken)) {
    const name = m[1] ?? '';
    if (allowed.includes(name)) used.add(name);
    else unknown.add(name);
  }
  if (unknown.size) throw new UnknownTemplateVariableError([...unknown], allowed);
  return [...used];
}

const notFound = () => new NotFoundError('No such canned reply');
const versionConflict = () => new ConflictError('conflict', 'The canned reply was changed by someone else; reload and try again');

export function toCannedReplyView(item: CannedReplyItem): CannedReplyView {
  return {
    cannedReplyId: item.cannedReplyId,
    title: item.title,
    body: item.body,
    variables: item.variables,
    ...(item.categoryId ? { categoryId: item.categoryId } : {}),
    usageCount: item.usageCount,
    createdBy: item.createdBy,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    version: item.version,
  };
}

/** The variables a body uses; any `{{token}}` outside the allowed list refuses the save. */
export function checkTemplate(body: string): TemplateVariable[] {
  const { variables, unknown } = templateTokens(body);
  if (unknown.length) throw new UnknownTemplateVariableError(unknown);
  return variables;
}

async function checkCategory(categoryId: string | null | undefined): Promise<void> {
  if (!categoryId) return;
  const { data } = await TicketCategory.get({ categoryId }).go({ attributes: ['categoryId'] });
  if (!data) throw new ValidationError([{ path: 'body.categoryId', message: 'No such ticket category' }]);
}

async function readCannedReply(cannedReplyId: string): Promise<CannedReplyItem> {
  const { data } = await CannedReply.get({ cannedReplyId }).go();
  if (!data) throw notFound();
  return data;
}

/** Canned replies by title (optionally a title prefix), optionally one category's only. */
export async function listCannedReplies(query: ListCannedRepliesQuery): Promise<{ items: CannedReplyView[]; cursor: string | null }> {
  const cursor = checkCursor(query.cursor);
  const base = CannedReply.query.byTitle({ directory: 'cannedReplies' });
  const keyed = query.q ? base.begins({ titleLower: query.q.toLowerCase() }) : base;
  const page = await withCursor(() =>
    query.categoryId
      ? keyed.where(({ categoryId }, { eq }) => eq(categoryId, query.categoryId)).go({ count: query.limit, cursor })
      : keyed.go({ count: query.limit, cursor }),
  );
  return { items: page.data.map(toCannedReplyView), cursor: page.cursor };
}

export async function getCannedReply(cannedReplyId: string): Promise<CannedReplyView> {
  return toCannedReplyView(await readCannedReply(cannedReplyId));
}

/** Saves a new canned reply; unknown `{{variables}}` are refused (400 `unknown_template_variable`), nothing written. */
export async function createCannedReply(actor: UserActor, input: CreateCannedReply): Promise<CannedReplyView> {
  const variables = checkTemplate(input.body);
  await checkCategory(input.categoryId);
  const { data } = await CannedReply.create({
    cannedReplyId: randomUUID(),
    title: input.title,
    body: input.body,
    variables,
    ...(input.categoryId ? { categoryId: input.categoryId } : {}),
    createdBy: actor.userId,
  }).go();
  return toCannedReplyView(data);
}

/** Changes title, body or category if the version read is still current (`conflict` otherwise). */
export async function updateCannedReply(cannedReplyId: string, input: UpdateCannedReply): Promise<CannedReplyView> {
  const variables = input.body !== undefined ? checkTemplate(input.body) : undefined;
  await checkCategory(input.categoryId);
  const current = await readCannedReply(cannedReplyId);
  if (current.version !== input.version) throw versionConflict();
  const set = {
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.body !== undefined ? { body: input.body, variables } : {}),
    ...(input.categoryId ? { categoryId: input.categoryId } : {}),
    version: input.version + 1,
  };
  try {
    let update = CannedReply.patch({ cannedReplyId }).set(set);
    if (input.categoryId === null) update = update.remove(['categoryId']);
    const { data } = await update.where(({ version }, { eq }) => eq(version, input.version)).go({ response: 'all_new' });
    return toCannedReplyView(data);
  } catch (err) {
    if (isConditionalCheckFailed(err)) throw versionConflict();
    throw err;
  }
}

export async function deleteCannedReply(cannedReplyId: string): Promise<void> {
  try {
    await CannedReply.delete({ cannedReplyId }).where(({ cannedReplyId: id }, { exists }) => exists(id)).go();
  } catch (err) {
    if (isConditionalCheckFailed(err)) throw notFound();
    throw err;
  }
}

/** The values a ticket gives each variable (plain text). `company_name` is the organisation's (our) name. */
export async function templateValues(ticket: TicketItem, actor: UserActor): Promise<Record<TemplateVariable, string>> {
  const [customer, agentName, organisation] = await Promise.all([
    Customer.get({ customerId: ticket.customerId }).go({ attributes: ['name'] }),
    actorName(actor),
    getOrganisationSettings().catch(() => undefined),
  ]);
  return {
    customer_name: customer.data?.name ?? '',
    contact_name: ticket.requesterName ?? customer.data?.name ?? '',
    ticket_number: ticket.number,
    ticket_subject: ticket.subject,
    agent_name: agentName,
    company_name: organisation?.name ?? '',
    ticket_status: ticket.status.replace(/_/g, ' '),
    ticket_priority: ticket.priority,
    requester_email: ticket.requesterEmail,
  };
}

/** The canned reply's body rendered for a ticket the caller may read (data-only substitution). */
export async function previewCannedReply(actor: UserActor, cannedReplyId: string, ticketId: string): Promise<{ text: string; values: Record<string, string> }> {
  const [reply, ticket] = await Promise.all([readCannedReply(cannedReplyId), loadTicketFor(actor, ticketId, 'read')]);
  const values = await templateValues(ticket, actor);
  const used = Object.fromEntries(reply.variables.map((v) => [v, values[v as TemplateVariable] ?? '']));
  return { text: renderTemplate(reply.body, values), values: used };
}
