/**
 * Derived rows of weekly-tokens.csv are back-calculated from a reported row: `derived_from`
 * holds that row's key ("2026-03-09 CN") and `formula` the calculation, "4.69T / (1 + 11.83%)".
 * These checks run once the whole file is read: the source row must still exist, its value must
 * still be the one the formula starts from, and the formula must still give the derived value.
 * A derived row whose input was removed or changed is an error, never a stale number.
 */
import type { Problem } from './problems.ts';
import { formatTokens } from '../lib/format.ts';

type RowProblem = Omit<Problem, 'file'> & { line: number };

/** The columns of a weekly-tokens row these checks read. */
export interface WeeklyRow {
  week_start: string;
  origin: string;
  tokens: number;
  wow_change_pct: number | null;
  status: string;
  formula: string | null;
  derived_from: string | null;
}

/** "2026-03-09 CN": a week_start and an origin, the key of a weekly-tokens row. */
export const DERIVED_FROM = /^(\d{4}-\d{2}-\d{2}) (CN|US|all)$/;

const UNITS: Record<string, number> = { T: 1e12, B: 1e9 };
/** "4.69T / (1 + 11.83%)", "3.294T / (1 − 9.33%)": a value divided by one plus a change. */
const FORMULA = /^\s*(\d+(?:\.\d+)?)([TB])\s*\/\s*\(\s*1\s*([+\-−])\s*(\d+(?:\.\d+)?)\s*%\s*\)/;

export interface ParsedFormula {
  /** The value the formula starts from, in tokens, and how far it may be from the source row
   *  (half a unit in its last written digit). */
  start: number;
  startText: string;
  tolerance: number;
  /** The change divided out, percent (negative for a fall). */
  changePct: number;
}

export function parseFormula(formula: string): ParsedFormula | undefined {
  const m = FORMULA.exec(formula);
  if (!m) return undefined;
  const [, digits, unit, sign, pct] = m as unknown as [string, string, string, string, string];
  const decimals = digits.split('.')[1]?.length ?? 0;
  const scale = UNITS[unit]!;
  return {
    start: Number(digits) * scale,
    startText: `${digits}${unit}`,
    tolerance: (0.5 * scale) / 10 ** decimals,
    changePct: (sign === '+' ? 1 : -1) * Number(pct),
  };
}

/** What the formula gives, rounded as the data stores it (whole tokens). */
export const applyFormula = (f: ParsedFormula, start = f.start): number =>
  start / (1 + f.changePct / 100);

/** Derived values are stored to about a million tokens: allow that, or a millionth of the value. */
const close = (a: number, b: number): boolean =>
  Math.abs(a - b) <= Math.max(1e6, Math.abs(b) * 1e-6);

const key = (r: Pick<WeeklyRow, 'week_start' | 'origin'>) => `${r.week_start} ${r.origin}`;

type Located = { row: WeeklyRow; line: number };

/**
 * Checks every derived row of weekly-tokens.csv against the row it names (all problems, at most
 * one a row): first the link (the row exists, is another row, of the same origin), then the
 * arithmetic of the formula.
 */
export function checkDerivedRows(rows: ReadonlyArray<Located>): RowProblem[] {
  const byKey = new Map(rows.map((r) => [key(r.row), r]));
  const problems: RowProblem[] = [];
  for (const { row, line } of rows) {
    if (row.status !== 'derived' || row.derived_from === null) continue;
    const source = byKey.get(row.derived_from);
    const problem = linkProblem(row, line, source) ?? formulaProblem(row, line, source!);
    if (problem) problems.push(problem);
  }
  return problems;
}

/** The row named by derived_from: present, not the row itself, of the same origin. */
function linkProblem(
  row: WeeklyRow,
  line: number,
  source: Located | undefined,
): RowProblem | undefined {
  const from = row.derived_from!;
  if (!source)
    return {
      line,
      field: 'derived_from',
      value: from,
      expected: `the row this value is calculated from (week_start and origin "${from}"), but data/weekly-tokens.csv has no such row any more: restore that row, or recalculate or remove this derived row`,
    };
  if (source.row === row)
    return {
      line,
      field: 'derived_from',
      value: from,
      expected: 'the key of another row: a derived row cannot be calculated from itself',
    };
  if (source.row.origin !== row.origin)
    return {
      line,
      field: 'derived_from',
      value: from,
      expected: `a row of the same origin (${row.origin}); line ${source.line} is ${source.row.origin}`,
    };
  return undefined;
}

/** The formula starts from the source's current value (and week-on-week change) and gives the tokens stored. */
function formulaProblem(row: WeeklyRow, line: number, source: Located): RowProblem | undefined {
  const from = row.derived_from!;
  const f = parseFormula(row.formula ?? '');
  if (!f) return undefined; // a calculation of another form: the link is checked, the arithmetic is not
  const src = source.row.tokens;
  if (Math.abs(src - f.start) > f.tolerance)
    return {
      line,
      field: 'formula',
      value: row.formula ?? '',
      expected: `a calculation from the current value of ${from} (line ${source.line}): the formula starts from ${f.startText}, but that row now has ${formatTokens(src)} (${src}). Recalculate: ${src} / (1 ${f.changePct < 0 ? '−' : '+'} ${Math.abs(f.changePct)}%) = ${Math.round(applyFormula(f, src))}, and update tokens and formula`,
    };
  if (
    /week-on-week/i.test(row.formula ?? '') &&
    source.row.wow_change_pct !== null &&
    Math.abs(source.row.wow_change_pct - f.changePct) > 1e-9
  )
    return {
      line,
      field: 'formula',
      value: row.formula ?? '',
      expected: `the week-on-week change of ${from} (line ${source.line}), which is now ${source.row.wow_change_pct}%, not ${f.changePct}%: recalculate ${src} / (1 + ${source.row.wow_change_pct}%) = ${Math.round(src / (1 + source.row.wow_change_pct / 100))}`,
    };
  const want = applyFormula(f);
  if (close(row.tokens, want)) return undefined;
  return {
    line,
    column: 4,
    field: 'tokens',
    value: String(row.tokens),
    expected: `what the formula gives, ${f.startText} / (1 ${f.changePct < 0 ? '−' : '+'} ${Math.abs(f.changePct)}%) = ${Math.round(want)} (to the nearest million tokens)`,
  };
}
