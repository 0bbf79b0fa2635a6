import * as z from 'zod';

/** Categories nest at most this deep (a root is level 1). */
export const maxCategoryDepth = 3;
/** Auto-assignment weight of one active ticket by priority. */
export const priorityWeights = { low: 1, medium: 2, high: 3, urgent: 5 } as const;

const id = z.string().min(1).max(64);
const version = z.number().int().min(1);
const cursor = z.string().min(1).max(2048).optional();
const limit = z.coerce.number().int().min(1).max(100).default(50);
const flag = z.enum(['true', 'false']).default('false').transform((v) => v === 'true');

/* ---------- categories ---------- */

export const categoryName = z.string().trim().min(1).max(80);

export const createTicketCategory = z
  .object({
    name: categoryName,
    /** Absent: a top-level category. */
    parentId: id.optional(),
    /** Absent: tickets go to the default support group. */
    defaultGroupId: id.optional(),
    requiresQc: z.boolean().default(false),
    active: z.boolean().default(true),
  })
  .strict()
  .meta({ id: 'CreateTicketCategory' });

/** PUT replaces every editable field; `parentId`/`defaultGroupId` absent or null = none. */
export const updateTicketCategory = z
  .object({
    version,
    name: categoryName,
    parentId: id.nullable().optional(),
    defaultGroupId: id.nullable().optional(),
    requiresQc: z.boolean(),
    active: z.boolean(),
  })
  .strict()
  .meta({ id: 'UpdateTicketCategory' });

export const ticketCategoryPath = z.object({ categoryId: id }).strict();

export const listTicketCategoriesQuery = z
  .object({
    /** Staff only: include inactive categories (customers always get active ones only). */
    includeInactive: flag,
  })
  .strict();

export interface TicketCategoryNodeShape {
  categoryId: string;
  parentId: string | null;
  name: string;
  defaultGroupId: string | null;
  requiresQc: boolean;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  children: TicketCategoryNodeShape[];
}

export const ticketCategoryNode: z.ZodType<TicketCategoryNodeShape> = z
  .object({
    categoryId: z.string(),
    parentId: z.string().nullable(),
    name: z.string(),
    defaultGroupId: z.string().nullable(),
    requiresQc: z.boolean(),
    active: z.boolean(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    get children() {
      return z.array(ticketCategoryNode);
    },
  })
  .meta({ id: 'TicketCategoryNode' });

export const ticketCategoryTree = z
  .object({ items: z.array(ticketCategoryNode) })
  .meta({ id: 'TicketCategoryTree' });

export const ticketCategoryDeleted = z
  .object({
    categoryId: z.string(),
    /** `deactivated` when tickets were created with it (they keep showing it), else `deleted`. */
    outcome: z.enum(['deleted', 'deactivated']),
  })
  .meta({ id: 'TicketCategoryDeleted' });

/* ---------- support groups ---------- */

export const groupName = z.string().trim().min(1).max(80);

export const createSupportGroup = z
  .object({
    name: groupName,
    description: z.string().trim().max(1000).default(''),
    leadId: id.optional(),
  })
  .strict()
  .meta({ id: 'CreateSupportGroup' });

export const updateSupportGroup = z
  .object({
    version,
    name: groupName,
    description: z.string().trim().max(1000).default(''),
    leadId: id.nullable().optional(),
  })
  .strict()
  .meta({ id: 'UpdateSupportGroup' });

export const supportGroupPath = z.object({ groupId: id }).strict();
export const groupMemberPath = z.object({ groupId: id, userId: id }).strict();
export const listSupportGroupsQuery = z.object({ cursor, limit }).strict();

export const supportGroupView = z
  .object({
    groupId: z.string(),
    name: z.string(),
    description: z.string(),
    leadId: z.string().nullable(),
    memberCount: z.number().int(),
    isDefault: z.boolean(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'SupportGroup' });

export const supportGroupPage = z
  .object({ items: z.array(supportGroupView), cursor: z.string().nullable() })
  .meta({ id: 'SupportGroupPage' });

/** A member with their auto-assignment state. */
export const groupMemberView = z
  .object({
    userId: z.string(),
    name: z.string(),
    email: z.string(),
    isLead: z.boolean(),
    available: z.boolean(),
    /** Active tickets assigned to them, weighted by priority (low 1, medium 2, high 3, urgent 5). */
    load: z.number(),
    openTickets: z.number().int(),
    addedAt: z.string(),
  })
  .meta({ id: 'GroupMember' });

export const supportGroupDetail = z
  .object({ group: supportGroupView, members: z.array(groupMemberView) })
  .meta({ id: 'SupportGroupDetail' });

export const agentState = z
  .object({ available: z.boolean(), load: z.number(), openTickets: z.number().int() })
  .meta({ id: 'AgentState' });

export const mySupportGroups = z
  .object({ state: agentState, groups: z.array(supportGroupView) })
  .meta({ id: 'MySupportGroups' });

export const setAvailability = z.object({ available: z.boolean() }).strict().meta({ id: 'SetAvailability' });

/* ---------- assignment ---------- */

export const assignTicket = z.object({ version, assigneeId: id }).strict().meta({ id: 'AssignTicket' });
export const unassignTicket = z.object({ version }).strict().meta({ id: 'UnassignTicket' });
export const transferTicket = z
  .object({ version, groupId: id, reason: z.string().trim().min(1).max(1000) })
  .strict()
  .meta({ id: 'TransferTicket' });

export type CreateTicketCategory = z.infer<typeof createTicketCategory>;
export type UpdateTicketCategory = z.infer<typeof updateTicketCategory>;
export type CreateSupportGroup = z.infer<typeof createSupportGroup>;
export type UpdateSupportGroup = z.infer<typeof updateSupportGroup>;
export type SupportGroupView = z.infer<typeof supportGroupView>;
export type GroupMemberView = z.infer<typeof groupMemberView>;
export type AgentState = z.infer<typeof agentState>;
