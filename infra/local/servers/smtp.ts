import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import PostalMime, { type Address } from 'postal-mime';
import { SMTPServer } from 'smtp-server';

export interface SmtpOptions {
  port: number;
  s3: S3Client;
  bucket: string;
  prefix: string;
  region: string;
  /** Called with the SES receipt-rule Lambda action event once the raw MIME is stored. */
  deliver: (event: unknown) => Promise<unknown>;
  maxBytes?: number;
  log?: (line: string) => void;
}

/** An SES-like message id (lowercase alphanumerics). */
export function sesMessageId(): string {
  return randomBytes(15).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, '0');
}

/** The eicar test signature: lets a local test see the virus verdict path. */
export const eicar = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

function headerList(raw: Buffer) {
  const end = raw.indexOf('\r\n\r\n') >= 0 ? raw.indexOf('\r\n\r\n') : raw.indexOf('\n\n');
  const text = raw.subarray(0, end < 0 ? raw.length : end).toString('latin1');
  return text
    .replace(/\r?\n[ \t]+/g, ' ')
    .split(/\r?\n/)
    .filter(Boolean)
    .map((line) => {
      const i = line.indexOf(':');
      return { name: line.slice(0, i).trim(), value: line.slice(i + 1).trim() };
    })
    .filter((h) => h.name);
}

function display(addresses: Address[] | Address | undefined): string[] {
  return [addresses ?? []].flat().flatMap((a) => ('group' in a && a.group ? a.group : [a])).map((a) => (a.name ? `${a.name} <${a.address}>` : (a.address ?? '')));
}

/** The SES receipt-rule Lambda action event for a received message, as AWS shapes it (commonHeaders decoded). */
export async function sesEvent(raw: Buffer, messageId: string, source: string, recipients: string[], region: string, bucket: string, key: string) {
  const headers = headerList(raw);
  const get = (n: string) => headers.find((h) => h.name.toLowerCase() === n)?.value;
  const parsed = await PostalMime.parse(raw).catch(() => undefined);
  const virus = raw.includes(eicar) ? 'FAIL' : 'PASS';
  const now = new Date().toISOString();
  return {
    Records: [
      {
        eventSource: 'aws:ses',
        eventVersion: '1.0',
        ses: {
          mail: {
            timestamp: now,
            source,
            messageId,
            destination: recipients,
            headersTruncated: false,
            headers,
            commonHeaders: {
              returnPath: source,
              from: parsed?.from ? display(parsed.from) : get('from') ? [get('from')!] : [],
              date: get('date'),
              to: parsed?.to?.length ? display(parsed.to) : recipients,
              messageId: get('message-id'),
              subject: parsed?.subject ?? get('subject'),
            },
          },
          receipt: {
            timestamp: now,
            processingTimeMillis: 1,
            recipients,
            spamVerdict: { status: 'PASS' },
            virusVerdict: { status: virus },
            spfVerdict: { status: 'GRAY' },
            dkimVerdict: { status: 'GRAY' },
            dmarcVerdict: { status: 'GRAY' },
            action: { type: 'Lambda', functionArn: `arn:aws:lambda:${region}:000000000000:function:mail-inbound`, invocationType: 'Event' },
            // Where the preceding S3 action stored the message (AWS puts this in the S3 action's own event).
            s3: { bucketName: bucket, objectKey: key },
          },
        },
      },
    ],
  };
}

/**
 * The local SES inbound: an SMTP listener that stores each message in the inbound bucket (like the
 * receipt rule's S3 action), then invokes the inbound-mail handler with the SES event (the Lambda action).
 */
export async function startSmtp(options: SmtpOptions) {
  const maxBytes = options.maxBytes ?? 40 * 1024 * 1024;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: maxBytes,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        try {
          const raw = Buffer.concat(chunks);
          const messageId = sesMessageId();
          const key = `${options.prefix}${messageId}`;
          await options.s3.send(new PutObjectCommand({ Bucket: options.bucket, Key: key, Body: raw, ContentType: 'message/rfc822' }));
          const source = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          const recipients = session.envelope.rcptTo.map((r) => r.address);
          const event = await sesEvent(raw, messageId, source, recipients, options.region, options.bucket, key);
          callback(null, `Ok: queued as ${messageId}`);
          options.deliver(event).catch((err) => options.log?.(`[smtp] inbound handler failed for ${messageId}: ${(err as Error).message}`));
        } catch (err) {
          callback(err as Error);
        }
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
