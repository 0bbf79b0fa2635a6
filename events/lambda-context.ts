import { randomBytes, randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/** One log stream per execution environment, as Lambda does: here, one per process. */
const logStreamName = `${new Date().toISOString().slice(0, 10).replaceAll('-', '/')}/[$LATEST]${randomBytes(16).toString('hex')}`;

export interface LambdaContextOptions {
  /** The function's timeout; getRemainingTimeInMillis counts down from it. Default 30 s. */
  timeoutMs?: number;
  /** Default 1024. */
  memoryLimitInMB?: number;
  /** Default: a fresh UUID, as every invocation gets. */
  awsRequestId?: string;
}

/**
 * A Lambda context as the runtime gives it, for invoking handlers in-process (local twin, tests,
 * bench): a real deadline behind getRemainingTimeInMillis (middy arms its early-timeout timer
 * with it) and a fresh request id per call.
 */
export function lambdaContext(functionName: string, options: LambdaContextOptions = {}): Context {
  const { timeoutMs = 30_000, memoryLimitInMB = 1024, awsRequestId = randomUUID() } = options;
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION ?? 'eu-west-1'}:000000000000:function:${functionName}`,
    memoryLimitInMB: String(memoryLimitInMB),
    awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
