import type { DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { ChangeFeed } from './change-feed.js';
import { silentLogger } from './logger.js';

const feed = (retain?: number) => new ChangeFeed({ region: 'eu-west-1', logger: silentLogger, ...(retain ? { retain } : {}) });
const change = (pk: string, n?: number) => ({
  table: 'table',
  keys: { pk: { S: pk } },
  ...(n === undefined ? {} : { newImage: { pk: { S: pk }, n: { N: String(n) } } }),
});

describe('ChangeFeed', () => {
  it('never delivers inside append()', async () => {
    const f = feed();
    const seen: string[] = [];
    f.subscribe(async (e) => void seen.push(...e.Records.map((r) => r.eventName ?? '')));
    f.append(change('a', 1));
    expect(seen).toEqual([]);
    await f.drain();
    expect(seen).toEqual(['INSERT']);
  });

  it('keeps order for records appended while a batch is being handled', async () => {
    const f = feed();
    const seen: string[] = [];
    f.subscribe(
      async (e: DynamoDBStreamEvent) => {
        for (const r of e.Records) {
          const pk = r.dynamodb?.Keys?.pk?.S ?? '';
          seen.push(pk);
          if (pk === 'a') f.append(change('c', 1));
        }
      },
      { batchSize: 1 },
    );
    f.append(change('a', 1));
    f.append(change('b', 1));
    await f.drain();
    expect(seen).toEqual(['a', 'b', 'c']);
  });

  it('numbers records with increasing, equal-length sequence numbers and filters by sequence', () => {
    const f = feed();
    const first = f.append(change('a', 1));
    const second = f.append(change('b', 1));
    expect(second.dynamodb?.SequenceNumber?.length).toBe(first.dynamodb?.SequenceNumber?.length);
    expect(second.dynamodb!.SequenceNumber! > first.dynamodb!.SequenceNumber!).toBe(true);
    expect(f.records(first.dynamodb?.SequenceNumber).map((r) => r.dynamodb?.Keys?.pk?.S)).toEqual(['b']);
  });

  it('trims beyond the retention only what every consumer has passed', async () => {
    const f = feed(2);
    const slow: string[] = [];
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    f.subscribe(async (e) => {
      await blocked;
      slow.push(...e.Records.map((r) => r.dynamodb?.Keys?.pk?.S ?? ''));
    });
    for (const pk of ['a', 'b', 'c', 'd']) f.append(change(pk, 1));
    expect(f.records().length).toBe(4); // the consumer has not passed them yet
    release();
    await f.drain();
    expect(slow).toEqual(['a', 'b', 'c', 'd']);
    f.append(change('e', 1));
    expect(f.records().map((r) => r.dynamodb?.Keys?.pk?.S)).toEqual(['d', 'e']);
  });

  it('hands consumers copies, so a handler cannot alter the log', async () => {
    const f = feed();
    f.subscribe(async (e) => {
      e.Records[0]!.eventName = 'REMOVE';
    });
    f.append(change('a', 1));
    await f.drain();
    expect(f.records()[0]?.eventName).toBe('INSERT');
  });
});
