import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { EventEmitter } from 'node:events';
import { StringDecoder } from 'node:string_decoder';
import Papa from 'papaparse';
import type { RowProblem } from './checks.ts';
import { INVALID, type Column, type Columns, type RowOf } from './columns.ts';
import { notUtf8, notUtf8Encoding, sniffEncoding, Utf8Check } from './encoding.ts';
import { DataError, ProblemList, type Problem } from './problems.ts';

export interface ReadOptions<C extends Columns> {
  /** Path of the file to read. */
  file: string;
  /** Path as shown in messages (relative to the project root); defaults to `file`. */
  label?: string;
  columns: C;
  /** Called for every valid row, in file order, with the 1-based line where it starts. */
  onRow: (row: RowOf<C>, line: number) => void;
  /** Extra per-row checks: return the problems found (without file/line), if any. */
  check?: (row: RowOf<C>) => RowProblem[] | undefined;
  /** Accept a file with a header and no rows (by default that is an error: a dataset emptied
   *  by mistake would otherwise pass and break the pages). */
  allowEmpty?: boolean;
}

export interface ReadResult {
  rows: number;
  bytes: number;
  /** sha256 of the file's bytes. */
  sha256: string;
}

const BOM = '\ufeff';
const OTHER_DELIMITERS: Array<[string, string]> = [
  [';', 'semicolons'],
  ['\t', 'tabs'],
  ['|', 'pipes'],
];
/** Bytes per read: the size Node's file streams use, which papaparse is tuned to. */
const READ_BYTES = 64 * 1024;

/** The row reader: bytes in (write), typed rows to onRow, problems collected. */
interface CsvRows {
  /** Takes the next bytes of the file; the buffer may be reused once this returns. */
  write(buf: Buffer): void;
  /** Ends the file (parses its last row). */
  end(): void;
  /** After end: throws one DataError with every problem found, if any was. */
  throwProblems(): void;
  /** Valid rows handed to onRow. */
  readonly rows: number;
}

/**
 * Checks a CSV header against the schema's column names (a BOM is dropped): the delimiter, each
 * column once, missing, extra or renamed columns, and their order (one named step per kind of
 * problem, in the order an editor reads them). Adds what it finds to `problems` and returns the
 * header as read.
 */
function checkHeader(
  fields: string[],
  names: readonly string[],
  columns: Columns,
  file: string,
  problems: ProblemList,
): string[] {
  if (fields[0]?.startsWith(BOM)) fields[0] = fields[0].slice(1);
  if (otherDelimiter(fields, file, problems)) return fields;
  const seen = repeatedColumns(fields, file, problems);
  unknownAndMissingColumns(fields, names, columns, seen, file, problems);
  if (problems.count === 0) columnOrder(fields, names, file, problems);
  return fields;
}

/** A one-field header that holds a semicolon, tab or the like: another delimiter. */
function otherDelimiter(fields: string[], file: string, problems: ProblemList): boolean {
  if (fields.length !== 1) return false;
  const other = OTHER_DELIMITERS.find(([d]) => (fields[0] ?? '').includes(d));
  if (!other) return false;
  problems.add({
    file,
    line: 1,
    value: fields[0],
    expected: `comma-separated values; this header seems to be separated by ${other[1]}`,
  });
  return true;
}

/** Each column once; returns where each name stands (its last place). */
function repeatedColumns(
  fields: string[],
  file: string,
  problems: ProblemList,
): Map<string, number> {
  const seen = new Map<string, number>();
  fields.forEach((name, i) => {
    if (seen.has(name)) {
      problems.add({
        file,
        line: 1,
        column: i + 1,
        field: name,
        value: name,
        expected: `each column once; "${name}" is also column ${seen.get(name)! + 1}`,
      });
    }
    seen.set(name, i);
  });
  return seen;
}

