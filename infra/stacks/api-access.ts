import type { BucketAccess, TableAccess } from '../constructs/app-function.js';
import type { DataBucket } from '../constructs/storage.js';

/** What one API domain's Lambda may touch. */
export interface DomainAccess {
  table?: TableAccess;
  /** Bucket -> [environment variable, access]. */
  buckets?: Partial<Record<DataBucket, [envName: string, access: BucketAccess]>>;
  /** Cognito admin actions on the one user pool (`cognito-idp:<action>`); sets USER_POOL_ID. */
  userPool?: readonly UserPoolAction[];
  /** Sends email through SES from the stage's domain and configuration set; sets MAIL_FROM. */
  sendMail?: boolean;
  /**
   * The auth facade (shared/identity): signs users in as the web client (USER_POOL_CLIENT_ID) and
   * seals TOTP secrets, challenges and refresh tokens with MFA_ENCRYPTION_KEY.
   */
  identity?: boolean;
  /** Directories copied beside the bundle (repo-relative → bundle-relative), read at run time. */
  assets?: readonly { from: string; to: string }[];
  /** Memory in MB when the default does not fit (e.g. PDF and XLSX generation). */
  memorySize?: number;
}

export type UserPoolAction =
  | 'AdminCreateUser'
  | 'AdminDeleteUser'
  | 'AdminGetUser'
  | 'AdminAddUserToGroup'
  | 'AdminRemoveUserFromGroup'
  | 'AdminDisableUser'
  | 'AdminEnableUser'
  | 'AdminSetUserMFAPreference'
  | 'AdminConfirmSignUp'
  | 'AdminUpdateUserAttributes'
  | 'AdminSetUserPassword';

/** Staff onboarding: create the Cognito user (and delete it again if the record cannot be written), put it in its role group. */
const createStaff: UserPoolAction[] = ['AdminCreateUser', 'AdminDeleteUser', 'AdminAddUserToGroup'];

/**
 * Least privilege per API Lambda, by domain name (functions/api/routes.ts) plus `fallback`.
 * A domain missing here fails the synth: add it with exactly what its routes use.
 */
export const apiAccess: Record<string, DomainAccess> = {
  /** GET /health: no data. */
  system: {},
  /** GET /me: reads only what every authenticated request reads (the caller's user record and token registration). */
  account: { table: 'read' },
  /**
   * Auth facade: sessions, login history, codes, TOTP secrets (table); sign-up confirmation,
   * verified email, password reset, replacing a never-verified sign-up (pool); codes and notices (mail).
   */
  auth: {
    table: 'readWrite',
    userPool: ['AdminGetUser', 'AdminConfirmSignUp', 'AdminUpdateUserAttributes', 'AdminSetUserPassword', 'AdminDeleteUser', 'AdminAddUserToGroup'],
    sendMail: true,
    identity: true,
  },
  /** Organisation settings: read and update the settings item. */
  settings: { table: 'readWrite' },
  /** Role → permission matrix (versions, current pointer) and custom roles. */
  roles: { table: 'readWrite' },
  /** Users admin: user records, Cognito admin actions on the pool, invitation and notice emails. */
  users: {
    table: 'readWrite',
    userPool: [...createStaff, 'AdminRemoveUserFromGroup', 'AdminDisableUser', 'AdminEnableUser', 'AdminSetUserMFAPreference'],
    sendMail: true,
  },
  /** Access requests: the requests, and on approval the staff account (as users admin creates it); decision emails. */
  'access-requests': { table: 'readWrite', userPool: createStaff, sendMail: true },
  /** Audit trail queries (GET only): read the records and chain heads; nothing writes here. */
  audit: { table: 'read' },
  /** Customer accounts, search keys, registration-number locks, groups, statistics counters. */
  customers: { table: 'readWrite' },
  /** Contacts of customer accounts and their invitations (invitation emails). */
  contacts: { table: 'readWrite', sendMail: true },
  /** KYC documents: presigned uploads into the KMS-encrypted bucket, inspection, quarantine, review; outcome emails. */
  kyc: { table: 'readWrite', buckets: { kyc: ['KYC_BUCKET', 'readWrite'] }, sendMail: true },
  /** Internal notes and customer documents (stored in the attachments bucket). */
  'customer-files': { table: 'readWrite', buckets: { attachments: ['ATTACHMENTS_BUCKET', 'readWrite'] } },
  /** Tickets: create, read, properties, lifecycle, QC, lists and search keys, timeline. */
  tickets: { table: 'readWrite', sendMail: true },
  /** Replies and internal notes with attachments (attachments bucket), mentions; staff download an email's raw MIME (inbound bucket, read). */
  'ticket-messages': { table: 'readWrite', buckets: { attachments: ['ATTACHMENTS_BUCKET', 'readWrite'], inbound: ['INBOUND_BUCKET', 'read'] }, sendMail: true },
  /** Canned replies with declared variables. */
  'canned-replies': { table: 'readWrite' },
  /** Support groups and their members. */
  'support-groups': { table: 'readWrite' },
  /** Ticket categories (hierarchy, default group, QC). */
  'ticket-categories': { table: 'readWrite' },
  /** Assign, unassign, transfer, availability, auto-assignment. */
  'ticket-assignment': { table: 'readWrite', sendMail: true },
  /** Tags, watchers, merge and links. */
  'ticket-organisation': { table: 'readWrite', buckets: { attachments: ['ATTACHMENTS_BUCKET', 'readWrite'] } },
  /** CSV, XLSX and PDF exports (written to the exports bucket, fetched by presigned link). */
  'ticket-exports': {
    table: 'read',
    buckets: { exports: ['EXPORTS_BUCKET', 'readWrite'] },
    // shared/tickets/pdf.ts reads its fonts from `fonts/` beside the code.
    assets: [{ from: 'shared/tickets/fonts', to: 'fonts' }],
    memorySize: 1024,
  },
  /** Mailboxes, unknown-sender policy, suppression list, spam/quarantine review (release re-runs the inbound pipeline). */
  'mail-settings': {
    table: 'readWrite',
    buckets: { inbound: ['INBOUND_BUCKET', 'readWrite'], attachments: ['ATTACHMENTS_BUCKET', 'readWrite'] },
    sendMail: true,
  },
  /** Notification templates per event and language (declared variables, preview). */
  'mail-templates': { table: 'readWrite' },
  /** Business-hours calendars and the SLA/automation settings. */
  'sla-calendars': { table: 'readWrite' },
  /** SLA policies (matching, targets, pause statuses, escalation). */
  'sla-policies': { table: 'readWrite' },
  /** SLA and response-time metrics from the stream's aggregates (read only). */
  'sla-metrics': { table: 'read' },
  /** `$default`: resolves the route table and answers 404/405; runs no handler. */
  fallback: {},
};
