/** Shared helpers for the import tests: temporary data folders and their fingerprints. */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ImportError } from '../../src/import/problems.ts';
import { filesUnder } from '../../src/import/raw-store.ts';
import { rejection } from '../support/rejection.ts';
import { cleanup, tempDir as sharedTempDir } from '../support/temp-dirs.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DATA = join(ROOT, 'data');
export const API_RAW = join(DATA, 'raw/openrouter-data-api/rankings-daily');
export const PAGE_RAW = join(DATA, 'raw/openrouter-rankings-page');

export { cleanup };

export const tempDir = (prefix = 'import-test-'): string => sharedTempDir(prefix);

/**
 * A data folder holding only what an import reads besides its inputs: the reference datasets
 * (sources, labs). Every dataset an import writes starts absent.
 */
export function emptyDataDir(): string {
  const dir = join(tempDir(), 'data');
  mkdirSync(dir, { recursive: true });
  for (const f of ['sources.csv', 'labs.csv']) copyFileSync(join(DATA, f), join(dir, f));
  return dir;
}

/** Copies files (absolute) into a folder outside any data dir; returns the copies' paths. */
export function outside(files: readonly string[], names?: readonly string[]): string[] {
  const dir = tempDir('import-downloads-');
  return files.map((f, i) => {
    const to = join(dir, names?.[i] ?? `download-${i}.json`);
    copyFileSync(f, to);
    return to;
  });
}

/** Writes a file (creating folders) and returns its path. */
export function write(path: string, text: string | Buffer): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** sha256 of every file under dir, by path relative to dir. */
export function fingerprint(dir: string): Record<string, string> {
  return Object.fromEntries(
    filesUnder(dir).map((f) => [
      relative(dir, f),
      createHash('sha256').update(readFileSync(f)).digest('hex'),
    ]),
  );
}

export const readJsonFile = (f: string): Record<string, unknown> =>
  JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>;

/** Awaits an import that must fail and returns its ImportError. */
export const importError = (p: Promise<unknown>): Promise<ImportError> => rejection(p, ImportError);
