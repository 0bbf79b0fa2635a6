import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks, NagPack, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterEach, describe, expect, it } from 'vitest';
import { addNagChecks } from '../stacks/index.js';
import { buildTestApp, fakeWebDist } from './support.js';

interface Report {
  pluginReports: { pluginName: string; violations?: { ruleName: string; severity: string; violatingConstructs?: { constructPath: string }[] }[] }[];
}

/** Synthesizes with the cdk-nag plugins (and CDK's CloudFormation validation) and returns every finding left. */
function findings(app: App): string[] {
  // In-process synthesis throws on any error-level finding, with the report in the message.
  const assembly = app.synth();
  const report = JSON.parse(readFileSync(path.join(assembly.directory, 'validation-report.json'), 'utf8')) as Report;
  return report.pluginReports.flatMap((plugin) =>
    (plugin.violations ?? []).map(
      (v) => `${plugin.pluginName} ${v.severity} ${v.ruleName} @ ${(v.violatingConstructs ?? []).map((c) => c.constructPath).join(', ')}`,
    ),
  );
}

/** Every acknowledgment in the tree: construct path + rule id + reason. */
function acknowledgments(app: App) {
  return app.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) =>
        Object.entries(m.data as Record<string, string>).map(([key, reason]) => ({
          path: construct.node.path,
          id: key.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

const variants = [
  { name: 'dev, no web build', options: {} },
  { name: 'prod, with web build', options: { stage: 'prod', webAssetsPath: fakeWebDist() } },
];

describe('cdk-nag: AwsSolutions and Serverless packs', () => {
  for (const variant of variants) {
    it(`leaves no unacknowledged error or warning (${variant.name})`, () => {
      const { app } = buildTestApp({ ...variant.options, validate: true });

      expect(findings(app)).toEqual([]);
    });
  }

  it('is wired as validation plugins that fail the synth on a finding', () => {
    const app = new App();
    new s3.Bucket(new Stack(app, 'Probe'), 'Unlogged');
    addNagChecks(app);

    expect(() => app.synth()).toThrow(/AwsSolutions-S1/);
  });
});

describe('cdk-nag acknowledgments', () => {
  const proto = NagPack.prototype as unknown as { isAcknowledged: (resource: IConstruct, ruleId: string) => boolean };
  const original = proto.isAcknowledged;
  afterEach(() => {
    proto.isAcknowledged = original;
  });

  it.each(variants)('are all used by a finding, on the narrowest construct, with a specific reason ($name)', ({ options }) => {
    const { app } = buildTestApp(options);
    app.synth();
    const acks = acknowledgments(app);
    const used = new Set<string>();
    proto.isAcknowledged = function (resource, ruleId) {
      const result = original.call(this, resource, ruleId);
      if (result) {
        for (let c: IConstruct | undefined = resource; c; c = c.node.scope) {
          if (acks.some((a) => a.path === c!.node.path && a.id === ruleId)) used.add(`${c.node.path} ${ruleId}`);
        }
      }
      return result;
    };

    for (const pack of [new AwsSolutionsChecks(), new ServerlessChecks()]) expect(pack.validateScope(app).violations).toEqual([]);

    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(used, `${ack.path} ${ack.id} is not needed`).toContain(`${ack.path} ${ack.id}`);
      expect(ack.id).toMatch(/^(AwsSolutions|Serverless)-/);
      expect(ack.reason.length, `${ack.path} ${ack.id}`).toBeGreaterThanOrEqual(60);
      // Never on a whole stack or the app.
      expect(ack.path.split('/').length, `${ack.path} ${ack.id}`).toBeGreaterThan(1);
    }
  });
});
