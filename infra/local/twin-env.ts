import { localMfaEncryptionKey } from './dev-keys.js';
import { slaClockOffsetVar } from './sla-clock.js';
import { readState } from './state.js';

/** Points this process's handlers at the running twin (for the invoke and schedule CLIs). */
export function useRunningTwin(): boolean {
  const state = readState();
  if (!state) return false;
  Object.assign(process.env, {
    STAGE: 'local',
    AWS_REGION: state.region,
    AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'local',
    AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
    TABLE_NAME: state.tableName,
    DYNAMODB_ENDPOINT: state.endpoints.dynamodb,
    S3_ENDPOINT: state.endpoints.s3,
    SES_ENDPOINT: state.endpoints.ses,
    COGNITO_ENDPOINT: state.endpoints.cognito,
    USER_POOL_ID: state.cognito.userPoolId,
    USER_POOL_CLIENT_ID: state.cognito.clientId,
    MFA_ENCRYPTION_KEY: localMfaEncryptionKey,
    JWT_ISSUER: state.cognito.issuer,
    JWT_CLIENT_IDS: state.cognito.clientId,
    ATTACHMENTS_BUCKET: state.buckets.attachments,
    KYC_BUCKET: state.buckets.kyc,
    INBOUND_BUCKET: state.buckets.inbound,
    EXPORTS_BUCKET: state.buckets.exports,
    POWERTOOLS_DEV: 'true',
  });
  // The twin's SLA clock (npm start -- --sla-clock), so tickets this process changes agree with it.
  if (state.slaClockOffsetMs !== undefined) process.env[slaClockOffsetVar] = String(state.slaClockOffsetMs);
  return true;
}
