import { Duration, Validations } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { metricsNamespace, type AppFunction } from './app-function.js';
import type { DeadLetterQueue } from './dead-letter-queue.js';

export interface ObservabilityProps {
  stage: string;
  /** Subscribed to the alarm topic when set (only when this construct creates the topic). */
  alarmEmail?: string;
  /** Notify this topic (e.g. another stack's) instead of creating one. */
  topic?: sns.ITopic;
  /** Default `CloudManager-<stage>`. */
  dashboardName?: string;
}

/**
 * Alarms and a dashboard. Every alarm notifies one SNS topic (alarm and recovery). Intent
 * methods say what to watch: a function (errors, throttles), a dead-letter queue (any message),
 * the HTTP API (5xx), a heartbeat metric that must keep arriving.
 */
export class Observability extends Construct {
  readonly topic: sns.ITopic;
  readonly dashboard: cloudwatch.Dashboard;
  readonly alarms: cloudwatch.Alarm[] = [];

  private readonly action: SnsAction;
  private readonly stage: string;
  private readonly functionWidgets: { errors: cloudwatch.IMetric[]; throttles: cloudwatch.IMetric[]; duration: cloudwatch.IMetric[] } = {
    errors: [],
    throttles: [],
    duration: [],
  };
  private readonly queueMetrics: cloudwatch.IMetric[] = [];

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    this.stage = props.stage;

    this.topic =
      props.topic ??
      new sns.Topic(this, 'AlarmTopic', {
        displayName: `CloudManager ${props.stage} alarms`,
        enforceSSL: true,
      });
    if (props.alarmEmail && !props.topic) {
      const subscription = new sns.Subscription(this, 'AlarmEmail', {
        topic: this.topic,
        protocol: sns.SubscriptionProtocol.EMAIL,
        endpoint: props.alarmEmail,
      });
      Validations.of(subscription).acknowledge({
        id: 'Serverless-SNSRedrivePolicy',
        reason: 'Email subscription for operators: the alarms stay visible in CloudWatch whatever happens to the email, and a DLQ for undeliverable alarm mail would need an alarm mailed to the same inbox.',
      });
    }
    this.action = new SnsAction(this.topic);
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName ?? `CloudManager-${props.stage}`,
      defaultInterval: Duration.hours(6),
    });
  }

  /** Alarms on any error or throttle of the function. */
  watchFunction(fn: AppFunction | lambda.Function, label: string = (fn as AppFunction).serviceName ?? fn.node.id): void {
    this.alarm(`${label}-errors`, fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }), {
      threshold: 1,
      description: `${label}: the function threw (unhandled errors or timeouts) in the last 5 minutes`,
    });
    this.alarm(`${label}-throttles`, fn.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' }), {
      threshold: 1,
      description: `${label}: invocations were throttled (account concurrency exhausted?)`,
    });
    this.functionWidgets.errors.push(fn.metricErrors({ label }));
    this.functionWidgets.throttles.push(fn.metricThrottles({ label }));
    this.functionWidgets.duration.push(fn.metricDuration({ label, statistic: 'p95' }));
  }

  /** Alarms as soon as one message waits in the dead-letter queue. */
  watchDeadLetterQueue(dlq: DeadLetterQueue, label: string): void {
    const visible = dlq.queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' });
    this.alarm(`${label}-dlq`, visible, {
      threshold: 1,
      description: `Dead letters waiting: ${dlq.purpose}. See docs/runbook.md (redrive after the fix).`,
    });
    this.queueMetrics.push(visible.with({ label }));
  }

  /** Alarms on server errors returned by the API (any 5xx in 5 minutes). */
  watchHttpApi(api: apigw.HttpApi): void {
    const errors = api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' });
    this.alarm('api-5xx', errors, { threshold: 1, description: 'The HTTP API answered 5xx (handler crash, timeout or integration error)' });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: 'API requests', left: [api.metricCount({ statistic: 'Sum' })], width: 8 }),
      new cloudwatch.GraphWidget({
        title: 'API errors',
        left: [api.metricServerError({ statistic: 'Sum' }), api.metricClientError({ statistic: 'Sum' })],
        width: 8,
      }),
      new cloudwatch.GraphWidget({ title: 'API latency p95', left: [api.metricLatency({ statistic: 'p95' })], width: 8 }),
    );
  }

  /**
   * Alarms when the `Heartbeat` metric (namespace CloudManager, emitted by the heartbeat job via
   * Powertools with dimension service=<serviceName>) is missing for `staleAfter`.
   */
  watchHeartbeat(serviceName: string, staleAfter: Duration): void {
    const heartbeat = new cloudwatch.Metric({
      namespace: metricsNamespace,
      metricName: 'Heartbeat',
      dimensionsMap: { service: serviceName },
      statistic: 'Sum',
      period: staleAfter,
    });
    this.alarm('heartbeat-missing', heartbeat, {
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      description: `No Heartbeat for ${staleAfter.toMinutes()} minutes: EventBridge Scheduler or the scheduled jobs are not running`,
    });
    this.dashboard.addWidgets(new cloudwatch.GraphWidget({ title: 'Scheduler heartbeat', left: [heartbeat], width: 8 }));
  }

  /**
   * Alarms before SES puts sending under review: bounce rate over 5 % or complaint rate over
   * 0.1 % (account-wide reputation metrics, published once the configuration set sends).
   */
  watchMailReputation(): void {
    const rate = (metricName: string) =>
      new cloudwatch.Metric({ namespace: 'AWS/SES', metricName, statistic: 'Maximum', period: Duration.hours(1) });
    this.alarm('ses-bounce-rate', rate('Reputation.BounceRate'), {
      threshold: 0.05,
      description: 'SES bounce rate above 5 % (SES reviews the account at 5 % and may pause sending at 10 %)',
    });
    this.alarm('ses-complaint-rate', rate('Reputation.ComplaintRate'), {
      threshold: 0.001,
      description: 'SES complaint rate above 0.1 % (SES reviews the account at 0.1 % and may pause sending at 0.5 %)',
    });
  }

  /** Adds the function and queue widgets collected so far (call once, after watching everything). */
  finish(): void {
    const w = this.functionWidgets;
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: 'Lambda errors', left: w.errors, width: 8 }),
      new cloudwatch.GraphWidget({ title: 'Lambda throttles', left: w.throttles, width: 8 }),
      new cloudwatch.GraphWidget({ title: 'Lambda duration p95', left: w.duration, width: 8 }),
      ...(this.queueMetrics.length ? [new cloudwatch.GraphWidget({ title: 'Dead letters', left: this.queueMetrics, width: 8 })] : []),
      new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 16 }),
    );
  }

  private alarm(
    name: string,
    metric: cloudwatch.IMetric,
    options: {
      threshold: number;
      description: string;
      comparisonOperator?: cloudwatch.ComparisonOperator;
      treatMissingData?: cloudwatch.TreatMissingData;
    },
  ): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, `Alarm-${name}`, {
      alarmName: `cloudmanager-${this.stage}-${name}`,
      alarmDescription: options.description,
      metric,
      threshold: options.threshold,
      evaluationPeriods: 1,
      comparisonOperator: options.comparisonOperator ?? cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: options.treatMissingData ?? cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
    return alarm;
  }
}
