import { Aws, Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction, IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as actions from 'aws-cdk-lib/aws-ses-actions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface MailProps {
  stage: string;
  /** The domain SES receives mail for (its MX points at inbound-smtp.<region>.amazonaws.com) and sends from. */
  domain: string;
  /** Where SES writes the raw MIME (`<prefix><messageId>`); must be the bucket itself, not an import, to carry SES's put permission. */
  inboundBucket: IBucket;
  inboundPrefix: string;
  /** Invoked after the S3 action with the SES receipt event (functions/mail/inbound.ts). */
  inboundFunction: IFunction;
}

/** SES sending events the configuration set publishes to the default EventBridge bus (suppression list input). */
export const feedbackEvents = [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT] as const;
/** Their EventBridge detail types. */
export const feedbackDetailTypes = ['Email Bounced', 'Email Complaint Received'] as const;

/**
 * SES for CloudManager: a receipt rule set whose rule for the domain first stores the raw
 * message in S3, then invokes the inbound Lambda; a sending identity with DKIM and a
 * configuration set whose bounce and complaint events go to the default EventBridge bus.
 *
 * SES allows one active receipt rule set per region and CloudFormation cannot activate one:
 * after the first deploy run `aws ses set-active-receipt-rule-set --rule-set-name <ReceiptRuleSetName output>`.
 */
export class Mail extends Construct {
  readonly ruleSet: ses.ReceiptRuleSet;
  readonly inboundRule: ses.ReceiptRule;
  readonly identity: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;
  /** The domain mail is received for and sent from. */
  readonly domain: string;
  /** Physical name of the configuration set, a plain string: functions in any stack are granted on it by name. */
  readonly configurationSetName: string;
  /** Set by `sendFeedbackTo`. */
  feedbackRule?: events.Rule;

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    this.domain = props.domain;
    this.configurationSetName = `cloudmanager-${props.stage}`;

    this.ruleSet = new ses.ReceiptRuleSet(this, 'ReceiptRuleSet', {
      receiptRuleSetName: `cloudmanager-${props.stage}`,
    });
    this.inboundRule = this.ruleSet.addRule('Inbound', {
      recipients: [props.domain],
      scanEnabled: true,
      // Customers' mail servers without STARTTLS must still reach support.
      tlsPolicy: ses.TlsPolicy.OPTIONAL,
      actions: [
        new actions.S3({ bucket: props.inboundBucket, objectKeyPrefix: props.inboundPrefix }),
        new actions.Lambda({ function: props.inboundFunction, invocationType: actions.LambdaInvocationType.EVENT }),
      ],
    });

    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: this.configurationSetName,
      reputationMetrics: true,
      sendingEnabled: true,
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      maxDeliveryDuration: Duration.hours(12),
    });
    // SES can only publish to the account's default bus.
    this.configurationSet.addEventDestination('Feedback', {
      destination: ses.EventDestination.eventBus(events.EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
      events: [...feedbackEvents],
    });

    this.identity = new ses.EmailIdentity(this, 'Identity', {
      identity: ses.Identity.domain(props.domain),
      configurationSet: this.configurationSet,
    });
  }

  /**
   * Routes this configuration set's bounce and complaint events (functions/mail/ses-events.ts):
   * EventBridge retries for a day, then parks the event in `deadLetterQueue`. Events of other
   * configuration sets (other stages in the account) do not match.
   */
  sendFeedbackTo(fn: IFunction, deadLetterQueue: IQueue): events.Rule {
    if (this.feedbackRule) throw new Error('Mail: feedback already routed');
    this.feedbackRule = new events.Rule(this, 'FeedbackRule', {
      description: `SES bounces and complaints of configuration set ${this.configurationSetName} -> suppression list`,
      eventPattern: {
        source: ['aws.ses'],
        detailType: [...feedbackDetailTypes],
        detail: { mail: { tags: { 'ses:configuration-set': [this.configurationSetName] } } },
      },
      targets: [new targets.LambdaFunction(fn, { deadLetterQueue, retryAttempts: 8, maxEventAge: Duration.hours(24) })],
    });
    return this.feedbackRule;
  }

  /**
   * Lets a function send mail (shared/mail): the grant below plus the sender address on the
   * domain, the configuration set and the domain itself, as MAIL_FROM, SES_CONFIGURATION_SET and
   * MAIL_DOMAIN. Works for functions in any stack of the stage (no cross-stack reference).
   */
  allowSending(fn: LambdaFunction): void {
    this.grantSend(fn);
    fn.addEnvironment('MAIL_FROM', `CloudManager <no-reply@${this.domain}>`);
    fn.addEnvironment('SES_CONFIGURATION_SET', this.configurationSetName);
    fn.addEnvironment('MAIL_DOMAIN', this.domain);
  }

  /**
   * Lets a function send mail from the domain's identity through the configuration set (SES v2
   * SendEmail, simple or raw), nothing else. Both ARNs are built from names in the grantee's stack.
   */
  grantSend(fn: LambdaFunction): iam.Grant {
    const stack = Stack.of(fn);
    return iam.Grant.addToPrincipal({
      grantee: fn,
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resourceArns: [
        stack.formatArn({ service: 'ses', resource: 'identity', resourceName: this.domain }),
        stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: this.configurationSetName }),
      ],
      conditions: { StringEquals: { 'aws:ResourceAccount': Aws.ACCOUNT_ID } },
    });
  }
}