/** Unknown columns (a renamed one: unknown where a missing one belongs), then missing ones. */
function unknownAndMissingColumns(
  fields: string[],
  names: readonly string[],
  columns: Columns,
  seen: ReadonlyMap<string, number>,
  file: string,
  problems: ProblemList,
): void {
  const missing = names.filter((n) => !seen.has(n));
  const extra = fields.map((f, i) => [f, i] as const).filter(([f]) => !(f in columns));
  for (const [f, i] of extra) {
    const want = names[i];
    const renamed = want !== undefined && missing.includes(want);
    problems.add({
      file,
      line: 1,
      column: i + 1,
      field: f,
      value: f,
      expected: renamed
        ? `the column "${want}" here (renamed?)`
        : `no column "${f}": known columns are ${names.join(', ')}`,
    });
  }
  for (const m of missing) {
    if (extra.some(([, i]) => names[i] === m)) continue;
    problems.add({
      file,
      line: 1,
      field: m,
      expected: `a column "${m}" (column ${names.indexOf(m) + 1})`,
    });
  }
}

/** The right columns in the wrong order: the first one out of place. */
function columnOrder(
  fields: string[],
  names: readonly string[],
  file: string,
  problems: ProblemList,
): void {
  const misplaced = names.findIndex((n, i) => fields[i] !== n);
  if (misplaced < 0) return;
  problems.add({
    file,
    line: 1,
    column: misplaced + 1,
    field: fields[misplaced],
    value: fields[misplaced],
    expected: `the columns in this order: ${names.join(',')}`,
  });
}

/**
 * Reads CSV text (fed as bytes) through papaparse: checks the header against `columns` (names
 * and order), parses every cell with its column type and hands typed rows to `onRow`. Every
 * problem is collected (capped). Physical line numbers are tracked through quoted fields that
 * contain line breaks. (Over 60 lines: one streaming reader whose handlers share the line
 * counter, the header state and the problem list as closures on the per-row path; the header
 * check is checkHeader.)
 */
