import * as z from 'zod';
import { permissions, roles } from '../auth/permissions.js';

export const me = z
  .object({
    userId: z.string(),
    username: z.string(),
    role: z.enum(roles),
    groups: z.array(z.string()),
    isStaff: z.boolean(),
    permissions: z.array(z.enum(permissions)),
  })
  .meta({ id: 'Me' });

export type Me = z.infer<typeof me>;
