import * as z from 'zod';

/**
 * What the host serves at /config.json beside the built web app: written by the Web construct on
 * deploy and served by the local twin. One schema for CDK, the twin and the web app.
 */
export const webRuntimeConfig = z.object({
  apiUrl: z.url(),
  cognito: z
    .object({
      region: z.string().min(1),
      userPoolId: z.string().min(1),
      userPoolClientId: z.string().min(1),
      /** cognito-local in the local twin; absent in AWS. */
      endpoint: z.url().optional(),
    })
    .optional(),
  /** The local twin's SLA clock lead on the wall clock (ms, `npm start -- --sla-clock`); absent in AWS. */
  slaClockOffsetMs: z.int().optional(),
});

export type WebRuntimeConfig = z.infer<typeof webRuntimeConfig>;