// eslint-disable-next-line max-lines-per-function -- one streaming reader, see above
function csvRows<C extends Columns>(
  opts: Omit<ReadOptions<C>, 'file'> & {
    label: string;
    /** The 1-based line of a byte offset in the file, and where that line starts (error path). */
    lineAt: (offset: number) => { line: number; start: number };
  },
): CsvRows {
  const { columns, onRow, check } = opts;
  const file = opts.label;
  const names = Object.keys(columns);
  const parsers = names.map((n) => columns[n]!);
  const problems = new ProblemList();

  let line = 1;
  let header: string[] | undefined;
  let rows = 0;
  let headerOk = false;
  let first = true;
  /** Header read and valid: data rows take the fast path. */
  let ready = false;
  // A field can only hold a line break if the text so far has a quote, or a "\r" (a CRLF or CR
  // file may keep a lone "\n" inside an unquoted field). Until either shows up, rows are one
  // line each and their fields need not be scanned. Set as the bytes arrive, before papaparse
  // sees them; it only ever turns on.
  let scanFields = false;
  const nParsers = parsers.length;
  const readRow = rowReader(names, parsers) as (fields: string[]) => RowOf<C> | undefined;

  const handleHeader = (fields: string[]): void => {
    header = checkHeader(fields, names, columns, file, problems);
    headerOk = problems.count === 0;
    ready = headerOk;
  };

  /** The rows the fast path does not take: the header, blank lines, wrong field counts. */
  const otherRow = (fields: string[], start: number): void => {
    if (first) {
      first = false;
      handleHeader(fields);
      return;
    }
    if (fields.length === 1 && fields[0] === '') return; // blank line
    if (!headerOk) return;
    problems.add({
      file,
      line: start,
      value: fields.join(',').slice(0, 80),
      expected: `${parsers.length} fields (${names.join(',')}), found ${fields.length}`,
    });
  };

  /** A row with at least one invalid cell: one problem per invalid cell, in column order. */
  const cellProblems = (fields: string[], start: number): void => {
    for (let i = 0; i < nParsers; i++) {
      const raw = fields[i]!;
      if (parsers[i]!.parse(raw) === INVALID) {
        problems.add({
          file,
          line: start,
          column: i + 1,
          field: names[i],
          value: raw,
          expected: parsers[i]!.explain?.(raw) ?? parsers[i]!.expected,
        });
      }
    }
  };

  const handleRow = (fields: string[]): void => {
    const start = line;
    if (scanFields) {
      let span = 1;
      for (let i = 0; i < fields.length; i++) {
        const f = fields[i]!;
        for (let j = f.indexOf('\n'); j >= 0; j = f.indexOf('\n', j + 1)) span++;
      }
      line += span;
    } else line++;
    // (A lone empty field is a blank line, unless the schema has one column.)
    if (!ready || fields.length !== nParsers || (nParsers === 1 && fields[0] === '')) {
      otherRow(fields, start);
      return;
    }
    const typed = readRow(fields);
    if (typed === undefined) {
      cellProblems(fields, start);
      return;
    }
    if (check !== undefined) {
      const issues = check(typed);
      if (issues !== undefined && issues.length > 0) {
        for (const issue of issues) problems.add({ file, line: start, ...issue });
        return;
      }
    }
    rows++;
    onRow(typed, start);
  };

  const onChunk = (results: Papa.ParseResult<string[]>): void => {
    const data = results.data;
    const errors = results.errors;
    if (errors.length === 0) {
      for (let i = 0; i < data.length; i++) handleRow(data[i]!);
      return;
    }
    const starts = new Array<number>(data.length);
    for (let i = 0; i < data.length; i++) {
      starts[i] = line;
      handleRow(data[i]!);
    }
    for (const e of errors) {
      const at = starts[e.row ?? -1] ?? line;
      if (e.code === 'MissingQuotes') {
        problems.add({
          file,
          line: at,
          expected:
            'a closing double quote: a quoted field is never closed (fields that contain commas, quotes or line breaks must be wrapped in "...", with inner quotes doubled)',
        });
      } else if (e.code === 'InvalidQuotes') {
        problems.add({ file, line: at, expected: `well-formed quotes (${e.message})` });
      }
    }
  };

  // Encoding: UTF-16 is recognised from the first bytes; UTF-8 is validated chunk by chunk. The
  // first problem stops the parse: the rest of a mis-encoded file is not worth reporting.
  const utf8 = new Utf8Check();
  let bytesSeen = 0;
  let encoding: Problem | undefined;
  const badBytes = (): void => {
    const at = opts.lineAt(utf8.badAt);
    encoding = { file, line: at.line, ...notUtf8(utf8.badByte, at.line, at.start, utf8.badAt) };
  };

  // Bytes -> (quote/CR watch) -> UTF-8 text -> papaparse. `text` is the minimal stream
  // papaparse reads (data and end events); papaparse handles each event synchronously.
  const decoder = new StringDecoder('utf8');
  const text = Object.assign(new EventEmitter(), {
    readable: true,
    read: () => null,
    pause: () => {},
    resume: () => {},
  });
  let completed = false;
  Papa.parse<string[]>(text as unknown as NodeJS.ReadableStream, {
    delimiter: ',',
    skipEmptyLines: false,
    chunk: onChunk,
    complete: () => void (completed = true),
  });

  return {
    write(buf) {
      if (encoding) return;
      if (bytesSeen === 0) {
        const what = sniffEncoding(buf);
        if (what) {
          encoding = { file, line: 1, ...notUtf8Encoding(what) };
          return;
        }
      }
      bytesSeen += buf.length;
      if (!utf8.write(buf)) {
        badBytes();
        return;
      }
      if (!scanFields && (buf.indexOf(34) >= 0 || buf.indexOf(13) >= 0)) scanFields = true; // '"', '\r'
      const s = decoder.write(buf);
      if (s !== '') text.emit('data', s);
    },
    end() {
      if (!encoding && !utf8.end()) badBytes();
      const s = decoder.end();
      if (s !== '' && !encoding) text.emit('data', s);
      text.emit('end');
      if (!completed) throw new Error(`papaparse did not finish ${file}`);
    },
    throwProblems() {
      if (encoding) throw new DataError([encoding]);
      if (!header || (header.length === 1 && header[0] === '')) {
        throw new DataError([
          {
            file,
            line: 1,
            expected:
              `a header row (${names.join(',')}) and rows of data, but the file ${bytesSeen === 0 ? 'is empty (0 bytes)' : 'has no text'}: ` +
              'if it was emptied by mistake, restore it (git checkout -- <file>) or export it again',
          },
        ]);
      }
      if (problems.count > 0) throw new DataError(problems.items, problems.dropped);
      if (rows === 0 && headerOk && !opts.allowEmpty) {
        throw new DataError([
          {
            file,
            line: 2,
            expected:
              'at least one row of data after the header, but the file has only its header: a dataset with no rows would break the pages (did an export or a filter drop the rows?); restore the rows, or export the file again',
          },
        ]);
      }
    },
    get rows() {
      return rows;
    },
  };
}

