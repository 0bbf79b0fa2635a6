import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { apiDomains, fallbackDomain } from '../../functions/api/routes.js';
import type { AppConfig } from '../config.js';
import { Api } from '../constructs/api.js';
import type { FunctionDefaults } from '../constructs/app-function.js';
import type { Auth } from '../constructs/auth.js';
import type { Data } from '../constructs/data.js';
import type { Mail } from '../constructs/mail.js';
import { Observability } from '../constructs/observability.js';
import type { Storage } from '../constructs/storage.js';
import { apiAccess } from './api-access.js';
import { inboundPrefix } from './app-stack.js';

export interface ApiStackProps extends StackProps {
  config: AppConfig;
  data: Data;
  storage: Storage;
  auth: Auth;
  /** Sending is granted by the identity's and configuration set's names (no cross-stack reference). */
  mail: Mail;
  /** The App stack's alarm topic: the API's alarms notify it too. */
  alarmTopic: ITopic;
}

/**
 * The HTTP API: API Gateway with the JWT authorizer, one route per route-table entry, one Lambda
 * per domain with least privilege (api-access.ts), and their alarms. Its own stack so the route
 * table can grow without pushing the App stack toward CloudFormation's 500-resource limit.
 */
export class ApiStack extends Stack {
  readonly api: Api;
  readonly observability: Observability;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config, data, storage, auth, mail } = props;
    const functionDefaults: FunctionDefaults = {
      stage: config.stage,
      logRetentionDays: config.logRetentionDays,
      logRemovalPolicy: config.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    };

    this.api = new Api(this, 'Api', {
      functionDefaults,
      domains: apiDomains,
      fallback: fallbackDomain,
      jwtIssuer: auth.issuerUrl,
      jwtClientIds: [auth.webClient.userPoolClientId],
      corsOrigins: config.webOrigins,
      throttle: config.apiThrottle,
      appVersion: config.appVersion,
      // Ticket Message-IDs and reply addresses use the mail domain; emails link to the web app.
      environment: { MAIL_DOMAIN: config.mailDomain, WEB_URL: config.webUrl },
      domainOptions: Object.fromEntries(Object.entries(apiAccess).map(([name, a]) => [name, { ...(a.assets ? { assets: a.assets } : {}), ...(a.memorySize ? { memorySize: a.memorySize } : {}) }])),
    });
    for (const [name, fn] of this.api.functions) {
      const access = apiAccess[name];
      if (!access) throw new Error(`API domain "${name}" has no entry in infra/stacks/api-access.ts`);
      if (access.table) fn.useTable(data.table, access.table);
      for (const [bucket, [envName, level]] of Object.entries(access.buckets ?? {})) {
        fn.useBucket(storage.bucketFor(this, bucket as keyof Storage['names']), envName, level);
      }
      // Re-running the inbound pipeline (mail review release) reads raw mail where SES put it.
      if (access.buckets?.inbound) fn.addEnvironment('INBOUND_PREFIX', inboundPrefix);
      if (access.userPool) fn.useUserPool(auth.userPool, access.userPool);
      if (access.sendMail) mail.allowSending(fn);
      if (access.identity) {
        fn.addEnvironment('USER_POOL_CLIENT_ID', auth.webClient.userPoolClientId);
        // Resolved by CloudFormation at deploy time from Secrets Manager; Lambda keeps it KMS-encrypted at rest.
        fn.addEnvironment('MFA_ENCRYPTION_KEY', auth.mfaEncryptionKey.secretValue.unsafeUnwrap());
      }
    }

    // Alarms of the API and its Lambdas, on the stage's one alarm topic; a dashboard of their own.
    this.observability = new Observability(this, 'Observability', {
      stage: config.stage,
      topic: props.alarmTopic,
      dashboardName: `CloudManager-${config.stage}-Api`,
    });
    for (const fn of this.api.functions.values()) this.observability.watchFunction(fn);
    this.observability.watchHttpApi(this.api.httpApi);
    this.observability.finish();

    new CfnOutput(this, 'ApiUrl', { value: this.api.url });
  }
}
