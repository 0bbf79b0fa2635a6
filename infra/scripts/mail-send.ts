import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import nodemailer from 'nodemailer';
import { readState } from '../local/state.js';

/**
 * `npm run mail:send -- --from a@x --subject "..." [--to support@...] [--text "..."] [--attach file]...
 * [--in-reply-to <id>] [--header "Name: value"]...`: sends one email to the running twin's SMTP
 * listener, as any mail client would (it becomes a ticket, or lands on one).
 */
const { values } = parseArgs({
  options: {
    from: { type: 'string', default: 'customer@cloudmanager.example' },
    to: { type: 'string', default: 'support@cloudmanager.example' },
    cc: { type: 'string', multiple: true },
    subject: { type: 'string', default: 'Hello from the mail demo' },
    text: { type: 'string', default: 'Sent with npm run mail:send.' },
    html: { type: 'string' },
    attach: { type: 'string', multiple: true },
    'in-reply-to': { type: 'string' },
    header: { type: 'string', multiple: true },
  },
});
const state = readState();
if (!state) {
  console.error('No running twin found (.local/twin.json). Start it with `npm start`.');
  process.exit(1);
}
const headers = Object.fromEntries((values.header ?? []).map((h) => [h.slice(0, h.indexOf(':')).trim(), h.slice(h.indexOf(':') + 1).trim()]));
const transport = nodemailer.createTransport({ host: '127.0.0.1', port: state.smtpPort, secure: false, ignoreTLS: true });
const info = await transport.sendMail({
  from: values.from,
  to: values.to,
  ...(values.cc ? { cc: values.cc } : {}),
  subject: values.subject,
  text: values.text,
  ...(values.html ? { html: values.html } : {}),
  ...(values['in-reply-to'] ? { inReplyTo: values['in-reply-to'], references: [values['in-reply-to']] } : {}),
  headers,
  attachments: (values.attach ?? []).map((path) => ({ filename: basename(path), content: readFileSync(path) })),
});
console.log(JSON.stringify({ messageId: info.messageId, response: info.response }, null, 2));
