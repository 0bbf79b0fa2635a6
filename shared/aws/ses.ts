import type { SESv2Client } from '@aws-sdk/client-sesv2';
import * as z from 'zod';
import { endpoint, parseEnv } from '../config.js';

const env = parseEnv(z.object({ SES_ENDPOINT: endpoint }));

let client: Promise<SESv2Client> | undefined;

/**
 * Built once, on the first email: the SES client package is loaded then rather than at every
 * cold start of the Lambdas that may send mail (most requests never do). Locally SES_ENDPOINT
 * points at aws-ses-v2-local (mail readable in its viewer).
 */
export function sesClient(): Promise<SESv2Client> {
  client ??= import('@aws-sdk/client-sesv2').then(({ SESv2Client }) => new SESv2Client({ ...(env.SES_ENDPOINT ? { endpoint: env.SES_ENDPOINT } : {}) }));
  return client;
}
