/** The dev server's data runs: one at a time, and a save during a run is never lost. */
import { describe, expect, it } from 'vitest';
import { createRunQueue, type Timers } from '../../src/publish/data-step/run-queue.ts';

/** Timers fired by hand: no clock. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let id = 0;
  const timers: Timers = {
    set: (fn) => (pending.set(++id, fn), id),
    clear: (h) => void pending.delete(h as number),
  };
  const fire = () => {
    const fns = [...pending.values()];
    pending.clear();
    for (const f of fns) f();
  };
  return { timers, fire, pending };
}

/** A run that waits until the test lets it finish. */
function gatedRun() {
  const started: string[] = [];
  const gates: Array<() => void> = [];
  const run = (reason: string) =>
    new Promise<void>((resolve) => {
      started.push(reason);
      gates.push(resolve);
    });
  const finishOne = async () => {
    gates.shift()!();
    await new Promise((r) => setImmediate(r));
  };
  return { run, started, finishOne };
}

describe('the data run queue', () => {
  it('saves within the debounce window make one run', async () => {
    const t = manualTimers();
    const g = gatedRun();
    const q = createRunQueue(g.run, 150, t.timers);
    q.request('a saved');
    q.request('b saved');
    expect(t.pending.size).toBe(1);
    t.fire();
    expect(g.started).toEqual(['b saved']);
    await g.finishOne();
    await q.idle();
  });

  it('a save that arrives while a run is in progress runs once more after it, with the latest save', async () => {
    const t = manualTimers();
    const g = gatedRun();
    const q = createRunQueue(g.run, 150, t.timers);
    q.request('start');
    t.fire();
    expect(g.started).toEqual(['start']);
    // Two saves during the start run: neither starts a second run beside it.
    q.request('x saved');
    t.fire();
    q.request('y saved');
    t.fire();
    expect(g.started).toEqual(['start']);
    await g.finishOne();
    expect(g.started).toEqual(['start', 'y saved']);
    await g.finishOne();
    await q.idle();
    expect(g.started).toEqual(['start', 'y saved']);
  });

  it('a run that throws does not stop the queue', async () => {
    const t = manualTimers();
    const seen: string[] = [];
    const q = createRunQueue(
      async (r) => {
        seen.push(r);
        if (r === 'bad') throw new Error('boom');
      },
      150,
      t.timers,
    );
    q.request('bad');
    t.fire();
    await q.idle();
    q.request('good');
    t.fire();
    await q.idle();
    expect(seen).toEqual(['bad', 'good']);
  });
});
