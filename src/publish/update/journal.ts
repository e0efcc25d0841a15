/**
 * The all-or-nothing publish. data/, src/data/generated/ and dist/ are three folders, so no single
 * rename can replace them together. Instead: every new tree is complete in staging first; then a
 * journal listing the moves (staged folder -> live folder) is written atomically; then each move
 * is made by renames; then the journal is removed. A kill at any instant leaves either no journal
 * (nothing moved, or everything did) or a journal whose remaining moves are still staged, which
 * the next run finishes before doing anything else (recover()). Rolling forward is always
 * possible, because a staged tree is complete before the journal names it.
 *
 * Stale temporary folders (a .tmp-/.old-/.publish- sibling left by a killed run) are removed
 * by sweepStale() under the lock.
 *
 *   writeJournal(j, moves); await applyJournal(j); // publish
 *   await recover(j);                              // at the start of every run
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from '../../lib/atomic-write.ts';
import { swapIn } from '../site/site-build.ts';
import { holderAlive } from './lock.ts';

export interface Move {
  /** The complete staged tree. */
  from: string;
  /** The live folder it replaces. */
  to: string;
}

interface Journal {
  version: 1;
  startedAt: string;
  moves: Move[];
  /** Folders to remove once every move is made (the staging folder, a superseded held build). */
  remove: string[];
}

/** Named points of a publish, where a test can stop it as a kill would. */
export type CrashPoint = 'journal-written' | `moved:${number}` | 'moves-done' | 'removed';

/** Records what a publish will do; from here on the publish is finished even across a kill. */
export function writeJournal(path: string, moves: Move[], remove: string[], now: Date): void {
  const j: Journal = { version: 1, startedAt: now.toISOString(), moves, remove };
  writeFileAtomic(path, `${JSON.stringify(j, null, 2)}\n`);
}

/**
 * Makes the journal's remaining moves, removes what it says, then the journal. Idempotent: a
 * move whose staged tree is gone was made already.
 */
export async function applyJournal(
  path: string,
  crash: (p: CrashPoint) => void = () => {},
): Promise<Move[]> {
  const j = JSON.parse(readFileSync(path, 'utf8')) as Journal;
  crash('journal-written');
  const made: Move[] = [];
  for (const [i, m] of j.moves.entries()) {
    if (existsSync(m.from)) {
      await swapIn(m.from, m.to);
      made.push(m);
    }
    crash(`moved:${i}`);
  }
  crash('moves-done');
  for (const r of j.remove) rmSync(r, { recursive: true, force: true });
  crash('removed');
  rmSync(path, { force: true });
  return made;
}

/** Finishes a publish a kill interrupted; returns the moves it made (none when there was none). */
export async function recover(path: string): Promise<Move[] | null> {
  if (!existsSync(path)) return null;
  return applyJournal(path);
}

/** A sibling left by a process: `<name>.<tag>-<pid>` (a tag such as tmp, old, publish). */
const LEFT = /^(.*)\.(tmp|old|publish|stale)-(\d+)$/;

/**
 * Removes the temporary siblings of `folders` that a dead process left (name.tmp-PID,
 * name.old-PID, name.publish-PID). Call under the update lock, after recover().
 */
export function sweepStale(folders: readonly string[]): string[] {
  const removed: string[] = [];
  for (const f of folders) {
    const dir = dirname(f);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      const m = LEFT.exec(name);
      if (!m || m[1] !== basename(f)) continue;
      const pid = Number(m[3]);
      if (pid === process.pid || holderAlive({ pid, started: null })) continue;
      rmSync(join(dir, name), { recursive: true, force: true });
      removed.push(join(dir, name));
    }
  }
  return removed;
}
