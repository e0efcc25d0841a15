/**
 * The one way this project replaces a file it writes into data/, reports/ or a staging folder:
 * write a temp file beside it, then rename it over the target. A rename within one folder is
 * atomic, so a reader (or the next run after a kill) sees the old file or the new one, never half
 * of one. One small helper rather than `write-file-atomic`: we need no ownership or fsync options,
 * every caller is synchronous, and the temp name carries the pid so a stale one is recognisable.
 *
 *   writeFileAtomic('data/update-log.csv', text);
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The temp name for `path` (same folder, so the rename stays on one file system). */
export const tempPathFor = (path: string): string => `${path}.tmp-${process.pid}`;

/** Writes `data` to `path` through a temp file and a rename; the folder is made if missing. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = tempPathFor(path);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
