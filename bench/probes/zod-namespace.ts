/** Import-time probe: the same schema through `import * as z` (tree-shakable). */
import * as z from 'zod';

export const probe = z.object({ name: z.string().min(1), version: z.int().positive(), updatedAt: z.iso.datetime() });
