/**
 * Problems with input files, located precisely enough to fix them in an editor, for both kinds
 * of input: dataset CSVs (Problem, DataError; the field is a CSV column) and raw JSON downloads
 * for the import (ImportProblem, ImportError; the field is a JSON path such as
 * data[3].total_tokens). One module, so that both print, cap and throw alike;
 * src/import/problems.ts re-exports the import's part.
 */

/** Where a problem is and what was wrong: the part CSV and JSON problems share. */
interface Located {
  /** Path of the file, relative to the project root (or as the editor gave it). */
  file: string;
  /** 1-based line (a CSV row's first physical line; a JSON syntax error's line), where known. */
  line?: number;
  /** 1-based column (a CSV field's position; a JSON syntax error's column), where known. */
  column?: number;
  /** The offending value as read (shortened for display). */
  value?: string;
  /** What was expected instead, in plain words. */
  expected: string;
}

/** One thing wrong with a dataset CSV. */
export interface Problem extends Located {
  /** Header name of the field. */
  field?: string;
}

/** One thing wrong with a raw input file (a JSON download). */
export interface ImportProblem extends Located {
  /** The JSON path of the field, e.g. data[12].total_tokens or meta.fetched_at. */
  field?: string;
}

/** The most problems kept per file: enough to fix a systematic error, short enough to read. */
export const PROBLEM_CAP = 50;
/** The most problems reported per raw file. */
export const IMPORT_PROBLEM_CAP = 20;

const shorten = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 3)}...` : s);

/** "file:line:column: <what> "<field>" got <value>; expected <expected>". */
function formatLocated(p: Located & { field?: string }, what: string, value: string | undefined) {
  const where = [p.file, p.line, p.column].filter((x) => x !== undefined).join(':');
  const field = p.field !== undefined ? ` ${what} "${p.field}"` : '';
  return `${where}:${field}${value !== undefined ? ` got ${value};` : ''} expected ${p.expected}`;
}

export const formatProblem = (p: Problem): string =>
  formatLocated(
    p,
    'column',
    p.value === undefined ? undefined : JSON.stringify(shorten(p.value, 60)),
  );

export const formatImportProblem = (p: ImportProblem): string =>
  formatLocated(p, 'field', p.value === undefined ? undefined : shorten(p.value, 80));

/** An error that carries every problem found, listed one a line, with a count of those left out. */
class ProblemsError<P> extends Error {
  readonly problems: P[];
  constructor(kind: string, problems: P[], more: number, format: (p: P) => string) {
    const lines = problems.map(format);
    if (more > 0) lines.push(`... and ${more} more problems not shown`);
    super(`${problems.length + more} ${kind} problem(s):\n${lines.join('\n')}`);
    this.problems = problems;
  }
}

/** Thrown when input data is invalid; carries every problem found (capped per file). */
export class DataError extends ProblemsError<Problem> {
  readonly truncated: number;
  constructor(problems: Problem[], truncated = 0) {
    super('data', problems, truncated, formatProblem);
    this.name = 'DataError';
    this.truncated = truncated;
  }
}

/** Thrown when an import cannot go ahead; data/ is left exactly as it was. */
export class ImportError extends ProblemsError<ImportProblem> {
  constructor(problems: ImportProblem[], more = 0) {
    super('import', problems, more, formatImportProblem);
    this.name = 'ImportError';
  }
}

/** Keeps at most `cap` items and counts the rest. */
class Capped<P> {
  readonly items: P[] = [];
  dropped = 0;
  private readonly cap: number;
  constructor(cap: number) {
    this.cap = cap;
  }
  protected keep(p: P): void {
    if (this.items.length < this.cap) this.items.push(p);
    else this.dropped++;
  }
  get count(): number {
    return this.items.length + this.dropped;
  }
}

/** Collects problems for one CSV file, keeping at most PROBLEM_CAP and counting the rest. */
export class ProblemList extends Capped<Problem> {
  constructor() {
    super(PROBLEM_CAP);
  }
  add(p: Problem): void {
    this.keep(p);
  }
}

/** Collects a raw file's problems, keeping at most IMPORT_PROBLEM_CAP. */
export class FileProblems extends Capped<ImportProblem> {
  readonly file: string;
  constructor(file: string) {
    super(IMPORT_PROBLEM_CAP);
    this.file = file;
  }
  add(p: Omit<ImportProblem, 'file'>): void {
    this.keep({ file: this.file, ...p });
  }
}

/** A value as it should appear in a message: strings quoted, everything else as JSON. */
export function show(v: unknown): string {
  if (v === undefined) return '(nothing)';
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
