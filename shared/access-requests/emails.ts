import type { OutgoingEmail } from '../mail/send.js';

/** Tells a requester their access request was turned down, and why. */
export function accessRejectedEmail(request: { email: string; name: string }, reason: string): OutgoingEmail {
  return {
    to: request.email,
    subject: 'Your CloudManager access request',
    text: [
      `Hello ${request.name},`,
      '',
      'Your request for a CloudManager staff account was not approved.',
      '',
      `Reason: ${reason}`,
      '',
      'You may send a new request if your situation changes.',
    ].join('\n'),
  };
}
