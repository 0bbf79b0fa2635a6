import * as z from 'zod';
import { roleIdSchema } from '../roles/schemas.js';
import { emailSchema, userView } from '../users/schemas.js';

/** Roles a person may ask for; the approver may grant another staff role, custom ones included. */
export const requestableRole = z.enum(['admin', 'manager', 'agent', 'technician']);
export const accessRequestStatus = z.enum(['pending', 'approved', 'rejected']);

export const createAccessRequest = z
  .object({
    name: z.string().trim().min(1).max(120),
    email: emailSchema,
    requestedRole: requestableRole,
    note: z.string().trim().max(1000).default(''),
  })
  .strict()
  .meta({ id: 'CreateAccessRequest' });

/** The same answer whether the request was recorded, already open, or the email has an account. */
export const accessRequestReceived = z.object({ status: z.literal('received') }).meta({ id: 'AccessRequestReceived' });

export const accessRequestView = z
  .object({
    requestId: z.string(),
    name: z.string(),
    email: z.string(),
    requestedRole: z.string(),
    note: z.string(),
    status: accessRequestStatus,
    createdAt: z.iso.datetime(),
    decidedAt: z.iso.datetime().optional(),
    decidedBy: z.string().optional(),
    grantedRole: z.string().optional(),
    userId: z.string().optional(),
    reason: z.string().optional(),
  })
  .meta({ id: 'AccessRequest' });

export const listAccessRequestsQuery = z
  .object({
    status: accessRequestStatus.default('pending'),
    cursor: z.string().min(1).max(2048).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict();

export const accessRequestPage = z
  .object({ items: z.array(accessRequestView), cursor: z.string().nullable() })
  .meta({ id: 'AccessRequestPage' });

export const accessRequestPath = z.object({ requestId: z.string().min(1).max(64) });

export const approveAccessRequest = z
  .object({
    /** Grant another staff role than the one requested. */
    role: roleIdSchema.optional(),
  })
  .strict()
  .meta({ id: 'ApproveAccessRequest' });

export const rejectAccessRequest = z
  .object({ reason: z.string().trim().min(1).max(1000) })
  .strict()
  .meta({ id: 'RejectAccessRequest' });

export const accessRequestApproved = z
  .object({ request: accessRequestView, user: userView })
  .meta({ id: 'AccessRequestApproved' });

export type CreateAccessRequest = z.infer<typeof createAccessRequest>;
export type AccessRequestView = z.infer<typeof accessRequestView>;
export type ListAccessRequestsQuery = z.infer<typeof listAccessRequestsQuery>;
