import * as z from 'zod';
import { permissions, roles } from '../auth/permissions.js';

export const permissionSchema = z.enum(permissions);

/** A role id: a built-in role or a custom role's slug. */
export const roleIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,38}[a-z0-9]$/, 'Lower-case letters, digits and dashes (3–40), starting with a letter')
  .meta({ id: 'RoleId', description: 'A built-in role (admin, manager, agent, technician, customer) or a custom role id' });

/** Role id -> permissions. Keys are role ids, values sorted and without duplicates once saved. */
export const roleMatrix = z.record(roleIdSchema, z.array(permissionSchema)).meta({ id: 'RoleMatrix' });

export const roleSummary = z
  .object({
    roleId: roleIdSchema,
    name: z.string(),
    description: z.string(),
    builtIn: z.boolean(),
    /** Staff roles must enrol TOTP; every custom role is a staff role. */
    staff: z.boolean(),
  })
  .meta({ id: 'Role' });

export const changedBy = z.object({ userId: z.string(), username: z.string() }).meta({ id: 'ChangedBy' });

export const rolesView = z
  .object({
    /** The version in force; 0 = never saved, the defaults in code apply. */
    version: z.int().min(0),
    matrix: roleMatrix,
    roles: z.array(roleSummary),
    /** Every permission, for the matrix editor's columns. */
    permissions: z.array(permissionSchema),
    changedAt: z.iso.datetime().optional(),
    changedBy: changedBy.optional(),
  })
  .meta({ id: 'RolesView' });

export const updateRoleMatrix = z
  .object({
    /** The version the editor read (0 if never saved); the save fails with `version_conflict` if it moved on. */
    version: z.int().min(0),
    /** Every built-in role's row; custom roles without a row get no permissions. */
    matrix: roleMatrix,
    note: z.string().trim().max(500).default(''),
  })
  .strict()
  .meta({ id: 'UpdateRoleMatrix' });

export const matrixChange = z
  .object({ roleId: roleIdSchema, added: z.array(permissionSchema), removed: z.array(permissionSchema) })
  .meta({ id: 'RoleMatrixChange' });

export const matrixVersionSummary = z
  .object({
    version: z.int().positive(),
    changedAt: z.iso.datetime(),
    changedBy,
    note: z.string(),
    diff: z.array(matrixChange),
    restoredFrom: z.int().positive().optional(),
  })
  .meta({ id: 'RoleMatrixVersionSummary' });

export const matrixVersion = matrixVersionSummary.extend({ matrix: roleMatrix }).meta({ id: 'RoleMatrixVersion' });

export const pageQuery = z
  .object({
    cursor: z.string().min(1).max(2048).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict();

export const matrixVersionPage = z
  .object({ items: z.array(matrixVersionSummary), cursor: z.string().nullable() })
  .meta({ id: 'RoleMatrixVersionPage' });

export const versionPath = z.object({ version: z.coerce.number().int().positive() });

export const restoreMatrixVersion = z
  .object({
    /** The current version the admin saw; the restore fails with `version_conflict` if it moved on. */
    version: z.int().min(0),
    note: z.string().trim().max(500).optional(),
  })
  .strict()
  .meta({ id: 'RestoreRoleMatrixVersion' });

export const createRole = z
  .object({
    roleId: roleIdSchema.refine((id) => !(roles as readonly string[]).includes(id), 'A built-in role has this name'),
    name: z.string().trim().min(1).max(60),
    description: z.string().trim().max(500).default(''),
  })
  .strict()
  .meta({ id: 'CreateRole' });

export const rolePath = z.object({ roleId: z.string().min(1).max(64) });

export type RoleMatrixShape = z.infer<typeof roleMatrix>;
export type RoleSummary = z.infer<typeof roleSummary>;
export type RolesView = z.infer<typeof rolesView>;
export type UpdateRoleMatrix = z.infer<typeof updateRoleMatrix>;
export type MatrixChange = z.infer<typeof matrixChange>;
export type MatrixVersionSummary = z.infer<typeof matrixVersionSummary>;
export type MatrixVersion = z.infer<typeof matrixVersion>;
export type ChangedBy = z.infer<typeof changedBy>;
export type CreateRole = z.infer<typeof createRole>;
