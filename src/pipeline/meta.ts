import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AnyDatasetSpec } from './datasets.ts';
import { DataError, type Problem } from './problems.ts';

/** A dataset's metadata file (data/<name>.meta.json): what it is, its units and sources. */
export interface DatasetMeta {
  title: string;
  description: string;
  licence: string;
  source_ids: string[];
  columns: Record<string, { type: string; unit: string | null; description: string }>;
}

/** Reads and checks a dataset's metadata: required keys, and one entry per CSV column. */
export async function loadMeta(
  spec: AnyDatasetSpec,
  dataDir: string,
  sourceIds: ReadonlySet<string>,
): Promise<DatasetMeta> {
  const rel = spec.file.replace(/\.csv$/, '.meta.json');
  const file = join('data', rel);
  let text: string;
  try {
    text = await readFile(join(dataDir, rel), 'utf8');
  } catch {
    throw new DataError([
      {
        file,
        expected: `a metadata file beside ${spec.file} (title, description, licence, source_ids, columns)`,
      },
    ]);
  }
  let meta: DatasetMeta;
  try {
    meta = JSON.parse(text) as DatasetMeta;
  } catch (e) {
    throw new DataError([{ file, expected: `valid JSON (${(e as Error).message})` }]);
  }
  const problems: Problem[] = [];
  for (const k of ['title', 'description', 'licence'] as const) {
    if (typeof meta[k] !== 'string' || meta[k].trim() === '')
      problems.push({ file, field: k, expected: 'a non-empty string' });
  }
  if (!Array.isArray(meta.source_ids))
    problems.push({ file, field: 'source_ids', expected: 'an array of source ids' });
  else
    for (const id of meta.source_ids)
      if (!sourceIds.has(id))
        problems.push({
          file,
          field: 'source_ids',
          value: String(id),
          expected: 'a source id listed in data/sources.csv',
        });
  const want = Object.keys(spec.columns);
  const have = Object.keys(meta.columns ?? {});
  for (const c of want)
    if (!have.includes(c))
      problems.push({
        file,
        field: `columns.${c}`,
        expected: `a description of column "${c}" (type, unit, description)`,
      });
  for (const c of have)
    if (!want.includes(c))
      problems.push({
        file,
        field: `columns.${c}`,
        expected: `no entry for "${c}": the CSV has no such column`,
      });
  if (problems.length > 0) throw new DataError(problems);
  return meta;
}
