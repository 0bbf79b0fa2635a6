import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

/** A Lambda context as the runtime gives it, for invoking handlers in-process. */
export function lambdaContext(functionName: string, timeoutMs = 30_000): Context {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION ?? 'eu-west-1'}:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

const loaded = new Map<string, Promise<Handler>>();

/** Loads `handler` from a function entry (e.g. functions/api/system/index.ts), once. */
export function loadHandler(entry: string): Promise<Handler> {
  let handler = loaded.get(entry);
  if (!handler) {
    handler = import(pathToFileURL(resolve(entry)).href).then((mod: { handler?: Handler }) => {
      if (typeof mod.handler !== 'function') throw new Error(`${entry} exports no handler`);
      return mod.handler;
    });
    loaded.set(entry, handler);
  }
  return handler;
}

/** Invokes a function entry the way Lambda would: one event, a fresh context. */
export async function invokeEntry(entry: string, event: unknown): Promise<unknown> {
  const handler = await loadHandler(entry);
  const name = entry.replace(/^functions\//, '').replace(/(\/index)?\.ts$/, '').replaceAll('/', '-');
  return handler(event, lambdaContext(name));
}
