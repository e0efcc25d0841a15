import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { EventEmitter } from 'node:events';
import { StringDecoder } from 'node:string_decoder';
import Papa from 'papaparse';
import { INVALID, type Columns, type RowOf } from './columns.ts';
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
  check?: (row: RowOf<C>) => Array<Omit<Problem, 'file' | 'line'>> | undefined;
}

export interface ReadResult {
  rows: number;
  bytes: number;
  /** sha256 of the file's bytes, computed while streaming (no second read). */
  sha256: string;
}

const BOM = '\ufeff';
const OTHER_DELIMITERS: Array<[string, string]> = [
  [';', 'semicolons'],
  ['\t', 'tabs'],
  ['|', 'pipes'],
];

/**
 * Streams a CSV file through papaparse, checks its header against `columns` (names and
 * order), parses every cell with its column type and hands typed rows to `onRow`.
 * Every problem in the file is collected (capped) and thrown together as a DataError.
 * Physical line numbers are tracked through quoted fields that contain line breaks.
 */
export async function readCsv<C extends Columns>(opts: ReadOptions<C>): Promise<ReadResult> {
  const { columns, onRow, check } = opts;
  const path = opts.file;
  const file = opts.label ?? path;
  const names = Object.keys(columns);
  const parsers = names.map((n) => columns[n]!);
  const problems = new ProblemList();

  let bytes: number;
  try {
    bytes = (await stat(path)).size;
  } catch {
    throw new DataError([{ file, expected: `the file to exist (a CSV with columns ${names.join(',')})` }]);
  }

  let line = 1;
  let header: string[] | undefined;
  let rows = 0;
  let headerOk = false;
  let first = true;
  // A field can only hold a line break if the text so far has a quote, or a "\r" (a CRLF or CR
  // file may keep a lone "\n" inside an unquoted field). Until either shows up, rows are one
  // line each and their fields need not be scanned. Set as the bytes arrive, before papaparse
  // sees them; it only ever turns on.
  let scanFields = false;
  const nParsers = parsers.length;
  const values: unknown[] = new Array(nParsers);
  const makeRow = rowMaker(names);

  const handleHeader = (fields: string[]): void => {
    if (fields[0]?.startsWith(BOM)) fields[0] = fields[0].slice(1);
    header = fields;
    if (fields.length === 1) {
      const other = OTHER_DELIMITERS.find(([d]) => (fields[0] ?? '').includes(d));
      if (other) {
        problems.add({
          file, line: 1, value: fields[0],
          expected: `comma-separated values; this header seems to be separated by ${other[1]}`,
        });
        return;
      }
    }
    const seen = new Map<string, number>();
    fields.forEach((name, i) => {
      if (seen.has(name)) {
        problems.add({ file, line: 1, column: i + 1, field: name, value: name,
          expected: `each column once; "${name}" is also column ${seen.get(name)! + 1}` });
      }
      seen.set(name, i);
    });
    const missing = names.filter((n) => !seen.has(n));
    const extra = fields.map((f, i) => [f, i] as const).filter(([f]) => !(f in columns));
    // A renamed column is a missing one whose place is taken by an unknown one.
    for (const [f, i] of extra) {
      const want = names[i];
      const renamed = want !== undefined && missing.includes(want);
      problems.add({ file, line: 1, column: i + 1, field: f, value: f,
        expected: renamed ? `the column "${want}" here (renamed?)` : `no column "${f}": known columns are ${names.join(', ')}` });
    }
    for (const m of missing) {
      if (extra.some(([, i]) => names[i] === m)) continue;
      problems.add({ file, line: 1, field: m, expected: `a column "${m}" (column ${names.indexOf(m) + 1})` });
    }
    if (problems.count === 0) {
      const misplaced = names.findIndex((n, i) => fields[i] !== n);
      if (misplaced >= 0) {
        problems.add({ file, line: 1, column: misplaced + 1, field: fields[misplaced], value: fields[misplaced],
          expected: `the columns in this order: ${names.join(',')}` });
      }
    }
    headerOk = problems.count === 0;
  };

  const handleRow = (fields: string[]): void => {
    const start = line;
    let span = 1;
    if (scanFields) {
      for (let i = 0; i < fields.length; i++) {
        const f = fields[i]!;
        for (let j = f.indexOf('\n'); j >= 0; j = f.indexOf('\n', j + 1)) span++;
      }
    }
    line += span;
    if (first) {
      first = false;
      handleHeader(fields);
      return;
    }
    if (fields.length === 1 && fields[0] === '') return; // blank line
    if (!headerOk) return;
    if (fields.length !== nParsers) {
      problems.add({ file, line: start, value: fields.join(',').slice(0, 80),
        expected: `${parsers.length} fields (${names.join(',')}), found ${fields.length}` });
      return;
    }
    let ok = true;
    for (let i = 0; i < nParsers; i++) {
      const raw = fields[i]!;
      const v = parsers[i]!.parse(raw);
      if (v === INVALID) {
        ok = false;
        problems.add({ file, line: start, column: i + 1, field: names[i], value: raw, expected: parsers[i]!.expected });
      } else values[i] = v;
    }
    if (!ok) return;
    const typed = makeRow(values) as RowOf<C>;
    const issues = check?.(typed);
    if (issues && issues.length > 0) {
      for (const issue of issues) problems.add({ file, line: start, ...issue });
      return;
    }
    rows++;
    onRow(typed, start);
  };

  // Bytes -> (hash, quote/CR watch) -> UTF-8 text -> papaparse, in one pass over the file.
  // `text` is the minimal stream papaparse reads (data/end/error events), fed synchronously.
  const hash = createHash('sha256');
  const decoder = new StringDecoder('utf8');
  const source = createReadStream(path);
  const text = Object.assign(new EventEmitter(), {
    readable: true,
    read: () => null,
    pause: () => void source.pause(),
    resume: () => void source.resume(),
  });
  source.on('data', (chunk) => {
    const buf = chunk as Buffer;
    hash.update(buf);
    if (!scanFields && (buf.indexOf(34) >= 0 || buf.indexOf(13) >= 0)) scanFields = true; // '"', '\r'
    const s = decoder.write(buf);
    if (s !== '') text.emit('data', s);
  });
  source.on('end', () => {
    const s = decoder.end();
    if (s !== '') text.emit('data', s);
    text.emit('end');
  });
  source.on('error', (e) => text.emit('error', e));

  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(text as unknown as NodeJS.ReadableStream, {
      delimiter: ',',
      skipEmptyLines: false,
      chunk(results) {
        const data = results.data;
        const starts = new Array<number>(data.length);
        for (let i = 0; i < data.length; i++) {
          starts[i] = line;
          handleRow(data[i]!);
        }
        for (const e of results.errors) {
          const at = starts[e.row ?? -1] ?? line;
          if (e.code === 'MissingQuotes') {
            problems.add({ file, line: at, expected: 'a closing double quote: a quoted field is never closed (fields that contain commas, quotes or line breaks must be wrapped in "...", with inner quotes doubled)' });
          } else if (e.code === 'InvalidQuotes') {
            problems.add({ file, line: at, expected: `well-formed quotes (${e.message})` });
          }
        }
      },
      complete: () => resolve(),
      error: (err: Error) => reject(err),
    });
  });

  if (!header || (header.length === 1 && header[0] === '')) {
    throw new DataError([{ file, line: 1, expected: `a header row: ${names.join(',')} (the file is empty)` }]);
  }
  if (problems.count > 0) throw new DataError(problems.items, problems.dropped);
  return { rows, bytes, sha256: hash.digest('hex') };
}

/**
 * Builds rows as object literals of one fixed shape (the columns in order): one allocation with
 * a known layout, where assigning keys one by one goes through a megamorphic keyed store per
 * cell. The generated code holds only the schema's column names, quoted with JSON.stringify.
 */
function rowMaker(names: readonly string[]): (values: readonly unknown[]) => Record<string, unknown> {
  const body = `return { ${names.map((n, i) => `${JSON.stringify(n)}: v[${i}]`).join(', ')} };`;
  return new Function('v', body) as (values: readonly unknown[]) => Record<string, unknown>;
}
