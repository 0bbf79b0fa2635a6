import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, resourcesOf, type TestApp } from './support.js';

let built: TestApp;
let template: Template;
beforeAll(() => {
  built = buildTestApp();
  template = built.templates.api;
});

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

function logicalId(construct: { node: { defaultChild?: unknown } }, stack = built.stacks.api): string {
  return stack.getLogicalId(construct.node.defaultChild as never);
}

/** The identity-policy statements and environment of one API domain's Lambda. */
function domain(name: string) {
  const fn = built.stacks.api.api.functions.get(name)!;
  const roleId = logicalId(fn.role! as never);
  const statements = Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties.Roles).includes(roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
  const env = resourcesOf(template, 'AWS::Lambda::Function')[logicalId(fn)]!.Properties.Environment.Variables as Record<string, unknown>;
  const actions = statements.flatMap((s) => [s.Action].flat());
  return { statements, env, actions };
}

describe('users admin and access requests: least privilege', () => {
  it('users admin may call exactly its Cognito admin actions, on the one user pool, and knows its id', () => {
    const { statements, env, actions } = domain('users');
    const cognito = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('cognito-idp:')));
    expect(cognito.flatMap((s) => [s.Action].flat()).sort()).toEqual(
      [
        'cognito-idp:AdminAddUserToGroup',
        'cognito-idp:AdminCreateUser',
        'cognito-idp:AdminDeleteUser',
        'cognito-idp:AdminDisableUser',
        'cognito-idp:AdminEnableUser',
        'cognito-idp:AdminRemoveUserFromGroup',
        'cognito-idp:AdminSetUserMFAPreference',
      ].sort(),
    );
    for (const s of cognito) expect(JSON.stringify(s.Resource)).not.toContain('*');
    expect(env.USER_POOL_ID).toBeDefined();
    expect(actions).toEqual(expect.arrayContaining(['ses:SendEmail', 'dynamodb:PutItem']));
    expect(env).toMatchObject({ MAIL_FROM: 'CloudManager <no-reply@mail.dev.cloudmanager.example.com>', SES_CONFIGURATION_SET: expect.anything() });
  });

  it('access requests may only create (and undo) accounts; the roles Lambda touches neither Cognito nor SES', () => {
    const requests = domain('access-requests');
    expect(requests.actions.filter((a) => a.startsWith('cognito-idp:')).sort()).toEqual(
      ['cognito-idp:AdminAddUserToGroup', 'cognito-idp:AdminCreateUser', 'cognito-idp:AdminDeleteUser'].sort(),
    );
    expect(requests.actions).toContain('ses:SendEmail');
    const roles = domain('roles');
    expect(roles.actions.some((a) => a.startsWith('cognito-idp:') || a.startsWith('ses:'))).toBe(false);
    expect(roles.env.USER_POOL_ID).toBeUndefined();
  });
});
