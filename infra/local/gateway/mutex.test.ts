import { describe, expect, it } from 'vitest';
import { ReadWriteLock } from './mutex.js';

/** A promise the test settles by hand. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('ReadWriteLock', () => {
  it('runs readers together and a writer alone, in arrival order', async () => {
    const lock = new ReadWriteLock();
    const log: string[] = [];
    const firstRead = gate();
    const write = gate();

    const r1 = lock.shared(async () => {
      log.push('r1 start');
      await firstRead.opened;
      log.push('r1 end');
    });
    const r2 = lock.shared(async () => void log.push('r2'));
    const w = lock.exclusive(async () => {
      log.push('w start');
      await write.opened;
      log.push('w end');
    });
    const r3 = lock.shared(async () => void log.push('r3'));

    await r2; // a second reader does not wait for the first
    expect(log).toEqual(['r1 start', 'r2']);
    firstRead.open();
    await r1;
    await Promise.resolve();
    expect(log).toEqual(['r1 start', 'r2', 'r1 end', 'w start']); // r3 queued behind the writer
    write.open();
    await Promise.all([w, r3]);
    expect(log).toEqual(['r1 start', 'r2', 'r1 end', 'w start', 'w end', 'r3']);
  });

  it('releases the lock when the work throws', async () => {
    const lock = new ReadWriteLock();
    await expect(lock.exclusive(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(lock.exclusive(async () => 'next')).resolves.toBe('next');
  });
});
