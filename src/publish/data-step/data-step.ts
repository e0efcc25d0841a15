/**
 * The data step of every build (`npm run data`, `npm run build`, the dev server): read and check
 * data/, derive, check the story and its claims on the new data, and only then replace the
 * generated datasets; then compare with the previous build (change report and copy diff).
 * Returns a structured result, so any command can print it or act on it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildData, type BuildResult } from '../../pipeline/run.ts';
import { readUpdateLog } from '../../pipeline/update-log.ts';
import {
  COPY_FILE,
  diffCopy,
  formatCopyDiff,
  type CopyDiff,
  type CopySnapshot,
} from './copy-diff.ts';
import { verifyStory, type StoryCheck } from './verify.ts';

/** The update log as the pages read it, in the generated folder. */
export const UPDATE_LOG_FILE = 'update-log.json';

export interface DataStepOptions {
  dataDir: string;
  outDir: string;
  now?: Date;
  log?: (line: string) => void;
}

export interface DataStepResult {
  build: BuildResult;
  check: StoryCheck;
  copyDiff: CopyDiff;
  /** The change report then the copy diff, as printed. */
  report: string[];
}

/** The copy stored by the last successful build in outDir, if any. */
export async function readCopy(outDir: string): Promise<CopySnapshot | null> {
  try {
    const copy = JSON.parse(await readFile(join(outDir, COPY_FILE), 'utf8')) as CopySnapshot;
    return copy.version === 1 ? copy : null;
  } catch {
    return null;
  }
}

/**
 * Runs the data step. Throws a DataError (bad data) or a StoryCheckError (a setting or claim the
 * data no longer supports); either way outDir is left exactly as it was.
 */
export async function runDataStep(opts: DataStepOptions): Promise<DataStepResult> {
  const previousCopy = await readCopy(opts.outDir);
  // The update log (data/update-log.csv) is read and checked like a dataset and kept with the
  // generated data for the methodology page.
  const updates = await readUpdateLog(opts.dataDir);
  let check: StoryCheck | undefined;
  const build = await buildData({
    ...opts,
    verify: (output) => {
      const v = verifyStory(output);
      check = v.check;
      return { ...v, files: { ...v.files, [UPDATE_LOG_FILE]: updates } };
    },
  });
  const copyDiff = diffCopy(previousCopy, check!.copy);
  return { build, check: check!, copyDiff, report: [...build.report, ...formatCopyDiff(copyDiff)] };
}
