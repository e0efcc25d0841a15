/**
 * The per-row checks of a dataset beyond its column types: the spec's own cross-field check,
 * key order (captures) or key uniqueness, and references to datasets read before it.
 */
import type { Columns, RowOf } from './columns.ts';
import type { DatasetSpec } from './datasets.ts';
import type { Problem } from './problems.ts';

/** Ids known so far, for reference checks; `originals` maps a repost or an aggregator (a source
 *  id) to the original it copies, when the original is listed too. */
export type KnownIds = Partial<Record<'sources' | 'labs', ReadonlySet<string>>> & {
  originals?: ReadonlyMap<string, string>;
};

export type RowProblem = Omit<Problem, 'file' | 'line'>;
type Target = 'sources' | 'labs';

export const expectedRef = (target: Target): string =>
  target === 'labs'
    ? 'a lab slug listed in data/labs.csv'
    : 'a source id listed in data/sources.csv';

/** The ids a reference cell holds: a list column gives several, a plain one at most one. */
export const idsOf = (v: unknown): string[] =>
  Array.isArray(v) ? (v as string[]) : v == null ? [] : [String(v)];

/** The spec's reference columns, split into those to other datasets and those to itself. */
export function refsOf<C extends Columns>(
  spec: DatasetSpec<C>,
): {
  others: Array<[keyof C & string, Target]>;
  own: Array<[keyof C & string, Target]>;
} {
  const all = Object.entries(spec.refs ?? {}) as Array<[keyof C & string, Target]>;
  return {
    others: all.filter(([, t]) => t !== spec.name),
    own: all.filter(([, t]) => t === spec.name),
  };
}

/**
 * Builds the row check. Runs once per row on million-row captures: allocates nothing unless a
 * problem is found, and everything that does not depend on the row (the spec's hooks, the
 * reference columns and their id sets) is looked up once. References to the dataset itself
 * are left to the caller (their targets may come later in the file). Named steps: the reference
 * columns, the full problem list of a failing row, the citation rule, then one of two checks
 * (unique keys for reference tables; capture order on a fast path for captures).
 */
export function rowCheck<C extends Columns>(
  spec: DatasetSpec<C>,
  known: KnownIds,
): (row: RowOf<C>) => RowProblem[] | undefined {
  const refs = referenceColumns(spec, known);
  const problemsOf = rowProblems(spec, refs);
  if (spec.ordered === undefined)
    return uniqueKeyCheck(spec, problemsOf, citationCheck(refs, known.originals));
  return captureOrderCheck(spec, refs, problemsOf);
}

/** The columns that refer to datasets read before this one, with their id sets, looked up once. */
interface ReferenceColumns<C extends Columns> {
  cols: Array<keyof C & string>;
  ids: Array<ReadonlySet<string>>;
  expected: string[];
}

function referenceColumns<C extends Columns>(
  spec: DatasetSpec<C>,
  known: KnownIds,
): ReferenceColumns<C> {
  const refs: ReferenceColumns<C> = { cols: [], ids: [], expected: [] };
  for (const [col, target] of refsOf(spec).others) {
    const ids = known[target];
    if (!ids) continue;
    refs.cols.push(col);
    refs.ids.push(ids);
    refs.expected.push(expectedRef(target));
  }
  return refs;
}

type ProblemsOf<C extends Columns> = (
  row: RowOf<C>,
  prevTime: string | undefined,
  prevRank: number,
) => RowProblem[];

/** Every problem of a row that failed the fast path (prevTime: the row before, if any). */
function rowProblems<C extends Columns>(
  spec: DatasetSpec<C>,
  { cols, ids, expected }: ReferenceColumns<C>,
): ProblemsOf<C> {
  const own = spec.check;
  const keyField = spec.key.join('+');
  const timeCol = spec.ordered?.time;
  const rankCol = spec.ordered?.rank ?? '';
  return (row, prevTime, prevRank) => {
    const out: RowProblem[] = [];
    const p = own?.(row);
    if (p) out.push(p);
    if (timeCol !== undefined) {
      const time = row[timeCol] as string;
      const rank = row[rankCol] as number;
      if (prevTime !== undefined && (time === prevTime ? rank <= prevRank : time < prevTime)) {
        out.push({
          field: keyField,
          value: `${time} #${rank}`,
          expected:
            time === prevTime && rank === prevRank
              ? `no duplicate of capture ${prevTime} rank ${prevRank} (each key once)`
              : `rows in capture-time then rank order (after ${prevTime} #${prevRank})`,
        });
      }
    }
    for (let r = 0; r < cols.length; r++) {
      const col = cols[r]!;
      for (const id of idsOf(row[col])) {
        if (!ids[r]!.has(id)) out.push({ field: col, value: id, expected: expected[r]! });
      }
    }
    return out;
  };
}

