import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';
import { StringDecoder } from 'node:string_decoder';
import Papa from 'papaparse';
import { INVALID, type Column, type Columns, type RowOf } from './columns.ts';
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
  const readRow = rowReader(names, parsers) as (fields: string[]) => RowOf<C> | undefined;

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

  /** The rows the fast path does not take: the header, blank lines, wrong field counts. */
  const otherRow = (fields: string[], start: number): void => {
    if (first) {
      first = false;
      handleHeader(fields);
      return;
    }
    if (fields.length === 1 && fields[0] === '') return; // blank line
    if (!headerOk) return;
    problems.add({ file, line: start, value: fields.join(',').slice(0, 80),
      expected: `${parsers.length} fields (${names.join(',')}), found ${fields.length}` });
  };

  /** A row with at least one invalid cell: one problem per invalid cell, in column order. */
  const cellProblems = (fields: string[], start: number): void => {
    for (let i = 0; i < nParsers; i++) {
      const raw = fields[i]!;
      if (parsers[i]!.parse(raw) === INVALID) {
        problems.add({ file, line: start, column: i + 1, field: names[i], value: raw, expected: parsers[i]!.expected });
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
    if (first || !headerOk || fields.length !== nParsers || (nParsers === 1 && fields[0] === '')) {
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

  // Bytes -> (hash, quote/CR watch) -> UTF-8 text -> papaparse, in one pass over the file.
  // `text` is the minimal stream papaparse reads (data/end/error events), fed synchronously.
  // The hash of a large file runs on another thread, fed the same chunks (no second read).
  const hash = bytes >= HASH_WORKER_MIN_BYTES ? workerHasher() : inlineHasher();
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
    if (!scanFields && (buf.indexOf(34) >= 0 || buf.indexOf(13) >= 0)) scanFields = true; // '"', '\r'
    const s = decoder.write(buf);
    hash.update(buf); // after decoding: the worker hasher takes the buffer over
    if (s !== '') text.emit('data', s);
  });
  source.on('end', () => {
    const s = decoder.end();
    if (s !== '') text.emit('data', s);
    text.emit('end');
  });
  source.on('error', (e) => text.emit('error', e));

  let sha256: string;
  try {
    await new Promise<void>((resolve, reject) => {
      Papa.parse<string[]>(text as unknown as NodeJS.ReadableStream, {
        delimiter: ',',
        skipEmptyLines: false,
        chunk(results) {
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
    sha256 = await hash.digest();
  } finally {
    hash.close();
  }
  return { rows, bytes, sha256 };
}
/**
 * Compiles the schema's row check: each cell goes through its column's parser from its own call
 * site (so V8 can inline each one, where a loop over the parsers calls a megamorphic site), and a
 * valid row is built as one object literal of a fixed shape (the columns in order). Returns
 * undefined when any cell is invalid; readCsv then re-checks that row cell by cell to report it.
 * The generated code holds only indexes and the column names, quoted with JSON.stringify.
 */
export function rowReader(names: readonly string[], parsers: ReadonlyArray<Column<unknown>>): (fields: readonly string[]) => unknown {
  const n = names.length;
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const empty = parsers[i]!.optional ? 'null' : 'INVALID';
    lines.push(`const c${i} = f[${i}]; const v${i} = c${i} === '' ? ${empty} : p${i}(c${i});`);
  }
  const anyInvalid = Array.from({ length: n }, (_, i) => `v${i} === INVALID`).join(' || ');
  const literal = names.map((name, i) => `${JSON.stringify(name)}: v${i}`).join(', ');
  const params = ['INVALID', ...Array.from({ length: n }, (_, i) => `p${i}`)];
  const body = `'use strict';\nreturn function readRow(f) {\n${lines.join('\n')}\nif (${anyInvalid || 'false'}) return undefined;\nreturn { ${literal} };\n};`;
  const make = new Function(...params, body) as (...args: unknown[]) => (fields: readonly string[]) => unknown;
  return make(INVALID, ...parsers.map((p) => p.parseFilled));
}

/** Files at least this large are hashed on a worker thread, in parallel with the parse. */
export const HASH_WORKER_MIN_BYTES = 4 << 20;

interface Hasher {
  /** Adds bytes; the buffer must not be used afterwards (it may be moved to another thread). */
  update(buf: Buffer): void;
  digest(): Promise<string>;
  /** Releases the hasher's resources (the worker), digested or not. */
  close(): void;
}

function inlineHasher(): Hasher {
  const h = createHash('sha256');
  return {
    update: (buf) => void h.update(buf),
    digest: async () => h.digest('hex'),
    close: () => {},
  };
}

// The worker hashes bytes that the main thread copies into a ring of shared memory: no message
// per chunk (a postMessage costs more than hashing 64 KB) and no garbage for either heap.
// Control words (int32, counters wrap): HEAD = bytes written, TAIL = bytes hashed, END = 1 once
// the input is complete, SEQ = bumped on every write and at the end (what the worker waits on).
const RING_BYTES = 1 << 22; // 4 MiB
const HEAD = 0;
const TAIL = 1;
const END = 2;
const SEQ = 3;

// CommonJS run by the worker (the ring and control words arrive as workerData).
const HASH_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const hash = require('node:crypto').createHash('sha256');
const ring = new Uint8Array(workerData.ring);
const ctrl = new Int32Array(workerData.ctrl);
const MASK = ring.length - 1;
let tail = 0;
for (;;) {
  const seq = Atomics.load(ctrl, ${SEQ});
  const head = Atomics.load(ctrl, ${HEAD});
  if (head !== tail) {
    const used = (head - tail) | 0;
    const at = tail & MASK;
    const first = Math.min(used, ring.length - at);
    hash.update(ring.subarray(at, at + first));
    if (used > first) hash.update(ring.subarray(0, used - first));
    tail = head;
    Atomics.store(ctrl, ${TAIL}, tail);
    Atomics.notify(ctrl, ${TAIL});
    continue;
  }
  if (Atomics.load(ctrl, ${END}) === 1) break;
  Atomics.wait(ctrl, ${SEQ}, seq);
}
parentPort.postMessage(hash.digest('hex'));
`;

function workerHasher(): Hasher {
  const ring = new Uint8Array(new SharedArrayBuffer(RING_BYTES));
  const ctrl = new Int32Array(new SharedArrayBuffer(16));
  const worker = new Worker(HASH_WORKER, { eval: true, workerData: { ring: ring.buffer, ctrl: ctrl.buffer } });
  const mask = RING_BYTES - 1;
  let head = 0;
  let done = false;
  const end = () => {
    Atomics.store(ctrl, END, 1);
    Atomics.add(ctrl, SEQ, 1);
    Atomics.notify(ctrl, SEQ);
  };
  const result = new Promise<string>((resolve, reject) => {
    worker.once('message', (hex: string) => {
      done = true;
      resolve(hex);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the sha256 worker exited (${code}) before its digest`)));
  });
  result.catch(() => {}); // only awaited once the parse succeeded
  // Chunks that did not fit in the ring yet (the worker is still starting, or behind): kept, not
  // waited for, so the parse never stalls on the hash; the last ones are copied in at the end.
  const pending: Buffer[] = [];
  let pendingOff = 0;
  /** Copies pending bytes into the ring while it has room; with `block`, until all are in. */
  const flush = (block: boolean): void => {
    while (pending.length > 0) {
      const buf = pending[0]!;
      const tail = Atomics.load(ctrl, TAIL);
      const free = RING_BYTES - ((head - tail) | 0);
      if (free === 0) {
        if (!block) return;
        Atomics.wait(ctrl, TAIL, tail);
        continue;
      }
      const at = head & mask;
      const n = Math.min(free, buf.length - pendingOff, RING_BYTES - at);
      ring.set(buf.subarray(pendingOff, pendingOff + n), at);
      pendingOff += n;
      if (pendingOff === buf.length) {
        pending.shift();
        pendingOff = 0;
      }
      head = (head + n) | 0;
      Atomics.store(ctrl, HEAD, head);
      Atomics.add(ctrl, SEQ, 1);
      Atomics.notify(ctrl, SEQ);
    }
  };
  return {
    update(buf) {
      pending.push(buf);
      flush(false);
    },
    digest() {
      flush(true);
      end();
      return result;
    },
    close() {
      if (done) return;
      end(); // the worker leaves its loop and exits
      void worker.terminate();
    },
  };
}
