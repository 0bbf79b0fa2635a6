import * as z from 'zod';

/**
 * Typed, validated stage settings for the CDK app. `cdk.json` holds one entry per stage under
 * the `stages` context key; `-c stage=<name>` picks one (default `dev`). Account and region come
 * from the stage entry when pinned there, else from the environment the CDK CLI provides
 * (CDK_DEPLOY_* / CDK_DEFAULT_*); when neither is known the stacks are environment-agnostic,
 * so `cdk synth` needs no AWS credentials.
 */

/** The retention periods CloudWatch Logs accepts (days). */
export const logRetentionValues = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

const hostname = z
  .string()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'a lower-case DNS name such as mail.example.com');

/** A browser origin: scheme + host (+ port), no path, no trailing slash. */
const origin = z
  .url()
  .refine((value) => {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.hostname === 'localhost') && url.origin === value;
  }, 'an origin such as https://app.example.com (https, or http only for localhost), without path or trailing slash');

export const stageSettingsSchema = z
  .object({
    /** Optional pin; otherwise the CLI environment decides. */
    account: z.string().regex(/^\d{12}$/).optional(),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/).optional(),
    /** Domain whose mail SES receives (MX -> inbound-smtp.<region>.amazonaws.com) and from which mail is sent. */
    mailDomain: hostname,
    /**
     * Reserved concurrency of the inbound mail Lambda (one message per invocation, up to 30 MB):
     * caps parallel parsing and table writes during a mail flood; SES retries throttled deliveries.
     * `null` reserves none (accounts still at the default quota of 10 cannot reserve any).
     */
    mailInboundConcurrency: z.number().int().min(1).max(1000).nullable().default(5),
    /** Browser origins allowed by the API's and the upload buckets' CORS. */
    webOrigins: z.array(origin).min(1),
    /** Operators' address subscribed to the alarm topic. */
    alarmEmail: z.email().optional(),
    logRetentionDays: z
      .number()
      .int()
      .refine((d) => (logRetentionValues as readonly number[]).includes(d), `one of ${logRetentionValues.join(', ')}`)
      .default(30),
    /** Keep stateful resources (table, buckets, user pool, keys) when the stack or resource goes away. */
    retain: z.boolean().optional(),
    /** Cognito feature plan; `plus` enables threat protection (enforced). */
    userPoolTier: z.enum(['essentials', 'plus']).optional(),
    apiThrottle: z
      .object({ rateLimit: z.number().positive(), burstLimit: z.number().int().positive() })
      .default({ rateLimit: 50, burstLimit: 100 }),
    web: z
      .object({
        /** Custom domain for the web app (needs certificateArn, an ACM certificate in us-east-1). */
        domainName: hostname.optional(),
        certificateArn: z.string().regex(/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]+$/).optional(),
        /** A WAFv2 web ACL (scope CLOUDFRONT, us-east-1) to attach to the distribution. */
        webAclArn: z.string().regex(/^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global\/webacl\/.+$/).optional(),
        priceClass: z.enum(['PriceClass_100', 'PriceClass_200', 'PriceClass_All']).default('PriceClass_100'),
      })
      .refine((w) => Boolean(w.domainName) === Boolean(w.certificateArn), 'web.domainName and web.certificateArn go together')
      .default({ priceClass: 'PriceClass_100' }),
  })
  .strict();

export const stageNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9]{1,11}$/, 'lower-case letters and digits, 2-12 characters, starting with a letter');

export type StageSettings = z.input<typeof stageSettingsSchema>;

export interface AppConfig {
  stage: string;
  /** `CloudManager-<Stage>`: prefix for stack names. */
  stackPrefix: string;
  env: { account?: string; region?: string };
  isProd: boolean;
  mailDomain: string;
  /** Reserved concurrency of the inbound mail Lambda, or null for none. */
  mailInboundConcurrency: number | null;
  webOrigins: string[];
  /** The web app's address for links in emails: the custom domain, else the first web origin. */
  webUrl: string;
  alarmEmail?: string;
  logRetentionDays: (typeof logRetentionValues)[number];
  retain: boolean;
  userPoolTier: 'essentials' | 'plus';
  apiThrottle: { rateLimit: number; burstLimit: number };
  web: {
    domainName?: string;
    certificateArn?: string;
    webAclArn?: string;
    priceClass: 'PriceClass_100' | 'PriceClass_200' | 'PriceClass_All';
  };
  /** Shown by GET /health; from `-c version=` or APP_VERSION (CI sets the commit). */
  appVersion: string;
}

export class StageConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StageConfigError';
  }
}

/** Something that answers context lookups: an App's node, or a plain map in tests. */
export interface ContextSource {
  tryGetContext(key: string): unknown;
}

/**
 * Reads `stage` and `stages` from the CDK context and validates the selected stage.
 * Throws a StageConfigError naming every problem.
 */
export function loadConfig(context: ContextSource, env: NodeJS.ProcessEnv = process.env): AppConfig {
  const stageResult = stageNameSchema.safeParse(context.tryGetContext('stage') ?? 'dev');
  if (!stageResult.success) throw new StageConfigError(`Invalid stage: ${stageResult.error.issues[0]?.message}`);
  const stage = stageResult.data;

  const stages = (context.tryGetContext('stages') ?? {}) as Record<string, unknown>;
  if (!(stage in stages)) {
    throw new StageConfigError(`Unknown stage "${stage}"; cdk.json "stages" defines: ${Object.keys(stages).join(', ') || 'none'}`);
  }
  const parsed = stageSettingsSchema.safeParse(stages[stage]);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new StageConfigError(`Invalid settings for stage "${stage}": ${issues.join('; ')}`);
  }
  const s = parsed.data;
  const isProd = stage === 'prod';
  const account = s.account ?? env.CDK_DEPLOY_ACCOUNT ?? env.CDK_DEFAULT_ACCOUNT;
  const region = s.region ?? env.CDK_DEPLOY_REGION ?? env.CDK_DEFAULT_REGION;
  const version = context.tryGetContext('version') ?? env.APP_VERSION ?? 'dev';

  return {
    stage,
    stackPrefix: `CloudManager-${stage.charAt(0).toUpperCase()}${stage.slice(1)}`,
    env: { ...(account ? { account } : {}), ...(region ? { region } : {}) },
    isProd,
    mailDomain: s.mailDomain,
    mailInboundConcurrency: s.mailInboundConcurrency,
    webOrigins: s.webOrigins,
    webUrl: s.web.domainName ? `https://${s.web.domainName}` : s.webOrigins[0]!,
    ...(s.alarmEmail ? { alarmEmail: s.alarmEmail } : {}),
    logRetentionDays: s.logRetentionDays as AppConfig['logRetentionDays'],
    retain: s.retain ?? isProd,
    userPoolTier: s.userPoolTier ?? (isProd ? 'plus' : 'essentials'),
    apiThrottle: s.apiThrottle,
    web: s.web,
    appVersion: String(version),
  };
}
