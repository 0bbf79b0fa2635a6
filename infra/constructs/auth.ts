import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { roles } from '../../shared/auth/permissions.js';

export interface AuthProps {
  stage: string;
  retain: boolean;
  /** `plus` turns on Cognito threat protection (enforced); `essentials` is the cheaper plan. */
  tier: 'essentials' | 'plus';
}

/**
 * The Cognito user pool that issues the API's JWTs: email sign-in and self sign-up, a strong
 * password policy, TOTP as the only second factor (optional at pool level: the application
 * enforces it for staff, see shared/auth/permissions.ts staffRoles), one group per role, and a
 * public SPA client without secret.
 */
export class Auth extends Construct {
  readonly userPool: cognito.UserPool;
  readonly webClient: cognito.UserPoolClient;
  readonly groups: Record<string, cognito.UserPoolGroup> = {};

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);
    const plus = props.tier === 'plus';

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: `cloudmanager-${props.stage}`,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      keepOriginal: { email: true },
      selfSignUpEnabled: true,
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { sms: false, otp: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: plus ? cognito.FeaturePlan.PLUS : cognito.FeaturePlan.ESSENTIALS,
      ...(plus ? { standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION } : {}),
      deletionProtection: props.retain,
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    // Lower precedence wins when a user is in several groups: the most privileged role first.
    roles.forEach((role, precedence) => {
      this.groups[role] = new cognito.UserPoolGroup(this, `Group-${role}`, {
        userPool: this.userPool,
        groupName: role,
        precedence,
        description: `CloudManager role ${role}`,
      });
    });

    this.webClient = this.userPool.addClient('WebClient', {
      userPoolClientName: 'web',
      generateSecret: false,
      authFlows: { userPassword: true, userSrp: true },
      disableOAuth: true,
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.minutes(60),
      idTokenValidity: Duration.minutes(60),
      refreshTokenValidity: Duration.days(30),
    });

    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'TOTP is OPTIONAL at pool level on purpose: customers may opt in, while staff roles (shared/auth/permissions.ts staffRoles) must enrol TOTP, which the application enforces; pool-level ON would block first sign-in before TOTP setup.',
    });
    if (!plus) {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG8',
        reason: `Stage ${props.stage} uses the Essentials plan to keep test users cheap; production runs the Plus plan with threat protection enforced (config userPoolTier).`,
      });
    }
  }

  /** `https://cognito-idp.<region>.amazonaws.com/<poolId>`: the JWT issuer the API checks. */
  get issuerUrl(): string {
    return this.userPool.userPoolProviderUrl;
  }
}
