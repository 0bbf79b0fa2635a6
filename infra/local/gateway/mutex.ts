/**
 * A FIFO read/write lock. Writers run alone, readers run together, and nobody overtakes a
 * queued writer. The gateway takes it exclusively for every write (so a transaction and its
 * rollback are never interleaved with another write) and shared for every read (so a read
 * never sees a transaction half applied).
 */
interface Waiter {
  write: boolean;
  grant: () => void;
}

export class ReadWriteLock {
  private readers = 0;
  private writer = false;
  private readonly queue: Waiter[] = [];

  /** Runs `fn` with no other reader or writer inside. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.run(true, fn);
  }

  /** Runs `fn` alongside other readers, never alongside a writer. */
  shared<T>(fn: () => Promise<T>): Promise<T> {
    return this.run(false, fn);
  }

  private async run<T>(write: boolean, fn: () => Promise<T>): Promise<T> {
    await this.acquire(write);
    try {
      return await fn();
    } finally {
      this.release(write);
    }
  }

  private acquire(write: boolean): Promise<void> {
    if (this.queue.length === 0 && this.canEnter(write)) {
      this.enter(write);
      return Promise.resolve();
    }
    return new Promise((grant) => this.queue.push({ write, grant }));
  }

  private release(write: boolean): void {
    if (write) this.writer = false;
    else this.readers -= 1;
    for (let next = this.queue[0]; next && this.canEnter(next.write); next = this.queue[0]) {
      this.queue.shift();
      this.enter(next.write);
      next.grant();
    }
  }

  private canEnter(write: boolean): boolean {
    return write ? !this.writer && this.readers === 0 : !this.writer;
  }

  private enter(write: boolean): void {
    if (write) this.writer = true;
    else this.readers += 1;
  }
}
