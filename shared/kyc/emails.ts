import type { OutgoingEmail } from '../mail/send.js';
import type { KycDocType } from './schemas.js';

const typeNames: Record<KycDocType, string> = {
  identity: 'identity document (national ID card or passport)',
  business_registration: 'business registration',
  tax_certificate: 'tax certificate',
  proof_of_address: 'proof of address',
  other: 'document',
};

/** Tells the account's contacts a KYC document was rejected, and why. */
export function kycRejectedEmail(to: string[], input: { customerName: string; docType: KycDocType; fileName: string; reason: string }): OutgoingEmail {
  return {
    to,
    subject: `Your ${typeNames[input.docType]} was not accepted`,
    text: [
      'Hello,',
      '',
      `We could not accept the ${typeNames[input.docType]} "${input.fileName}" uploaded for ${input.customerName}.`,
      '',
      `Reason: ${input.reason}`,
      '',
      'Please upload a new one from the KYC page of your customer portal.',
    ].join('\n'),
  };
}

/** Reminds the account's contacts that a verified document expires soon. */
export function kycExpiringEmail(to: string[], input: { customerName: string; docType: KycDocType; expiresOn: string; daysLeft: number }): OutgoingEmail {
  return {
    to,
    subject: `Your ${typeNames[input.docType]} expires in ${input.daysLeft} day${input.daysLeft === 1 ? '' : 's'}`,
    text: [
      'Hello,',
      '',
      `The ${typeNames[input.docType]} on file for ${input.customerName} expires on ${input.expiresOn}.`,
      'Please upload a valid one from the KYC page of your customer portal before then.',
    ].join('\n'),
  };
}

/** Tells the account's contacts a verified document has expired. */
export function kycExpiredEmail(to: string[], input: { customerName: string; docType: KycDocType; expiresOn: string }): OutgoingEmail {
  return {
    to,
    subject: `Your ${typeNames[input.docType]} has expired`,
    text: [
      'Hello,',
      '',
      `The ${typeNames[input.docType]} on file for ${input.customerName} expired on ${input.expiresOn}.`,
      'Please upload a valid one from the KYC page of your customer portal.',
    ].join('\n'),
  };
}
