import * as z from 'zod';

const verdict = z.object({ status: z.string() }).optional();

/** The SES receipt-rule Lambda action event (only the fields CloudManager reads). */
export const sesInboundEvent = z.object({
  Records: z
    .array(
      z.object({
        eventSource: z.literal('aws:ses').optional(),
        ses: z.object({
          mail: z.object({
            messageId: z.string().regex(/^[A-Za-z0-9._-]+$/),
            timestamp: z.string(),
            source: z.string(),
            destination: z.array(z.string()),
            commonHeaders: z
              .object({
                subject: z.string().optional(),
                messageId: z.string().optional(),
                from: z.array(z.string()).optional(),
                to: z.array(z.string()).optional(),
              })
              .optional(),
          }),
          receipt: z.object({
            recipients: z.array(z.string()),
            spamVerdict: verdict,
            virusVerdict: verdict,
            spfVerdict: verdict,
            dkimVerdict: verdict,
            dmarcVerdict: verdict,
          }),
        }),
      }),
    )
    .min(1),
});

export type SesInboundEvent = z.infer<typeof sesInboundEvent>;
export type SesInboundRecord = SesInboundEvent['Records'][number];
