import * as z from 'zod';
import { parseEnv } from '../config.js';
import { sesClient } from '../aws/ses.js';
import { webUrl } from '../contacts/emails.js';
import { MailThreadKey, normaliseMessageId } from '../db/entities/mail-thread-key.js';
import { NotificationSent } from '../db/entities/notification-sent.js';
import { isConditionalCheckFailed } from '../db/errors.js';
import { currentMailSettings } from '../mail/settings.js';
import { logger } from '../observability.js';
import { getOrganisationSettings } from '../settings/service.js';
import { composeMail } from './compose.js';
import type { TemplateEvent, TemplateLanguage } from './events.js';
import { withinAutoMailLimit } from './loop-guard.js';
import { renderMail } from './render.js';
import { isSuppressed } from './suppression.js';
import { loadTemplate } from './templates.js';

export type { TemplateEvent, TemplateLanguage } from './events.js';

const env = parseEnv(
  z.object({
    SES_CONFIGURATION_SET: z.string().optional(),
    AWS_REGION: z.string().default('us-east-1'),
  }),
);

export interface Notification {
  /** Unique per mail (e.g. `<eventId>#<recipient email>`): the same key is never sent twice. */
  dedupeKey: string;
  to: { email: string; name?: string; userId?: string; language?: TemplateLanguage };
  template: TemplateEvent;
  /** Values of the template's `{{variables}}` (plain text; HTML-escaped in the HTML part). */
  variables: Record<string, string>;
  ticket?: { ticketId: string; number: string; replyToken?: string; rootMessageId?: string; mailbox?: string };
  /** A normalised Message-ID this mail answers. */
  inReplyTo?: string;
  /** Mails nobody asked for in person (receipts, automatic answers): loop-guarded, `Auto-Submitted`. */
  automatic: boolean;
  /**
   * false: an automatic mail the loop guard does not count (staff alerts: a staff auto-reply to
   * one is an inbound auto-reply, never answered, so no loop; capping them would drop SLA alerts).
   */
  loopGuard?: boolean;
}

export type SendOutcome = 'sent' | 'suppressed' | 'loop_guarded' | 'duplicate';

const dedupeDays = 30;

/** Claims the dedupe key; false when it was already claimed (sent before, or being sent). */
async function claim(dedupeKey: string): Promise<boolean> {
  try {
    await NotificationSent.create({ dedupeKey, expiresAt: Math.floor(Date.now() / 1000) + dedupeDays * 86400 }).go();
    return true;
  } catch (err) {
    if (isConditionalCheckFailed(err)) return false;
    throw err;
  }
}

const record = (dedupeKey: string, outcome: SendOutcome, sesMessageId?: string) =>
  NotificationSent.patch({ dedupeKey }).set({ outcome, ...(sesMessageId ? { sesMessageId } : {}) }).go();

/** Every id a reply to this mail may quote: ours and the ones SES gives it. */
function outboundIds(messageId: string, sesMessageId: string): string[] {
  return sesMessageId ? [messageId, `${sesMessageId}@email.amazonses.com`, `${sesMessageId}@${env.AWS_REGION}.amazonses.com`] : [messageId];
}

async function storeThreadKeys(ticketId: string, ids: string[]): Promise<void> {
  await Promise.all(
    ids.map((value) =>
      MailThreadKey.create({ kind: 'msgid', value: normaliseMessageId(value), ticketId, source: 'outbound' })
        .go()
        .catch((err: unknown) => {
          if (!isConditionalCheckFailed(err)) throw err;
        }),
    ),
  );
}

async function withCompanyName(variables: Record<string, string>): Promise<Record<string, string>> {
  if (variables.company_name) return variables;
  const organisation = await getOrganisationSettings().catch(() => undefined);
  return { ...variables, company_name: organisation?.name ?? 'CloudManager' };
}

/**
 * Sends one templated email. In order: a suppressed address is never mailed ('suppressed'); the
 * dedupe key is claimed ('duplicate' if it was before); an automatic mail counts against the
 * recipient's hourly limit ('loop_guarded' over it); then the template (override or default) is
 * rendered, composed as raw MIME and sent through SES with the configuration set, and the
 * Message-IDs are stored as thread keys of the ticket so replies find it. A failed send releases
 * the claim and throws (the caller's retry sends it).
 */
export async function sendNotification(n: Notification): Promise<SendOutcome> {
  const email = n.to.email.trim().toLowerCase();
  if (!z.email().safeParse(email).success) {
    // e.g. a From kept as written (shared/mail/parse.ts verbatimFrom): nobody to mail.
    logger.info('notification skipped: not an address', { template: n.template, dedupeKey: n.dedupeKey });
    return 'suppressed';
  }
  if (await isSuppressed(email)) {
    logger.info('notification suppressed', { template: n.template, dedupeKey: n.dedupeKey });
    return 'suppressed';
  }
  if (!(await claim(n.dedupeKey))) return 'duplicate';
  try {
    if (n.automatic && n.loopGuard !== false) {
      const { autoMailsPerHour } = await currentMailSettings();
      if (!(await withinAutoMailLimit(email, autoMailsPerHour))) {
        logger.warn('automatic mail loop-guarded', { template: n.template, dedupeKey: n.dedupeKey, limit: autoMailsPerHour });
        await record(n.dedupeKey, 'loop_guarded');
        return 'loop_guarded';
      }
    }
    const language = n.to.language ?? 'en';
    const link = n.variables.ticket_url ?? (n.ticket ? `${webUrl}/portal/tickets/${encodeURIComponent(n.ticket.ticketId)}` : undefined);
    const variables = await withCompanyName({ ...n.variables, ...(link ? { ticket_url: link } : {}) });
    const rendered = renderMail(n.template, language, await loadTemplate(n.template, language), variables, link);
    const composed = await composeMail({
      to: { email, name: n.to.name },
      ...rendered,
      ticket: n.ticket,
      inReplyTo: n.inReplyTo,
      automatic: n.automatic,
    });
    const [{ SendEmailCommand }, ses] = await Promise.all([import('@aws-sdk/client-sesv2'), sesClient()]);
    const out = await ses.send(
      new SendEmailCommand({
        Destination: { ToAddresses: [email] },
        Content: { Raw: { Data: composed.raw } },
        ...(env.SES_CONFIGURATION_SET ? { ConfigurationSetName: env.SES_CONFIGURATION_SET } : {}),
      }),
    );
    const sesMessageId = out.MessageId ?? '';
    if (n.ticket) await storeThreadKeys(n.ticket.ticketId, outboundIds(composed.messageId, sesMessageId));
    await record(n.dedupeKey, 'sent', sesMessageId);
    logger.info('notification sent', { template: n.template, dedupeKey: n.dedupeKey, sesMessageId });
    return 'sent';
  } catch (err) {
    // Not sent: free the key so a retry can send it (thread keys and the counter are harmless).
    await NotificationSent.delete({ dedupeKey: n.dedupeKey }).go().catch(() => undefined);
    throw err;
  }
}
