/**
 * `npm run build`'s site step: Astro builds into a fresh sibling of dist/ and only a complete
 * build is swapped in, so a failed build (a page that throws, say) leaves the last good site.
 */
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Replaces `dest` with `fresh` by renames (dest's parent must hold both); removes the old one. */
export async function swapIn(fresh: string, dest: string): Promise<void> {
  const old = `${dest}.old-${process.pid}`;
  await rm(old, { recursive: true, force: true });
  await mkdir(dirname(dest), { recursive: true });
  const had = existsSync(dest);
  if (had) await rename(dest, old);
  try {
    await rename(fresh, dest);
  } catch (e) {
    if (had) await rename(old, dest);
    throw e;
  }
  if (had) await rm(old, { recursive: true, force: true });
}

export interface SiteBuildOptions {
  /** The project root (astro.config.mjs). */
  root: string;
  /** Where the site goes (dist/ unless DIST_DIR says otherwise). */
  distDir: string;
  /** Runs the build into the given folder (astro build; injectable for tests). */
  build: (outDir: string) => Promise<void>;
}

/** Builds into `${distDir}.tmp-<pid>` and swaps it in; on any failure removes it and rethrows. */
export async function buildSite(opts: SiteBuildOptions): Promise<void> {
  const tmp = `${opts.distDir}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  try {
    await opts.build(tmp);
    if (!existsSync(`${tmp}/index.html`))
      throw new Error(`the build wrote no index.html into ${tmp}`);
    await swapIn(tmp, opts.distDir);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
