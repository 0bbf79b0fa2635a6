import path from 'node:path';
import { Aws, Duration, TimeZone } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { schedulerPlaceholders } from '../../events/schedule-payload.js';
import type { ScheduleDefinition } from '../../events/schedules.js';
import { AppFunction, type FunctionDefaults } from './app-function.js';
import { DeadLetterQueue } from './dead-letter-queue.js';
import { acknowledgeWildcardResource } from './nag.js';

export interface SchedulesProps {
  functionDefaults: FunctionDefaults;
  /** Every job claims and records its run in the table (shared/schedules/runs.ts). */
  table: ITable;
  /** Scheduler retries of a failed delivery, and how stale a delivery may get. */
  retryAttempts?: number;
  maxEventAge?: Duration;
}

/**
 * EventBridge Scheduler schedules from the schedule table (events/schedules.ts): one schedule
 * per entry, one Lambda per target file, the payload envelope filled by the scheduler, retries,
 * and one DLQ that receives both undeliverable invocations and runs that failed after Lambda's
 * asynchronous retries. The scheduler role may invoke only these functions.
 */
export class Schedules extends Construct {
  readonly role: iam.Role;
  readonly deadLetters: DeadLetterQueue;
  /** Target entry (functions/schedules/<name>.ts) -> its Lambda. */
  readonly functions = new Map<string, AppFunction>();
  readonly schedules = new Map<string, scheduler.Schedule>();

  private readonly props: SchedulesProps;

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    this.props = props;

    this.deadLetters = new DeadLetterQueue(this, 'DeadLetters', {
      purpose: 'scheduled jobs (undeliverable invocations and runs that failed after retries)',
    });
    this.role = new iam.Role(this, 'SchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
      description: `EventBridge Scheduler: invokes CloudManager ${props.functionDefaults.stage} scheduled jobs only`,
    });
  }

  /**
   * Adds the schedule and, on first use of its target, the target's Lambda. Checks the fixed
   * parameters against the schedule's payload schema at synth time.
   */
  addSchedule(definition: ScheduleDefinition): scheduler.Schedule {
    if (this.schedules.has(definition.name)) throw new Error(`Schedules: ${definition.name} appears twice`);
    const input = {
      schedule: definition.name,
      scheduledTime: schedulerPlaceholders.scheduledTime,
      executionId: schedulerPlaceholders.executionId,
      ...definition.parameters,
    };
    const check = definition.payload.safeParse({ ...input, scheduledTime: new Date(0).toISOString(), executionId: 'synth-check' });
    if (!check.success) {
      throw new Error(`Schedule ${definition.name}: parameters do not match its payload schema: ${check.error.message}`);
    }

    const fn = this.targetFunction(definition.target);
    const schedule = new scheduler.Schedule(this, `Schedule-${definition.name}`, {
      description: definition.description,
      schedule: scheduler.ScheduleExpression.expression(definition.expression, TimeZone.of(definition.timezone)),
      target: new LambdaInvoke(fn, {
        role: this.role,
        input: scheduler.ScheduleTargetInput.fromObject(input),
        retryAttempts: this.props.retryAttempts ?? 3,
        maxEventAge: this.props.maxEventAge ?? Duration.hours(1),
        deadLetterQueue: this.deadLetters.queue,
      }),
    });
    this.schedules.set(definition.name, schedule);
    return schedule;
  }

  private targetFunction(target: string): AppFunction {
    const existing = this.functions.get(target);
    if (existing) return existing;
    const name = path.basename(target, '.ts');
    const fn = new AppFunction(this, `${name.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase())}Function`, {
      ...this.props.functionDefaults,
      entry: target,
      serviceName: `schedule-${name}`,
      description: `CloudManager scheduled job ${name} (${target})`,
      timeout: Duration.minutes(5),
      // Lambda retries an asynchronous run twice; what still fails lands in the schedules DLQ.
      deadLetterQueue: this.deadLetters.queue,
    });
    fn.useTable(this.props.table, 'readWrite');
    this.functions.set(target, fn);
    // LambdaInvoke grants lambda:InvokeFunction on the function and its versions/aliases (`<arn>:*`).
    acknowledgeWildcardResource(
      this.role,
      `${fn.functionArn}:*`,
      `The scheduler may invoke the ${name} job function and its versions/aliases (qualified ARNs); no other function.`,
    );
    return fn;
  }
}
