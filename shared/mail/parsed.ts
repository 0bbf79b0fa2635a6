/**
 * What the inbound pipeline needs from one raw email: produced by shared/mail/parse.ts, read by
 * threading, sender resolution and ticket/message creation. Addresses are lowercased.
 */
export interface MailAddress {
  email: string;
  name: string;
  /** The From header names no mailbox (see parse.ts verbatimFrom): `email` is the header as
   * written, shown to agents but never mailed, and the sender is treated as a guest. */
  verbatim?: true;
}

export interface ParsedAttachment {
  /** Display-safe file name (never empty: a name is made up from the type when missing). */
  fileName: string;
  contentType: string;
  /** `inline` parts referenced from the HTML by `cid:`. */
  disposition: 'attachment' | 'inline';
  /** Without angle brackets. */
  contentId?: string;
  /** Set on the copy of the mail's own HTML body (`message.html`, for an "original formatting"
   * download): not a file the sender attached, never rendered inline. */
  originalBody?: boolean;
  content: Uint8Array;
}

/** What the message is, when it is not a human writing: never answered, never a ticket. */
export type MailClassification = 'human' | 'auto_reply' | 'bounce' | 'list';

export interface BounceReport {
  /** The addresses that failed (from the delivery-status part or the body). */
  recipients: string[];
  /** 'permanent' suppresses the address; 'transient' is only recorded. */
  kind: 'permanent' | 'transient';
  /** Status codes / diagnostic text, for people. */
  detail: string;
  /** The Message-ID of our mail that bounced, when the report quotes it. */
  originalMessageId?: string;
}

export interface ParsedMail {
  /** The Message-ID header, normalised (lowercase, no brackets); absent when the mail had none. */
  messageId?: string;
  inReplyTo: string[];
  /** Each id of the References header, in order, normalised. */
  references: string[];
  from: MailAddress;
  replyTo: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
  subject: string;
  date?: string;
  /** `text/html` when the mail had an HTML body, else `text/plain`. */
  contentType: 'text/plain' | 'text/html';
  /** Plain text of the body (from the text part, or converted from the HTML). */
  text: string;
  /** Index in `text` where quoted history begins; absent when nothing is quoted. */
  quoteStart?: number;
  /** Allowlist-sanitised HTML (see sanitize.ts): no scripts, handlers, forms; remote images disabled. */
  html?: string;
  hasRemoteImages: boolean;
  attachments: ParsedAttachment[];
  /** Lowercased header names → raw values (first occurrence), for classification and display. */
  headers: Record<string, string>;
  classification: MailClassification;
  bounce?: BounceReport;
  /** True when the MIME could not be parsed properly: the raw message is attached instead. */
  broken: boolean;
}
