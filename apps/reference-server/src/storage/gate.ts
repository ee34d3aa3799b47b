import { DatabaseUnavailableError } from "./unavailable.js";

export interface GateOptions {
  /** Requests using the database at once (the pool's size). */
  concurrency: number;
  /** Requests that may wait for one of those; past them a request is shed at once. */
  maxWaiting: number;
  /** The longest a request waits for its turn before it is shed. */
  maxWaitMs: number;
}

/**
 * Load shedding in front of the database: at most `concurrency` requests use it, at most
 * `maxWaiting` more wait in line (first come, first served), each for at most `maxWaitMs`. A request
 * past the line, or waiting too long, fails at once with DatabaseUnavailableError (answered 503 with
 * `Retry-After`), rather than queueing until a client or proxy gives up: under overload the server
 * keeps answering, the requests it serves stay fast, and the process's memory stays bounded.
 */
export class Gate {
  private active = 0;
  private readonly waiting: { grant: () => void; timer: NodeJS.Timeout }[] = [];

  constructor(private readonly options: GateOptions) {}

  /** Requests using the database and waiting for it, for readiness and logs. */
  get load(): { active: number; waiting: number } {
    return { active: this.active, waiting: this.waiting.length };
  }

  /** Whether a request arriving now would be shed. */
  get shedding(): boolean {
    return this.waiting.length >= this.options.maxWaiting;
  }

  /** The error a shed request fails with (answered 503 with `Retry-After`). */
  atCapacity(): DatabaseUnavailableError {
    return new DatabaseUnavailableError("The server is at capacity; retry shortly.", 1);
  }

  /** Runs `work` in its turn, or fails at once (or after `maxWaitMs` in line) when the server is at capacity. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    // One turn of the event loop first: the embedded engine resolves its queries without one, so
    // without this yield each request would run to its end before the next is even read, the line
    // would never form, and overload would queue unseen in the sockets. The wait is counted from
    // after it: a turn crowded with thousands of requests being parsed is not time in line, and
    // counting it shed every request of the overload benchmark's ingest run (none served).
    await new Promise((resolve) => setImmediate(resolve));
    await this.enter(performance.now() + this.options.maxWaitMs);
    try {
      return await work();
    } finally {
      this.leave();
    }
  }

  private enter(deadline: number): Promise<void> {
    const left = deadline - performance.now();
    if (left <= 0) return Promise.reject(this.atCapacity());
    if (this.active < this.options.concurrency) {
      this.active++;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.options.maxWaiting) {
      return Promise.reject(this.atCapacity());
    }
    return new Promise((resolve, reject) => {
      const entry = {
        grant: () => {
          clearTimeout(entry.timer);
          resolve();
        },
        timer: setTimeout(() => {
          const at = this.waiting.indexOf(entry);
          if (at >= 0) this.waiting.splice(at, 1);
          reject(this.atCapacity());
        }, left),
      };
      this.waiting.push(entry);
    });
  }

  private leave(): void {
    const next = this.waiting.shift();
    // The slot passes straight to the next in line, so `active` never drops below the work running.
    if (next) next.grant();
    else this.active--;
  }
}
