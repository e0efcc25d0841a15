/**
 * Where an update reads and writes: the live folders (from the same variables as npm run data
 * and npm run build) plus the held folder and the reports folder. Everything else in
 * src/publish/update/ takes these paths rather than reading the environment itself.
 */
import { isAbsolute, join, relative, resolve } from 'node:path';

export interface UpdatePaths {
  root: string;
  /** The live data (DATA_DIR, default data/). */
  dataDir: string;
  /** The live generated datasets (OUT_DIR, default src/data/generated/). */
  outDir: string;
  /** The live site (DIST_DIR, default dist/). */
  distDir: string;
  /** Where a held build is kept (HELD_DIR, default .held/). */
  heldDir: string;
  /** Where reports go (REPORTS_DIR, default reports/). */
  reportsDir: string;
}

/** The folders, from the same variables as npm run data and npm run build, plus HELD_DIR and REPORTS_DIR. */
export function updatePaths(root: string, env: NodeJS.ProcessEnv = process.env): UpdatePaths {
  const abs = (v: string | undefined, d: string) =>
    v ? (isAbsolute(v) ? v : resolve(root, v)) : join(root, d);
  return {
    root,
    dataDir: abs(env.DATA_DIR, 'data'),
    outDir: abs(env.OUT_DIR, join('src', 'data', 'generated')),
    distDir: abs(env.DIST_DIR, 'dist'),
    heldDir: abs(env.HELD_DIR, '.held'),
    reportsDir: abs(env.REPORTS_DIR, 'reports'),
  };
}

/** `p` relative to the project root when it is inside it (for messages), else as given. */
export const rel = (root: string, p: string) => {
  const r = relative(root, p);
  return r && !r.startsWith('..') && !isAbsolute(r) ? r : p;
};
