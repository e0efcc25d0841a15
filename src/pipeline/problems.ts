/** One thing wrong with an input file, located precisely enough to fix it in an editor. */
export interface Problem {
  /** Path of the file, relative to the project root. */
  file: string;
  /** 1-based physical line in the file where the row starts; absent for whole-file problems. */
  line?: number;
  /** 1-based column (field position in the row). */
  column?: number;
  /** Header name of the field. */
  field?: string;
  /** The offending value as read (truncated for display). */
  value?: string;
  /** What was expected instead, in plain words. */
  expected: string;
}

/** The most problems kept per file: enough to fix a systematic error, short enough to read. */
export const PROBLEM_CAP = 50;

export function formatProblem(p: Problem): string {
  const where = [p.file, p.line, p.column].filter((x) => x !== undefined).join(':');
  const field = p.field !== undefined ? ` column "${p.field}"` : '';
  const value = p.value !== undefined ? ` got ${JSON.stringify(shorten(p.value))};` : '';
  return `${where}:${field}${value} expected ${p.expected}`;
}

function shorten(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** Thrown when input data is invalid; carries every problem found (capped per file). */
export class DataError extends Error {
  readonly problems: Problem[];
  readonly truncated: number;
  constructor(problems: Problem[], truncated = 0) {
    const lines = problems.map(formatProblem);
    if (truncated > 0) lines.push(`... and ${truncated} more problems not shown`);
    super(`${problems.length + truncated} data problem(s):\n${lines.join('\n')}`);
    this.name = 'DataError';
    this.problems = problems;
    this.truncated = truncated;
  }
}

/** Collects problems for one file, keeping at most PROBLEM_CAP and counting the rest. */
export class ProblemList {
  readonly items: Problem[] = [];
  dropped = 0;
  add(p: Problem): void {
    if (this.items.length < PROBLEM_CAP) this.items.push(p);
    else this.dropped++;
  }
  get count(): number {
    return this.items.length + this.dropped;
  }
}
