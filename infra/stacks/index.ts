import { type App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { AppConfig } from '../config.js';
import { ApiStack } from './api-stack.js';
import { AppStack } from './app-stack.js';
import { StatefulStack } from './stateful-stack.js';
import { WebStack } from './web-stack.js';

export interface CloudManagerStacks {
  stateful: StatefulStack;
  app: AppStack;
  api: ApiStack;
  web: WebStack;
}

export interface CreateStacksOptions {
  /** Web build to deploy; default web/dist when present, `null` for none. */
  webAssetsPath?: string | null;
}

/**
 * The whole deployment of one stage: stateful (table, buckets, user pool) <- app (functions,
 * schedules, streams, mail, alarms) <- api (HTTP API and its Lambdas) <- web (CloudFront).
 * Cross-stack references are weak (Fn::GetStackOutput, see cdk.json), so no export ever blocks
 * an update. Used by infra/app.ts and the tests.
 */
export function createStacks(app: App, config: AppConfig, options: CreateStacksOptions = {}): CloudManagerStacks {
  const env = Object.keys(config.env).length > 0 ? { env: config.env } : {};
  const prefix = config.stackPrefix;

  const stateful = new StatefulStack(app, `${prefix}-Stateful`, {
    ...env,
    config,
    description: `CloudManager ${config.stage}: table, buckets, user pool (stateful)`,
    terminationProtection: config.retain,
  });
  const appStack = new AppStack(app, `${prefix}-App`, {
    ...env,
    config,
    data: stateful.data,
    storage: stateful.storage,
    auth: stateful.auth,
    description: `CloudManager ${config.stage}: functions, schedules, streams, mail, alarms`,
  });
  appStack.addStackDependency(stateful, 'buckets are imported by name');
  const api = new ApiStack(app, `${prefix}-Api`, {
    ...env,
    config,
    data: stateful.data,
    storage: stateful.storage,
    auth: stateful.auth,
    mail: appStack.mail,
    alarmTopic: appStack.observability.topic,
    description: `CloudManager ${config.stage}: HTTP API and its Lambdas`,
  });
  api.addStackDependency(stateful, 'buckets are imported by name');
  api.addStackDependency(appStack, 'sends through the SES identity and configuration set granted by name');
  const web = new WebStack(app, `${prefix}-Web`, {
    ...env,
    config,
    storage: stateful.storage,
    auth: stateful.auth,
    apiUrl: api.api.url,
    ...(options.webAssetsPath !== undefined ? { assetsPath: options.webAssetsPath } : {}),
    description: `CloudManager ${config.stage}: web app (CloudFront + S3)`,
  });
  web.addStackDependency(stateful, 'bucket names for the CSP');

  for (const stack of [stateful, appStack, api, web]) {
    Tags.of(stack).add('app', 'cloudmanager');
    Tags.of(stack).add('stage', config.stage);
  }
  return { stateful, app: appStack, api, web };
}

/** cdk-nag 3 as CDK validation plugins: AWS Solutions and Serverless packs, reported at synth. */
export function addNagChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
}
