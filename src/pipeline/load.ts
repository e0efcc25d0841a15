import { join } from 'node:path';
import { expectedRef, idsOf, refsOf, rowCheck, type KnownIds } from './checks.ts';
import type { Columns, RowOf } from './columns.ts';
import type { DatasetSpec } from './datasets.ts';
import { DataError, PROBLEM_CAP, type Problem } from './problems.ts';
import { readCsv, type ReadResult } from './read-csv.ts';

export type { KnownIds } from './checks.ts';

/** Where a dataset came from: enough to tell whether two builds read the same input. */
export interface Provenance {
  dataset: string;
  file: string;
  /** sha256 of the CSV file's bytes. */
  sha256: string;
  bytes: number;
  rows: number;
}

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
  // References into the file being read (labs.revealed_as) are checked against its own keys
  // once the whole file is read: the target may come later in the file.
  const selfRefs = refsOf(spec).own;
  const ownIds = new Set<string>();
  const pending: Problem[] = [];

  const rowSink =
    selfRefs.length === 0
      ? onRow
      : (row: RowOf<C>, line: number) => {
          ownIds.add(spec.key.map((k) => String(row[k])).join('|'));
          for (const [col, target] of selfRefs) {
            for (const id of idsOf(row[col]))
              pending.push({
                file: display,
                line,
                field: col,
                value: id,
                expected: expectedRef(target),
              });
          }
          onRow(row, line);
        };
  const unresolved = () => pending.filter((p) => !ownIds.has(p.value!));
  let result: ReadResult;
  try {
    result = await readCsv({
      file: path,
      label: display,
      columns: spec.columns,
      onRow: rowSink,
      check: rowCheck(spec, known),
      allowEmpty: spec.allowEmpty,
    });
  } catch (e) {
    const more = e instanceof DataError ? unresolved() : [];
    if (more.length === 0) throw e;
    const err = e as DataError;
    const room = Math.max(0, PROBLEM_CAP - err.problems.length);
    throw new DataError(
      [...err.problems, ...more.slice(0, room)],
      err.truncated + Math.max(0, more.length - room),
    );
  }
  const bad = unresolved();
  if (bad.length > 0)
    throw new DataError(bad.slice(0, PROBLEM_CAP), Math.max(0, bad.length - PROBLEM_CAP));
  const { rows, bytes, sha256 } = result;
  return { dataset: spec.name, file: display, sha256, bytes, rows };
}