/** The 1-based line of a byte offset, and the offset where that line starts (error path only). */
function lineAt(fd: number, offset: number): { line: number; start: number } {
  let line = 1;
  let start = 0;
  readRange(fd, 0, offset, (buf, pos) => {
    for (let i = buf.indexOf(10); i >= 0; i = buf.indexOf(10, i + 1)) {
      line++;
      start = pos + i + 1;
    }
  });
  return { line, start };
}

/** Reads bytes [from, to) of an open file in READ_BYTES pieces, through one reused buffer. */
function readRange(
  fd: number,
  from: number,
  to: number,
  onBytes: (buf: Buffer, pos: number) => void,
): void {
  const buf = Buffer.allocUnsafe(READ_BYTES);
  for (let pos = from; pos < to;) {
    const n = readSync(fd, buf, 0, Math.min(buf.length, to - pos), pos);
    if (n === 0) return; // the file shrank; the caller's size check reports it
    onBytes(n === buf.length ? buf : buf.subarray(0, n), pos);
    pos += n;
  }
}

/** Opens a data file, or throws the DataError of a missing one. */
function openData(
  path: string,
  label: string,
  names: readonly string[],
): { fd: number; stats: Stats } {
  try {
    const fd = openSync(path, 'r');
    return { fd, stats: fstatSync(fd) };
  } catch {
    throw new DataError([
      { file: label, expected: `the file to exist (a CSV with columns ${names.join(',')})` },
    ]);
  }
}

/** Throws when the file's size or modification time moved while it was read (and hashed). */
function assertUnchanged(fd: number, before: Stats, label: string): void {
  const now = fstatSync(fd);
  if (now.size !== before.size || now.mtimeMs !== before.mtimeMs) {
    throw new DataError([
      {
        file: label,
        expected:
          'the file to stay the same while it is read: it changed during the build, so run the command again',
      },
    ]);
  }
}

/**
 * Streams a CSV file through csvRows and hashes the same bytes. Throws one DataError with every
 * problem found.
 */
export async function readCsv<C extends Columns>(opts: ReadOptions<C>): Promise<ReadResult> {
  const label = opts.label ?? opts.file;
  const { fd, stats } = openData(opts.file, label, Object.keys(opts.columns));
  const bytes = stats.size;
  try {
    const reader = csvRows({ ...opts, label, lineAt: (offset) => lineAt(fd, offset) });
    const hash = createHash('sha256');
    readRange(fd, 0, bytes, (buf) => {
      hash.update(buf);
      reader.write(buf);
    });
    reader.end();
    reader.throwProblems();
    assertUnchanged(fd, stats, label);
    return { rows: reader.rows, bytes, sha256: hash.digest('hex') };
  } finally {
    closeSync(fd);
  }
}

/**
 * The schema's row check: each cell through its column's parser; a valid row is one object
 * with the columns in order. Returns undefined at the first invalid cell; readCsv then re-checks
 * that row cell by cell to report it. (A reader compiled with new Function paid off only on
 * captures of many megabytes; our largest CSV is 370 KB: see the closing note of issue 18.)
 */
function rowReader(
  names: readonly string[],
  parsers: ReadonlyArray<Column<unknown>>,
): (fields: readonly string[]) => Record<string, unknown> | undefined {
  return (fields) => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) {
      const cell = fields[i]!;
      const parser = parsers[i]!;
      const value = cell === '' ? (parser.optional ? null : INVALID) : parser.parseFilled(cell);
      if (value === INVALID) return undefined;
      row[names[i]!] = value;
    }
    return row;
  };
}
