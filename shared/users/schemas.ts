import * as z from 'zod';
import { roleIdSchema } from '../roles/schemas.js';

export const userStatus = z.enum(['active', 'disabled']);
export const userKind = z.enum(['staff', 'customer']);

export const userView = z
  .object({
    userId: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.string(),
    status: userStatus,
    kind: userKind,
    mfaEnrolled: z.boolean(),
    locale: z.string().optional(),
    version: z.int().positive(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'User' });

export const userPath = z.object({ userId: z.string().min(1).max(128) });

export const listUsersQuery = z
  .object({
    /** Email prefix, case-insensitive. */
    q: z.string().trim().min(1).max(254).optional(),
    role: roleIdSchema.optional(),
    status: userStatus.optional(),
    kind: userKind.optional(),
    cursor: z.string().min(1).max(2048).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict();

export const userPage = z.object({ items: z.array(userView), cursor: z.string().nullable() }).meta({ id: 'UserPage' });

export const emailSchema = z.email().max(254);

export const createStaffUser = z
  .object({
    email: emailSchema,
    name: z.string().trim().min(1).max(120),
    /** A staff role: admin, manager, agent, technician or a custom role. */
    role: roleIdSchema,
    locale: z.string().min(2).max(35).optional(),
  })
  .strict()
  .meta({ id: 'CreateStaffUser' });

export const changeUserRole = z
  .object({
    role: roleIdSchema,
    /** The user's version as read; fails with `version_conflict` if it moved on. */
    version: z.int().positive(),
  })
  .strict()
  .meta({ id: 'ChangeUserRole' });

export type UserView = z.infer<typeof userView>;
export type ListUsersQuery = z.infer<typeof listUsersQuery>;
export type CreateStaffUser = z.infer<typeof createStaffUser>;
export type ChangeUserRole = z.infer<typeof changeUserRole>;