/** A row that cites a repost or an aggregator must cite the original too, when it is listed. */
function citationCheck<C extends Columns>(
  refs: ReferenceColumns<C>,
  originals: KnownIds['originals'],
): (row: RowOf<C>, out: RowProblem[]) => void {
  const sourceCols = refs.cols.filter((_, r) => refs.expected[r] === expectedRef('sources'));
  return (row, out) => {
    if (!originals) return;
    for (const col of sourceCols) {
      const ids = idsOf(row[col]);
      for (const id of ids) {
        const original = originals.get(id);
        if (original !== undefined && !ids.includes(original)) {
          out.push({
            field: col,
            value: id,
            expected: `the original "${original}" cited too (or instead): "${id}" is a copy of it, and sources.csv lists the original`,
          });
        }
      }
    }
  };
}

/** Reference tables: small files, keys kept in a set; a repeated key is named first after the spec's own problem. */
function uniqueKeyCheck<C extends Columns>(
  spec: DatasetSpec<C>,
  problemsOf: ProblemsOf<C>,
  citationProblems: (row: RowOf<C>, out: RowProblem[]) => void,
): (row: RowOf<C>) => RowProblem[] | undefined {
  const own = spec.check;
  const keyField = spec.key.join('+');
  const keys = new Set<string>();
  return (row) => {
    const key = spec.key.map((k) => String(row[k])).join('|');
    const dup = keys.has(key);
    keys.add(key);
    const out = problemsOf(row, undefined, 0);
    citationProblems(row, out);
    if (dup) {
      out.splice(own?.(row) ? 1 : 0, 0, {
        field: keyField,
        value: key.replaceAll('|', ', '),
        expected: `a unique ${spec.key.join(' + ')} (this one appears earlier in the file)`,
      });
    }
    return out.length > 0 ? out : undefined;
  };
}

/**
 * Captures: the fast path decides pass/fail without allocating; a failing row is re-checked by
 * problemsOf to say why. The first reference column is checked inline (captures have exactly one).
 */
function captureOrderCheck<C extends Columns>(
  spec: DatasetSpec<C>,
  { cols: refCols, ids: refIds }: ReferenceColumns<C>,
  problemsOf: ProblemsOf<C>,
): (row: RowOf<C>) => RowProblem[] | undefined {
  const own = spec.check;
  const timeCol = spec.ordered!.time;
  const rankCol = spec.ordered!.rank ?? '';
  const nRefs = refCols.length;
  const ref0 = refCols[0];
  const ids0 = refIds[0];
  let prevTime: string | undefined;
  let prevRank = 0;
  return (row) => {
    const time = row[timeCol] as string;
    const rank = row[rankCol] as number;
    const pt = prevTime;
    const pr = prevRank;
    prevTime = time;
    prevRank = rank;
    // A capture's rows share one time string (the column parser returns the same object for a
    // repeated cell), so === settles them before any character is compared.
    let ok = pt === undefined || (time === pt ? rank > pr : time > pt);
    if (ok && own !== undefined) ok = own(row) === undefined;
    if (ok && ref0 !== undefined) {
      const v = row[ref0] as unknown;
      ok =
        typeof v === 'string' ? ids0!.has(v) : v === null || idsOf(v).every((id) => ids0!.has(id));
      for (let r = 1; ok && r < nRefs; r++)
        ok = idsOf(row[refCols[r]!]).every((id) => refIds[r]!.has(id));
    }
    return ok ? undefined : problemsOf(row, pt, pr);
  };
}

/**
 * Rows dated after the build's day, in the spec's `notAfterBuild` columns: each a problem with
 * its line, its column (1-based, the schema's order, which the header must follow), the value
 * and the last day allowed. `buildDay` is YYYY-MM-DD (UTC).
 */
export function futureRows<C extends Columns>(
  spec: DatasetSpec<C>,
  rows: ReadonlyArray<{ row: RowOf<C>; line: number }>,
  buildDay: string,
): Array<Omit<Problem, 'file'> & { line: number }> {
  const cols = spec.notAfterBuild ?? [];
  const names = Object.keys(spec.columns);
  const out: Array<Omit<Problem, 'file'> & { line: number }> = [];
  for (const { row, line } of rows) {
    for (const col of cols) {
      const v = row[col] as unknown;
      if (typeof v !== 'string' || v <= buildDay) continue;
      out.push({
        line,
        column: names.indexOf(col) + 1,
        field: col,
        value: v,
        expected: `a day on or before the day of this build, ${buildDay} (a figure cannot be reported for days that have not happened yet; is the year or the month wrong?)`,
      });
      break; // one problem per row: the end follows from the start
    }
  }
  return out;
}
