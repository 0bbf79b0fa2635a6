import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, type CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { type AppConfig, loadConfig } from '../config.js';
import { repoRoot } from '../constructs/app-function.js';
import { addNagChecks, type CloudManagerStacks, createStacks } from '../stacks/index.js';

/** The context `cdk synth` gets from cdk.json (feature flags and stages). */
export const cdkJsonContext: Record<string, unknown> = JSON.parse(readFileSync(path.join(repoRoot, 'cdk.json'), 'utf8')).context;

export interface TestAppOptions {
  stage?: string;
  /** Extra context (e.g. a modified `stages` entry). */
  context?: Record<string, unknown>;
  /** Web build to deploy: a path, or null for none (default: none, so tests do not depend on web/dist). */
  webAssetsPath?: string | null;
  /** Register cdk-nag plugins and keep CDK's built-in CloudFormation validation (slower). */
  validate?: boolean;
  env?: NodeJS.ProcessEnv;
}

export interface TestApp {
  app: App;
  config: AppConfig;
  stacks: CloudManagerStacks;
  templates: { stateful: Template; app: Template; api: Template; web: Template };
}

/** Builds the whole app as `cdk synth` would, minus bundling (skipped) and credentials. */
export function buildTestApp(options: TestAppOptions = {}): TestApp {
  const app = new App({
    context: {
      ...cdkJsonContext,
      ...(options.stage ? { stage: options.stage } : {}),
      ...options.context,
      'aws:cdk:bundling-stacks': [],
    },
    builtinCloudFormationValidation: options.validate ?? false,
  });
  const config = loadConfig(app.node, options.env ?? {});
  const stacks = createStacks(app, config, { webAssetsPath: options.webAssetsPath ?? null });
  if (options.validate) addNagChecks(app);
  return {
    app,
    config,
    stacks,
    get templates() {
      return {
        stateful: Template.fromStack(stacks.stateful),
        app: Template.fromStack(stacks.app),
        api: Template.fromStack(stacks.api),
        web: Template.fromStack(stacks.web),
      };
    },
  };
}

/** A throwaway "built web app" directory. */
export function fakeWebDist(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cm-web-dist-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>CloudManager</title><div id="root"></div>');
  return dir;
}

/** The logical id of a construct's CloudFormation resource in its stack. */
export function logicalIdOf(construct: { node: { defaultChild?: unknown } }): string {
  const resource = construct.node.defaultChild as CfnElement;
  return Stack.of(resource).getLogicalId(resource);
}

/** The identity-policy statements granted to a function's role. */
export function statementsOf(template: Template, fn: { role?: { node: { defaultChild?: unknown } } }): PolicyStatementJson[] {
  const roleId = logicalIdOf(fn.role!);
  return Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties.Roles).includes(roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as PolicyStatementJson[]);
}

export interface PolicyStatementJson {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, unknown>;
}

/** Resources of a type in a template, by logical id. */
export function resourcesOf(template: Template, type: string): Record<string, { Properties: Record<string, any> }> {
  return template.findResources(type) as Record<string, { Properties: Record<string, any> }>;
}
