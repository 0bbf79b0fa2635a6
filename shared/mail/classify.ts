/**
 * Is this mail from a person, or a bounce, an auto-reply or list traffic (never answered,
 * never a ticket)? For bounces, the failed recipients and whether the failure is permanent.
 */
import type { BounceReport, MailClassification, ParsedAttachment, ParsedMail } from './parsed.js';
import { decodeUnlabelled } from './charsets.js';

type Classified = { classification: MailClassification; bounce?: BounceReport };
type ClassifyInput = Pick<ParsedMail, 'headers' | 'from' | 'subject' | 'text' | 'attachments'>;

const daemonSender = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/i;
const failureWords =
  /(undeliver|delivery (status notification|has failed|failure|failed)|returned mail|could not be delivered|failure notice|mail delivery (failed|system)|unzustellbar|nicht zugestellt|non remis|échec de (la )?remise|permanent error|user unknown)/i;
const autoReplySubject =
  /^(auto(matic)?[ -]?(reply|response|antwort)|out of (the )?office|abwesenheits?(notiz|nachricht)|réponse automatique|absence|vacation|away from)/i;

const header = (headers: Record<string, string>, key: string) => headers[key]?.trim() ?? '';

function isReport(headers: Record<string, string>) {
  const ct = header(headers, 'content-type').toLowerCase();
  return ct.startsWith('multipart/report') && /report-type\s*=\s*"?delivery-status/.test(ct);
}

const textOf = (a: ParsedAttachment) => decodeUnlabelled(a.content);

/** `Name: value` fields of a delivery-status part, one group per blank-line separated block. */
function statusGroups(text: string): Record<string, string>[] {
  return text
    .replace(/\r/g, '')
    .replace(/\n[ \t]+/g, ' ')
    .split(/\n\s*\n/)
    .map((block) =>
      Object.fromEntries(
        block
          .split('\n')
          .map((line) => /^([\w-]+)\s*:\s*(.*)$/.exec(line))
          .filter((m): m is RegExpExecArray => !!m)
          .map((m) => [(m[1] ?? '').toLowerCase(), (m[2] ?? '').trim()]),
      ),
    );
}

const addressIn = (value: string) => /<?([^\s<>;"]+@[^\s<>;"]+?)>?$/.exec(value.replace(/^[\w-]+\s*;\s*/, ''))?.[1]?.toLowerCase();

function originalMessageId(attachments: ParsedAttachment[]): string | undefined {
  for (const a of attachments) {
    if (a.contentType !== 'message/rfc822' && a.contentType !== 'text/rfc822-headers') continue;
    const m = /^message-id:\s*<?([^\s<>]+)>?/im.exec((textOf(a).split(/\r?\n\r?\n/)[0] ?? '').replace(/\r?\n[ \t]+/g, ' '));
    if (m?.[1]) return m[1].toLowerCase();
  }
  return undefined;
}

function bounceReport(mail: ClassifyInput): BounceReport {
  const status = mail.attachments.find((a) => a.contentType === 'message/delivery-status');
  const recipients: string[] = [];
  const details: string[] = [];
  let permanent = false;
  if (status) {
    for (const group of statusGroups(textOf(status))) {
      const address = addressIn(group['final-recipient'] ?? group['original-recipient'] ?? '');
      if (!address) continue;
      const action = (group.action ?? '').toLowerCase();
      const code = group.status ?? '';
      if (action && action !== 'failed' && action !== 'delayed') continue;
      recipients.push(address);
      if (action === 'failed' && !code.startsWith('4')) permanent = true;
      details.push([address, action, code, group['diagnostic-code']].filter(Boolean).join(' '));
    }
  } else {
    // No delivery-status part: take the addresses the failure text names (before any quoted original).
    const head = mail.text.split(/^(?:-{3,}.*|Received:.*|Return-Path:.*)$/im)[0] ?? '';
    for (const m of head.matchAll(/<?([\w.+'-]+@[\w-]+(\.[\w-]+)+)>?/g)) {
      const address = (m[1] ?? '').toLowerCase();
      if (!recipients.includes(address) && !daemonSender.test(address)) recipients.push(address);
    }
    permanent = /\b5\.\d{1,3}\.\d{1,3}\b|\b55\d\b|permanent|user unknown|does not exist|no such user/i.test(head);
    details.push(head.trim().slice(0, 1000));
  }
  const originalId = originalMessageId(mail.attachments);
  return {
    recipients: [...new Set(recipients)],
    kind: permanent ? 'permanent' : 'transient',
    detail: details.join('\n').slice(0, 2000),
    ...(originalId ? { originalMessageId: originalId } : {}),
  };
}

export function classifyMail(mail: ClassifyInput): Classified {
  const h = mail.headers;
  const fromDaemon = daemonSender.test(mail.from.email);
  if (isReport(h) || (fromDaemon && (failureWords.test(mail.subject) || failureWords.test(mail.text)))) {
    return { classification: 'bounce', bounce: bounceReport(mail) };
  }
  const autoSubmitted = header(h, 'auto-submitted').toLowerCase();
  const precedence = header(h, 'precedence').toLowerCase();
  const emptyReturnPath = 'return-path' in h && /^<\s*>$/.test(header(h, 'return-path'));
  const headerHint =
    precedence === 'auto_reply' || 'x-ms-exchange-inbox-rules-loop' in h || /auto.?respon/i.test(header(h, 'x-mailer'));
  if (
    (autoSubmitted && autoSubmitted !== 'no') ||
    'x-auto-response-suppress' in h ||
    'x-autoreply' in h ||
    'x-autorespond' in h ||
    emptyReturnPath ||
    (headerHint && autoReplySubject.test(mail.subject))
  ) {
    return { classification: 'auto_reply' };
  }
  if (/^(bulk|junk|list)$/.test(precedence) || 'list-id' in h || 'list-unsubscribe' in h) {
    return { classification: 'list' };
  }
  return { classification: 'human' };
}
