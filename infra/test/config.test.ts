import { describe, expect, it } from 'vitest';
import { loadConfig, StageConfigError } from '../config.js';
import { cdkJsonContext } from './support.js';

const context = (values: Record<string, unknown>) => ({ tryGetContext: (key: string) => values[key] });
const stages = cdkJsonContext.stages as Record<string, Record<string, unknown>>;

describe('loadConfig', () => {
  it('reads the dev stage by default from the cdk.json stages, environment-agnostic without env', () => {
    const config = loadConfig(context({ stages }), {});

    expect(config.stage).toBe('dev');
    expect(config.stackPrefix).toBe('CloudManager-Dev');
    expect(config.env).toEqual({});
    expect(config.retain).toBe(false);
    expect(config.userPoolTier).toBe('essentials');
    expect(config.webOrigins).toEqual(['http://localhost:5173']);
    expect(config.mailDomain).toBe('mail.dev.cloudmanager.example.com');
    expect(config.webUrl).toBe('http://localhost:5173');
    expect(config.mailInboundConcurrency).toBe(5);
  });

  it('links emails to the custom web domain when there is one; null reserves no inbound mail concurrency', () => {
    const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-1111-2222-3333-444455556666';
    const custom = { ...stages, dev: { ...stages.dev, web: { domainName: 'app.example.com', certificateArn }, mailInboundConcurrency: null } };
    const config = loadConfig(context({ stages: custom }), {});

    expect(config.webUrl).toBe('https://app.example.com');
    expect(config.mailInboundConcurrency).toBeNull();
  });

  it('retains data and uses the Plus plan in prod', () => {
    const config = loadConfig(context({ stage: 'prod', stages }), {});

    expect(config.isProd).toBe(true);
    expect(config.retain).toBe(true);
    expect(config.userPoolTier).toBe('plus');
    expect(config.alarmEmail).toMatch(/@/);
    expect(config.logRetentionDays).toBe(365);
  });

  it('takes account and region from the CLI environment unless the stage pins them', () => {
    const env = { CDK_DEFAULT_ACCOUNT: '111111111111', CDK_DEFAULT_REGION: 'eu-west-1' };
    expect(loadConfig(context({ stages }), env).env).toEqual({ account: '111111111111', region: 'eu-west-1' });

    const pinned = { ...stages, dev: { ...stages.dev, account: '222222222222', region: 'eu-central-1' } };
    expect(loadConfig(context({ stages: pinned }), env).env).toEqual({ account: '222222222222', region: 'eu-central-1' });
  });

  it('rejects an unknown stage, naming the known ones', () => {
    expect(() => loadConfig(context({ stage: 'qa', stages }), {})).toThrow(/Unknown stage "qa".*dev, staging, prod/);
  });

  it('rejects invalid settings with every problem listed', () => {
    const bad = { dev: { mailDomain: 'Not A Domain', webOrigins: ['http://app.example.com/path'], logRetentionDays: 10, extra: 1 } };
    let error: unknown;
    try {
      loadConfig(context({ stages: bad }), {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StageConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/mailDomain/);
    expect(message).toMatch(/webOrigins\.0/);
    expect(message).toMatch(/logRetentionDays/);
    expect(message).toMatch(/extra/);
  });

  it('requires a custom web domain and its certificate together', () => {
    const bad = { dev: { ...stages.dev, web: { domainName: 'app.example.com' } } };
    expect(() => loadConfig(context({ stages: bad }), {})).toThrow(/web\.domainName and web\.certificateArn go together/);
  });
});
