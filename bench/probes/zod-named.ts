/** Import-time probe: zod through `import { z }` (as shared/ does today). */
import { z } from 'zod';

export const probe = z.object({ name: z.string().min(1), version: z.int().positive(), updatedAt: z.iso.datetime() });
