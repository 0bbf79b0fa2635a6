import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
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
  /**
   * 256-bit key (64 hex characters) sealing TOTP secrets, sign-in challenges and refresh tokens at
   * rest (shared/identity/crypto.ts, MFA_ENCRYPTION_KEY). Stateful: replacing it makes stored TOTP
   * secrets unreadable, so it is never rotated automatically.
   */
  readonly mfaEncryptionKey: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);
    const plus = props.tier === 'plus';

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: `cloudmanager-${props.stage}`,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      // No autoVerify: the API emails its own verification codes (shared/identity) and confirms the
      // address itself (AdminConfirmSignUp, email_verified), so Cognito must not send its own.
      autoVerify: { email: false, phone: false },
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

    this.mfaEncryptionKey = new secretsmanager.Secret(this, 'MfaEncryptionKey', {
      description: `CloudManager ${props.stage}: AES-256 key for TOTP secrets and sign-in state (hex)`,
      generateSecretString: {
        passwordLength: 64,
        excludePunctuation: true,
        excludeUppercase: true,
        includeSpace: false,
        excludeCharacters: 'ghijklmnopqrstuvwxyz',
        requireEachIncludedType: false,
      },
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    Validations.of(this.mfaEncryptionKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Data key, not a credential: it encrypts the TOTP secrets stored in DynamoDB, so rotating it would make every enrolled authenticator unreadable; a rotation needs a re-encryption run (docs/decisions.md).',
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
      // Only the auth facade (functions/api/auth) signs users in, by password; tokens obtained any
      // other way are not registered as sessions and are refused by the API.
      authFlows: { userPassword: true },
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
