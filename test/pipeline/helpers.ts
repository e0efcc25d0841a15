/** Shared helpers for the pipeline tests: throwaway copies of the minimal data dir. */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnyDatasetSpec } from '../../src/pipeline/datasets.ts';
import { loadDataset, type KnownIds } from '../../src/pipeline/load.ts';
import { DataError } from '../../src/pipeline/problems.ts';
import { rejection } from '../support/rejection.ts';
import { cleanup, tempDir as sharedTempDir } from '../support/temp-dirs.ts';

export const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/data-min', import.meta.url));

export { cleanup };

/** A fresh temp folder (removed by cleanup()). */
export const tempDir = (prefix = 'pipeline-test-'): string => sharedTempDir(prefix);

/** Copies test/fixtures/data-min into a temp folder and returns the copy's path. */
export function copyFixture(): string {
  const dir = join(tempDir(), 'data');
  cpSync(FIXTURE_DIR, dir, { recursive: true });
  return dir;
}

export function readText(dir: string, file: string): string {
  return readFileSync(join(dir, file), 'utf8');
}

export function writeText(dir: string, file: string, text: string): void {
  writeFileSync(join(dir, file), text);
}

/** Rewrites one file of a data dir. */
export function mutate(dir: string, file: string, fn: (text: string) => string): void {
  writeText(dir, file, fn(readText(dir, file)));
}

/** Replaces exactly one occurrence of `from` (fails loudly when the fixture drifted). */
export function replaceOnce(text: string, from: string, to: string): string {
  const i = text.indexOf(from);
  if (i < 0 || text.indexOf(from, i + 1) >= 0)
    throw new Error(`fixture text not found exactly once: ${from}`);
  return text.slice(0, i) + to + text.slice(i + from.length);
}

/** The ids the fixture defines, as run.ts would pass them on. */
export function fixtureKnown(): KnownIds {
  const col = (file: string) =>
    new Set(
      readFileSync(join(FIXTURE_DIR, file), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[0]!),
    );
  return { sources: col('sources.csv'), labs: col('labs.csv') };
}

/** Loads one dataset, collecting its rows. */
export async function loadRows(
  spec: AnyDatasetSpec,
  dir: string,
  known: KnownIds = fixtureKnown(),
) {
  const rows: Array<{ row: Record<string, unknown>; line: number }> = [];
  const prov = await loadDataset(spec, dir, known, (row, line) => rows.push({ row, line }));
  return { rows, prov };
}

/** Awaits a promise that must reject with a DataError and returns the error. */
export const dataError = (p: Promise<unknown>): Promise<DataError> => rejection(p, DataError);

/** Loads a dataset that must fail and returns its DataError. */
export function loadError(
  spec: AnyDatasetSpec,
  dir: string,
  known: KnownIds = fixtureKnown(),
): Promise<DataError> {
  return dataError(loadDataset(spec, dir, known, () => {}));
}
