import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { lambdaContext } from '../../events/lambda-context.js';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

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
