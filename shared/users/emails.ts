import type { OutgoingEmail } from '../mail/send.js';

/** The invitation of a new staff account: the temporary password, to be changed at first sign-in. */
export function invitationEmail(user: { email: string; name: string; role: string }, temporaryPassword: string): OutgoingEmail {
  return {
    to: user.email,
    subject: 'Your CloudManager account',
    text: [
      `Hello ${user.name},`,
      '',
      `An administrator created a CloudManager staff account for you (role: ${user.role}).`,
      '',
      `Sign-in email: ${user.email}`,
      `Temporary password: ${temporaryPassword}`,
      '',
      'At your first sign-in you will choose a new password, then set up two-factor authentication',
      'with an authenticator app. The temporary password expires in 3 days.',
      '',
      'If you did not expect this email, you can ignore it.',
    ].join('\n'),
  };
}

/** Tells a user an admin turned their two-factor authentication off. */
export function mfaResetEmail(user: { email: string; name: string }): OutgoingEmail {
  return {
    to: user.email,
    subject: 'Your two-factor authentication was reset',
    text: [
      `Hello ${user.name},`,
      '',
      'An administrator reset the two-factor authentication of your CloudManager account and signed',
      'you out everywhere. Sign in again and set up your authenticator app anew.',
      '',
      'If you did not ask for this, contact your administrator right away.',
    ].join('\n'),
  };
}
