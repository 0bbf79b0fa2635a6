import { Aws, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction, IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as actions from 'aws-cdk-lib/aws-ses-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
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

/**
 * SES for CloudManager: a receipt rule set whose rule for the domain first stores the raw
 * message in S3, then invokes the inbound Lambda; a sending identity with DKIM and a
 * configuration set whose bounce/complaint/reject events go to an SNS topic.
 *
 * SES allows one active receipt rule set per region and CloudFormation cannot activate one:
 * after the first deploy run `aws ses set-active-receipt-rule-set --rule-set-name <ReceiptRuleSetName output>`.
 */
export class Mail extends Construct {
  readonly ruleSet: ses.ReceiptRuleSet;
  readonly inboundRule: ses.ReceiptRule;
  readonly identity: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;
  /** Bounce, complaint, reject and delivery-delay events of sent mail. */
  readonly feedbackTopic: sns.Topic;
  /** The domain mail is received for and sent from. */
  readonly domain: string;

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    this.domain = props.domain;

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

    this.feedbackTopic = new sns.Topic(this, 'FeedbackTopic', {
      displayName: `CloudManager ${props.stage} mail feedback`,
      enforceSSL: true,
    });
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: `cloudmanager-${props.stage}`,
      reputationMetrics: true,
      sendingEnabled: true,
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      maxDeliveryDuration: Duration.hours(12),
    });
    this.configurationSet.addEventDestination('Feedback', {
      destination: ses.EventDestination.snsTopic(this.feedbackTopic),
      events: [
        ses.EmailSendingEvent.BOUNCE,
        ses.EmailSendingEvent.COMPLAINT,
        ses.EmailSendingEvent.REJECT,
        ses.EmailSendingEvent.DELIVERY_DELAY,
      ],
    });

    this.identity = new ses.EmailIdentity(this, 'Identity', {
      identity: ses.Identity.domain(props.domain),
      configurationSet: this.configurationSet,
    });
  }

  /**
   * Lets a function send mail (shared/mail/send.ts): the grant below plus the sender address on
   * the domain and the configuration set, as MAIL_FROM and SES_CONFIGURATION_SET.
   */
  allowSending(fn: LambdaFunction): void {
    this.grantSend(fn);
    fn.addEnvironment('MAIL_FROM', `CloudManager <no-reply@${this.domain}>`);
    fn.addEnvironment('SES_CONFIGURATION_SET', this.configurationSet.configurationSetName);
  }

  /** Lets a function send mail from the domain through the configuration set (SES v2 SendEmail). */
  grantSend(grantee: iam.IGrantable): iam.Grant {
    const stack = Stack.of(this);
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resourceArns: [
        this.identity.emailIdentityArn,
        stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: this.configurationSet.configurationSetName }),
      ],
      conditions: { StringEquals: { 'aws:ResourceAccount': Aws.ACCOUNT_ID } },
    });
  }
}
