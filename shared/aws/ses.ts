import { SESv2Client } from '@aws-sdk/client-sesv2';
import * as z from 'zod';
import { endpoint, parseEnv } from '../config.js';

const env = parseEnv(z.object({ SES_ENDPOINT: endpoint }));

/** Built once. Locally SES_ENDPOINT points at aws-ses-v2-local (mail readable in its viewer). */
export const ses = new SESv2Client({ ...(env.SES_ENDPOINT ? { endpoint: env.SES_ENDPOINT } : {}) });
