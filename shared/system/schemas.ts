import * as z from 'zod';

export const health = z
  .object({
    status: z.literal('ok'),
    service: z.string(),
    stage: z.string(),
    version: z.string(),
    time: z.iso.datetime(),
  })
  .meta({ id: 'Health' });

export type Health = z.infer<typeof health>;
