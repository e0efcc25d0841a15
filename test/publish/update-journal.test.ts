/**
 * The parts of the update's publish that make it all or nothing (src/publish/update/journal.ts,
 * lock.ts), on small folders: a publish stopped at each of its named points (as a kill would
 * stop it: nothing after that point runs, not even cleanup) leaves either the old trees or a
 * journal, and recover() then brings all three trees to the new state; a dead process's lock
 * is taken over, a live one's is not; temporary folders of dead runs are swept.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  applyJournal,
  recover,
  sweepStale,
  writeJournal,
  type CrashPoint,
} from '../../src/publish/update/journal.ts';
import { holderAlive, lock, processStart } from '../../src/publish/update/lock.ts';

const made: string[] = [];
afterAll(() => made.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const TREES = ['data', 'generated', 'dist'] as const;

/** Live trees at version "old", staged trees at "new". */
function project() {
  const dir = mkdtempSync(join(tmpdir(), 'journal-'));
  made.push(dir);
  const staging = join(dir, '.held.tmp-1');
  for (const t of TREES) {
    mkdirSync(join(dir, t));
    writeFileSync(join(dir, t, 'version'), 'old');
    mkdirSync(join(staging, t), { recursive: true });
    writeFileSync(join(staging, t, 'version'), 'new');
  }
  const journal = join(dir, '.held.journal.json');
  const moves = TREES.map((t) => ({ from: join(staging, t), to: join(dir, t) }));
  return { dir, staging, journal, moves };
}

const versions = (dir: string) =>
  TREES.map((t) =>
    existsSync(join(dir, t, 'version')) ? readFileSync(join(dir, t, 'version'), 'utf8') : 'missing',
  );

class Killed extends Error {}
const POINTS: CrashPoint[] = [
  'journal-written',
  'moved:0',
  'moved:1',
  'moved:2',
  'moves-done',
  'removed',
];

describe('a publish killed at each step', () => {
  it('before the journal is written: the old trees, whole; nothing to recover', async () => {
    const p = project();
    expect(versions(p.dir)).toEqual(['old', 'old', 'old']);
    expect(await recover(p.journal)).toBeNull();
    expect(versions(p.dir)).toEqual(['old', 'old', 'old']);
  });

  for (const point of POINTS) {
    it(`at ${point}: a journal names what is left, and the next run's recover() finishes it`, async () => {
      const p = project();
      writeJournal(p.journal, p.moves, [p.staging], new Date(0));
      await expect(
        applyJournal(p.journal, (at) => {
          if (at === point) throw new Killed(at);
        }),
      ).rejects.toBeInstanceOf(Killed);
      // afterwards: each tree is whole (old or new, never missing), and the journal says the
      // publish is not finished
      for (const v of versions(p.dir)) expect(['old', 'new']).toContain(v);
      expect(existsSync(p.journal)).toBe(true);
      // the next run
      await recover(p.journal);
      expect(versions(p.dir)).toEqual(['new', 'new', 'new']);
      expect(existsSync(p.journal)).toBe(false);
      expect(existsSync(p.staging)).toBe(false);
      // and a second recover changes nothing
      expect(await recover(p.journal)).toBeNull();
      expect(versions(p.dir)).toEqual(['new', 'new', 'new']);
    });
  }

  it('a kill inside a swap (live folder renamed aside, new one not yet in): finished, the aside folder swept', async () => {
    const p = project();
    writeJournal(p.journal, p.moves, [p.staging], new Date(0));
    // what swapIn leaves when killed between its two renames
    const { renameSync } = await import('node:fs');
    renameSync(join(p.dir, 'data'), join(p.dir, 'data.old-999999'));
    expect(versions(p.dir)[0]).toBe('missing');
    await recover(p.journal);
    expect(versions(p.dir)).toEqual(['new', 'new', 'new']);
    expect(sweepStale(TREES.map((t) => join(p.dir, t)))).toEqual([join(p.dir, 'data.old-999999')]);
    expect(existsSync(join(p.dir, 'data.old-999999'))).toBe(false);
  });
});

describe('stale temporary folders', () => {
  it('removes a dead run’s data.old-PID and .held.tmp-PID, keeps a live run’s and unrelated folders', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sweep-'));
    made.push(dir);
    for (const n of [
      'data',
      'data.old-999998',
      '.held.tmp-999997',
      `.held.tmp-${process.pid}`,
      'data-notes',
    ])
      mkdirSync(join(dir, n));
    const removed = sweepStale([join(dir, 'data'), join(dir, '.held')]);
    expect(removed.sort()).toEqual([join(dir, '.held.tmp-999997'), join(dir, 'data.old-999998')]);
    expect(existsSync(join(dir, `.held.tmp-${process.pid}`))).toBe(true);
    expect(existsSync(join(dir, 'data-notes'))).toBe(true);
  });
});

describe('the update lock', () => {
  const lockFile = () => {
    const dir = mkdtempSync(join(tmpdir(), 'lock-'));
    made.push(dir);
    return join(dir, '.held.lock');
  };

  it('is refused while a live run holds it, and free again when released', () => {
    const path = lockFile();
    const release = lock(path);
    expect(() => lock(path)).toThrow(/Another update \(process \d+\) is running/);
    release();
    lock(path)();
  });

  it('a dead process’s lock is taken over', async () => {
    const path = lockFile();
    const child = spawn(process.execPath, ['-e', '0']);
    const pid = child.pid!;
    await new Promise((r) => child.on('exit', r));
    writeFileSync(path, JSON.stringify({ pid, started: '123' }));
    expect(holderAlive({ pid, started: '123' })).toBe(false);
    lock(path)();
  });

  it('a lock whose pid now belongs to another process (another start time) is taken over', () => {
    const path = lockFile();
    expect(processStart(process.pid)).toMatch(/^\d+$/);
    writeFileSync(path, JSON.stringify({ pid: process.pid, started: '1' }));
    expect(holderAlive({ pid: process.pid, started: '1' })).toBe(false);
    lock(path)();
  });

  it('a half-written lock file (a holder killed while writing it) is taken over', () => {
    const path = lockFile();
    writeFileSync(path, '{"pid": 12');
    lock(path)();
  });
});
