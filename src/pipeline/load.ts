import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Columns, RowOf } from './columns.ts';
import type { DatasetSpec } from './datasets.ts';
import type { Problem } from './problems.ts';
import { readCsv } from './read-csv.ts';

/** Where a dataset came from: enough to tell whether two builds read the same input. */
export interface Provenance {
  dataset: string;
  file: string;
  /** sha256 of the CSV file's bytes. */
  sha256: string;
  bytes: number;
  rows: number;
}

/** Ids known so far, for reference checks. */
export type KnownIds = Partial<Record<'sources' | 'labs', ReadonlySet<string>>>;

type RowProblem = Omit<Problem, 'file' | 'line'>;

/**
 * Reads one dataset: parses and types every row, then checks its key is unique, its order
 * (for captures) and its references against datasets read before it.
 * Rows go to `onRow`; nothing is kept here, so a million-row capture streams through.
 */
export async function loadDataset<C extends Columns>(
  spec: DatasetSpec<C>,
  dataDir: string,
  known: KnownIds,
  onRow: (row: RowOf<C>, line: number) => void,
): Promise<Provenance> {
  const path = join(dataDir, spec.file);
  const display = join('data', spec.file);
  const keys = new Set<string>();
  let prev: [string, number] | undefined;
  const refs = Object.entries(spec.refs ?? {}) as Array<[keyof C & string, 'sources' | 'labs']>;

  const check = (row: RowOf<C>): RowProblem[] | undefined => {
    const out: RowProblem[] = [];
    const own = spec.check?.(row);
    if (own) out.push(own);
    if (spec.ordered) {
      const cur = spec.ordered(row);
      if (prev && (cur[0] < prev[0] || (cur[0] === prev[0] && cur[1] <= prev[1]))) {
        out.push({
          field: spec.key.join('+'), value: `${cur[0]} #${cur[1]}`,
          expected: cur[0] === prev[0] && cur[1] === prev[1]
            ? `no duplicate of capture ${prev[0]} rank ${prev[1]} (each key once)`
            : `rows in capture-time then rank order (after ${prev[0]} #${prev[1]})`,
        });
      }
      prev = cur;
    } else {
      const key = spec.key.map((k) => String(row[k])).join('|');
      if (keys.has(key)) {
        out.push({ field: spec.key.join('+'), value: key.replaceAll('|', ', '), expected: `a unique ${spec.key.join(' + ')} (this one appears earlier in the file)` });
      }
      keys.add(key);
    }
    for (const [col, target] of refs) {
      const ids = known[target];
      if (!ids) continue;
      const v = row[col] as unknown;
      const list = Array.isArray(v) ? (v as string[]) : v == null ? [] : [String(v)];
      for (const id of list) {
        if (!ids.has(id)) {
          out.push({ field: col, value: id, expected: target === 'labs' ? `a lab slug listed in data/labs.csv` : `a source id listed in data/sources.csv` });
        }
      }
    }
    return out.length > 0 ? out : undefined;
  };

  const { rows, bytes } = await readCsv({ file: path, label: display, columns: spec.columns, onRow, check });
  // Report the path relative to the project in messages; hash after a successful parse.
  const sha256 = createHash('sha256').update(await readFile(path)).digest('hex');
  return { dataset: spec.name, file: display, sha256, bytes, rows };
}
