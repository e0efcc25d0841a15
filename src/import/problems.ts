/**
 * Problems of raw input files (JSON downloads), located by file and field. Kept apart from the
 * CSV problems of src/pipeline/problems.ts because a JSON field is a path (data[3].total_tokens),
 * not a CSV column.
 */

export interface ImportProblem {
  /** Path of the file as the editor gave it (or relative to the project root). */
  file: string;
  /** 1-based line and column, where known (syntax errors). */
  line?: number;
  column?: number;
  /** The JSON path of the field, e.g. data[12].total_tokens or meta.fetched_at. */
  field?: string;
  /** The offending value as read (shortened for display). */
  value?: string;
  /** What was expected instead, in plain words. */
  expected: string;
}

/** The most problems reported per file. */
export const IMPORT_PROBLEM_CAP = 20;

export function formatImportProblem(p: ImportProblem): string {
  const where = [p.file, p.line, p.column].filter((x) => x !== undefined).join(':');
  const field = p.field !== undefined ? ` field "${p.field}"` : '';
  const value = p.value !== undefined ? ` got ${shorten(p.value)};` : '';
  return `${where}:${field}${value} expected ${p.expected}`;
}

function shorten(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** Thrown when an import cannot go ahead; data/ is left exactly as it was. */
export class ImportError extends Error {
  readonly problems: ImportProblem[];
  constructor(problems: ImportProblem[], more = 0) {
    const lines = problems.map(formatImportProblem);
    if (more > 0) lines.push(`... and ${more} more problems not shown`);
    super(`${problems.length + more} import problem(s):\n${lines.join('\n')}`);
    this.name = 'ImportError';
    this.problems = problems;
  }
}

/** Collects a file's problems, keeping at most IMPORT_PROBLEM_CAP. */
export class FileProblems {
  readonly items: ImportProblem[] = [];
  dropped = 0;
  readonly file: string;
  constructor(file: string) {
    this.file = file;
  }
  add(p: Omit<ImportProblem, 'file'>): void {
    if (this.items.length < IMPORT_PROBLEM_CAP) this.items.push({ file: this.file, ...p });
    else this.dropped++;
  }
  get count(): number {
    return this.items.length + this.dropped;
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
