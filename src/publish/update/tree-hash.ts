/**
 * A folder's exact state as one sha256 (paths and bytes, in path order): an update records the
 * hash of data/ when it starts and publishes only onto that same data, so a change made while
 * it ran (or since a build was held) is never overwritten.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, type Dirent } from 'node:fs';
import { join } from 'node:path';

/** sha256 of every file under dir (paths and bytes, in path order): the folder's exact state. */
export function treeHash(dir: string): string {
  const h = createHash('sha256');
  const walk = (d: string, rel: string) => {
    if (!existsSync(d)) return;
    for (const e of readdirSorted(d)) {
      const p = join(d, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p, r);
      else h.update(`${r}\0${createHash('sha256').update(readFileSync(p)).digest('hex')}\0`);
    }
  };
  walk(dir, '');
  return h.digest('hex');
}

function readdirSorted(d: string): Dirent[] {
  return readdirSync(d, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
}
