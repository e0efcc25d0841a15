/**
 * One data run at a time, and no save lost: the dev server's data watcher runs the data step
 * through this queue. Saves within the debounce window make one run; a save that arrives while a
 * run is in progress queues exactly one more run after it (with the latest save's reason), so the
 * generated data always end up built from the files as last saved, and two runs never swap the
 * generated folder at once. Timers are injected, so tests need no clock.
 */

export interface RunQueue {
  /** A save (or the start): runs after the debounce window, or after the run in progress. */
  request(reason: string): void;
  /** Resolves when no run is in progress or queued. */
  idle(): Promise<void>;
}

export interface Timers {
  set: (fn: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as NodeJS.Timeout),
};

export function createRunQueue(
  run: (reason: string) => Promise<void>,
  debounceMs: number,
  timers: Timers = realTimers,
): RunQueue {
  let timer: unknown;
  let running: Promise<void> | null = null;
  // The reason of a run asked for while one is in progress (null: none queued).
  let queued: string | null = null;

  const start = (reason: string) => {
    running = (async () => {
      let next: string | null = reason;
      while (next !== null) {
        queued = null;
        try {
          await run(next);
        } catch {
          // run reports its own errors; the queue goes on.
        }
        next = queued;
      }
      running = null;
    })();
  };

  return {
    request(reason) {
      if (timer !== undefined) timers.clear(timer);
      timer = timers.set(() => {
        timer = undefined;
        if (running) queued = reason;
        else start(reason);
      }, debounceMs);
    },
    async idle() {
      while (running || timer !== undefined) {
        if (running) await running;
        else await new Promise((r) => setImmediate(r));
      }
    },
  };
}
