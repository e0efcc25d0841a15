import { join } from 'node:path';
import type { Columns, RowOf } from './columns.ts';
import type { DatasetSpec } from './datasets.ts';
import { DataError, PROBLEM_CAP, type Problem } from './problems.ts';
import { readCsv, type ReadResult } from './read-csv.ts';

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
  const allRefs = Object.entries(spec.refs ?? {}) as Array<[keyof C & string, 'sources' | 'labs']>;
  // References into the file being read (labs.revealed_as) are checked against its own keys
  // once the whole file is read: the target may come later in the file.
  const refs = allRefs.filter(([, target]) => target !== spec.name);
  const selfRefs = allRefs.filter(([, target]) => target === spec.name);
  const ownIds = new Set<string>();
  const pending: Problem[] = [];
  const expectedRef = (target: 'sources' | 'labs') =>
    target === 'labs' ? `a lab slug listed in data/labs.csv` : `a source id listed in data/sources.csv`;
  const idsOf = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : v == null ? [] : [String(v)]);

  const check = rowCheck(spec, known, refs, keys, expectedRef, idsOf);

  const rowSink =
    selfRefs.length === 0
      ? onRow
      : (row: RowOf<C>, line: number) => {
          ownIds.add(spec.key.map((k) => String(row[k])).join('|'));
          for (const [col, target] of selfRefs) {
            for (const id of idsOf(row[col])) pending.push({ file: display, line, field: col, value: id, expected: expectedRef(target) });
          }
          onRow(row, line);
        };
  const unresolved = () => pending.filter((p) => !ownIds.has(p.value!));
  let result: ReadResult;
  try {
    result = await readCsv({ file: path, label: display, columns: spec.columns, onRow: rowSink, check });
  } catch (e) {
    const more = e instanceof DataError ? unresolved() : [];
    if (more.length === 0) throw e;
    const err = e as DataError;
    const room = Math.max(0, PROBLEM_CAP - err.problems.length);
    throw new DataError([...err.problems, ...more.slice(0, room)], err.truncated + Math.max(0, more.length - room));
  }
  const bad = unresolved();
  if (bad.length > 0) throw new DataError(bad.slice(0, PROBLEM_CAP), Math.max(0, bad.length - PROBLEM_CAP));
  const { rows, bytes, sha256 } = result;
  return { dataset: spec.name, file: display, sha256, bytes, rows };
}

/**
 * The per-row checks of loadDataset: the spec's own check, key order (captures) or key
 * uniqueness, and references to datasets read before. Runs once per row on million-row
 * captures: allocates nothing unless a problem is found, and everything that does not depend
 * on the row (the spec's hooks, the reference columns and their id sets) is looked up once.
 */
export function rowCheck<C extends Columns>(
  spec: DatasetSpec<C>,
  known: KnownIds,
  refs: ReadonlyArray<readonly [keyof C & string, 'sources' | 'labs']>,
  keys: Set<string>,
  expectedRef: (target: 'sources' | 'labs') => string,
  idsOf: (v: unknown) => string[],
): (row: RowOf<C>) => RowProblem[] | undefined {
  const own = spec.check;
  const ordered = spec.ordered;
  const refCols: Array<keyof C & string> = [];
  const refIds: Array<ReadonlySet<string>> = [];
  const refExpected: string[] = [];
  for (const [col, target] of refs) {
    const ids = known[target];
    if (!ids) continue;
    refCols.push(col);
    refIds.push(ids);
    refExpected.push(expectedRef(target));
  }
  const nRefs = refCols.length;
  const keyField = spec.key.join('+');
  let prevTime: string | undefined;
  let prevRank = 0;
  return (row) => {
    let out: RowProblem[] | undefined;
    if (own !== undefined) {
      const p = own(row);
      if (p) out = [p];
    }
    if (ordered !== undefined) {
      const cur = ordered(row);
      const time = cur[0];
      const rank = cur[1];
      if (prevTime !== undefined && (time < prevTime || (time === prevTime && rank <= prevRank))) {
        (out ??= []).push({
          field: keyField, value: `${time} #${rank}`,
          expected: time === prevTime && rank === prevRank
            ? `no duplicate of capture ${prevTime} rank ${prevRank} (each key once)`
            : `rows in capture-time then rank order (after ${prevTime} #${prevRank})`,
        });
      }
      prevTime = time;
      prevRank = rank;
    } else {
      const key = spec.key.map((k) => String(row[k])).join('|');
      if (keys.has(key)) {
        (out ??= []).push({ field: keyField, value: key.replaceAll('|', ', '), expected: `a unique ${spec.key.join(' + ')} (this one appears earlier in the file)` });
      }
      keys.add(key);
    }
    for (let r = 0; r < nRefs; r++) {
      const col = refCols[r]!;
      const ids = refIds[r]!;
      const v = row[col] as unknown;
      if (typeof v === 'string') {
        if (!ids.has(v)) (out ??= []).push({ field: col, value: v, expected: refExpected[r]! });
        continue;
      }
      for (const id of idsOf(v)) {
        if (!ids.has(id)) (out ??= []).push({ field: col, value: id, expected: refExpected[r]! });
      }
    }
    return out;
  };
}

