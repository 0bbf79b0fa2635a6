import { randomBytes } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import * as z from 'zod';
import { parseEnv } from '../config.js';
import { mailDomain } from '../mail/settings.js';

const env = parseEnv(
  z.object({
    MAIL_FROM: z.string().min(3).default('CloudManager <no-reply@cloudmanager.example>'),
  }),
);

export interface ComposeInput {
  to: { email: string; name?: string | undefined };
  subject: string;
  text: string;
  html: string;
  ticket?: { number: string; replyToken?: string | undefined; rootMessageId?: string | undefined; mailbox?: string | undefined } | undefined;
  /** Normalised Message-ID (no brackets) this mail answers. */
  inReplyTo?: string | undefined;
  automatic: boolean;
}

export interface ComposedMail {
  raw: Buffer;
  /** Normalised (no brackets). */
  messageId: string;
}

const bracket = (id: string) => `<${id}>`;

/** `Name <address>` → its parts (a bare address has no name). */
export function splitAddress(value: string): { name: string; address: string } {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(value);
  return m ? { name: m[1]!.trim(), address: m[2]!.trim() } : { name: '', address: value.trim() };
}

/** The local part of a mailbox without any `+tag`: `support+x@a.b` → `support`. */
const localPart = (address: string) => address.split('@')[0]!.split('+')[0]!;

/** Our own Message-ID: `n.<ticket number>.<random>@<mailDomain>` (normalised). */
export function newMessageId(number?: string): string {
  const random = randomBytes(12).toString('hex');
  return `${number ? `n.${number}.` : 'n.'}${random}@${mailDomain}`.toLowerCase();
}

/** The `[#number]` marker inbound threading recognises, added once. */
export function subjectWithMarker(subject: string, number?: string): string {
  const clean = subject.replace(/[\r\n\t]+/g, ' ').trim();
  if (!number || clean.includes(`[#${number}]`)) return clean;
  return `${clean} [#${number}]`;
}

/**
 * Builds the raw MIME message (multipart/alternative text + HTML): From the ticket's mailbox (with
 * MAIL_FROM's display name) or MAIL_FROM; Reply-To `<local>+<replyToken>@<mailDomain>` so replies
 * thread; Message-ID, In-Reply-To, References (root first, then the mail answered);
 * `Auto-Submitted: auto-replied` + `X-Auto-Response-Suppress: All` only on automatic mails.
 */
export async function composeMail(input: ComposeInput): Promise<ComposedMail> {
  const configured = splitAddress(env.MAIL_FROM);
  const mailbox = input.ticket?.mailbox;
  const from = mailbox ? { name: configured.name, address: mailbox } : configured;
  const messageId = newMessageId(input.ticket?.number);
  const token = input.ticket?.replyToken;
  const replyTo = token ? `${localPart(mailbox ?? 'support')}+${token}@${mailDomain}` : undefined;
  const references = [...new Set([input.ticket?.rootMessageId, input.inReplyTo].filter((v): v is string => !!v))];
  const parent = input.inReplyTo ?? input.ticket?.rootMessageId;
  const headers: Record<string, string> = input.automatic ? { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' } : {};
  const composer = new MailComposer({
    from: from.name ? { name: from.name, address: from.address } : from.address,
    to: input.to.name ? { name: input.to.name, address: input.to.email } : input.to.email,
    ...(replyTo ? { replyTo } : {}),
    subject: subjectWithMarker(input.subject, input.ticket?.number),
    messageId: bracket(messageId),
    ...(parent ? { inReplyTo: bracket(parent) } : {}),
    ...(references.length ? { references: references.map(bracket) } : {}),
    headers,
    text: input.text,
    html: input.html,
    xMailer: false,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const raw = await composer.compile().build();
  return { raw, messageId };
}
