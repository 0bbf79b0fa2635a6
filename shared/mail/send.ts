import * as z from 'zod';
import { parseEnv } from '../config.js';
import { sesClient } from '../aws/ses.js';

const env = parseEnv(
  z.object({
    MAIL_FROM: z.string().min(3).default('CloudManager <no-reply@cloudmanager.example>'),
    SES_CONFIGURATION_SET: z.string().optional(),
  }),
);

export interface OutgoingEmail {
  to: string | string[];
  subject: string;
  text: string;
  html?: string;
  replyTo?: string[];
}

/** Sends one email through SES v2; returns the SES message id. */
export async function sendEmail(mail: OutgoingEmail): Promise<string> {
  // Loaded with the client on the first email (shared/aws/ses.ts), not at cold start.
  const [{ SendEmailCommand }, ses] = await Promise.all([import('@aws-sdk/client-sesv2'), sesClient()]);
  const out = await ses.send(
    new SendEmailCommand({
      FromEmailAddress: env.MAIL_FROM,
      Destination: { ToAddresses: [mail.to].flat() },
      ...(mail.replyTo ? { ReplyToAddresses: mail.replyTo } : {}),
      ...(env.SES_CONFIGURATION_SET ? { ConfigurationSetName: env.SES_CONFIGURATION_SET } : {}),
      Content: {
        Simple: {
          Subject: { Data: mail.subject, Charset: 'UTF-8' },
          Body: {
            Text: { Data: mail.text, Charset: 'UTF-8' },
            ...(mail.html ? { Html: { Data: mail.html, Charset: 'UTF-8' } } : {}),
          },
        },
      },
    }),
  );
  return out.MessageId ?? '';
}
