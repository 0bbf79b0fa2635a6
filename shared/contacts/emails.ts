import * as z from 'zod';
import { csv, parseEnv } from '../config.js';
import type { OutgoingEmail } from '../mail/send.js';

/** The web app's address: WEB_URL, else the first browser origin the API allows (CORS_ORIGINS). */
const env = parseEnv(
  z.object({
    WEB_URL: z.url().optional(),
    CORS_ORIGINS: csv.default(['http://localhost:5173']),
  }),
);
export const webUrl = (env.WEB_URL ?? env.CORS_ORIGINS[0] ?? 'http://localhost:5173').replace(/\/+$/, '');

/** Invites someone to act for a customer account; the link opens the portal's invitations page. */
export function contactInvitationEmail(invitation: {
  email: string;
  name?: string | undefined;
  customerName: string;
  invitedByName: string;
  role: string;
  expiresAt: string;
}): OutgoingEmail {
  return {
    to: invitation.email,
    subject: `Invitation to ${invitation.customerName} on CloudManager`,
    text: [
      `Hello${invitation.name ? ` ${invitation.name}` : ''},`,
      '',
      `${invitation.invitedByName} invited you to act for ${invitation.customerName} on CloudManager (role: ${invitation.role}).`,
      '',
      `Sign in (or create your account with this email address), then accept the invitation here:`,
      `${webUrl}/portal/invitations`,
      '',
      `The invitation is valid until ${invitation.expiresAt}.`,
      '',
      'If you did not expect this email, you can ignore it.',
    ].join('\n'),
  };
}
