/**
 * One update at a time: a lock file beside the held folder naming its holder by pid AND the
 * process's start time (from /proc, where there is one). A pid alone is not enough: after a
 * crash and a reboot (or a busy CI runner) the dead holder's pid can belong to a new, live
 * process, and the lock would then never be released. A holder that is not alive, or whose pid
 * now belongs to a process started at another time, is dead: its lock is taken over.
 *
 *   const unlock = lock('.held.lock'); try { … } finally { unlock(); }
 */
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';

export interface LockHolder {
  pid: number;
  /** Field 22 of /proc/<pid>/stat (clock ticks since boot), or null off Linux. */
  started: string | null;
}

/** The start time of a process, or null when it is not known (no /proc, or no such process). */
export function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from its closing one.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** Whether the holder named in a lock file is still the live process that wrote it. */
export function holderAlive(h: LockHolder): boolean {
  if (!Number.isInteger(h.pid) || h.pid <= 0) return false;
  try {
    process.kill(h.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = processStart(h.pid);
  return h.started === null || now === null || now === h.started;
}

export class LockBusy extends Error {
  readonly holder: LockHolder;
  constructor(holder: LockHolder) {
    super(
      `Another update (process ${holder.pid}) is running; nothing was done. Run again when it has finished.`,
    );
    this.holder = holder;
  }
}

function readHolder(path: string): LockHolder | null {
  try {
    const text = readFileSync(path, 'utf8');
    if (/^\d+$/.test(text.trim())) return { pid: Number(text), started: null }; // older format
    const h = JSON.parse(text) as LockHolder;
    return { pid: Number(h.pid), started: h.started ?? null };
  } catch {
    return null; // gone meanwhile, or half-written by a holder that died: treated as dead
  }
}

/** Takes the lock or throws LockBusy; returns the release. */
export function lock(
  path: string,
  self: LockHolder = { pid: process.pid, started: processStart(process.pid) },
): () => void {
  mkdirSync(dirname(path), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify(self));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = readHolder(path);
    if (holder && holderAlive(holder)) throw new LockBusy(holder);
    // Dead holder. Move its lock aside by rename (atomic: of two runs taking over, one wins the
    // rename and the other finds the lock gone or retaken), then try again.
    const aside = `${path}.stale-${process.pid}`;
    try {
      renameSync(path, aside);
      rmSync(aside, { force: true });
    } catch {
      // another run took it over first
    }
  }
  throw new LockBusy(readHolder(path) ?? { pid: 0, started: null });
}
