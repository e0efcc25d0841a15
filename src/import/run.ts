/**
 * npm run import: raw downloads in, dataset CSVs out.
 *
 * Every file is read and checked first; if any is bad, nothing in data/ changes and one
 * ImportError lists every problem (file and field). Then each file is merged into its datasets,
 * the new CSVs are checked against the pipeline's schemas (the same check `npm run data` makes),
 * and only then written, each through a temporary file and a rename. Raw files from outside
 * data/raw are copied in. Importing the same file again changes no byte.
 */
import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { rowCheck, type KnownIds } from '../pipeline/checks.ts';
import {
  apiDailyTokens,
  captureFiles,
  labs,
  sources,
  type AnyDatasetSpec,
} from '../pipeline/datasets.ts';
import { judgeCaptures, type CaptureVerdict } from '../pipeline/quality/judge.ts';
import { CAPTURE_SECTIONS, type CaptureSection } from '../pipeline/quality/sections.ts';
import { CaptureTable, fileEntriesOf, fileRow, samplesOf } from './captures.ts';
import { loadDataset } from '../pipeline/load.ts';
import { DataError } from '../pipeline/problems.ts';
import { readCsv } from '../pipeline/read-csv.ts';
import { formatCsv, parseCsv, spreadsheetProblems, type CsvTable } from './csv.ts';
import { writeFileAtomic } from '../lib/atomic-write.ts';
import {
  ApiDataset,
  authorOf,
  compareAsOf,
  parseApiResponse,
  type ApiResponse,
  type Restatement,
} from './data-api.ts';
import { detectFormat, FORMAT_LABEL, KNOWN_FORMATS, type Format } from './detect.ts';
import { readJson } from './json.ts';
import { FileProblems, ImportError, type ImportProblem } from './problems.ts';
import { dataPath, filesUnder, RawStore, sha256 } from './raw-store.ts';
import { parseSnapshot, SECTION_DATASET, type Snapshot } from './snapshot.ts';

export const API_RAW_FOLDER = 'openrouter-data-api/rankings-daily';
export const PAGE_RAW_FOLDER = 'openrouter-rankings-page';

export interface ImportOptions {
  /** The data folder (data/). */
  dataDir: string;
  /** Files and folders to import (folders: every .json file under them). */
  paths: readonly string[];
  /** Paths in messages are shown relative to this folder (default: the working directory). */
  cwd?: string;
}

/** Rows of one dataset, counted the way the report shows them. */
export interface Counts {
  added: number;
  unchanged: number;
  restated: number;
  setAside: number;
}

export interface FileReport {
  /** The file as given (relative to cwd). */
  file: string;
  format: Format;
  /** Where the file is kept, as the datasets record it (data/raw/...). */
  rawFile: string;
  /** True when this import copied it into data/raw. */
  copied: boolean;
  sha256: string;
  /** Dates the file covers. */
  dates: string[];
  /** Data API: meta.as_of, or null when the response has none. */
  asOf?: string | null;
  datasets: Record<string, Counts>;
  restatements: Restatement[];
  notes: string[];
  /** Snapshots: the quality gate's verdict on each kept section of this capture. */
  verdicts?: CaptureVerdict[];
  /** Snapshots: sections that could not be written, with the field at fault. */
  notWritten?: Array<{ section: CaptureSection; field: string; reason: string }>;
}

export interface DatasetSummary extends Counts {
  dataset: string;
  file: string;
  before: number;
  after: number;
}

export interface ImportResult {
  /** 'changed' when any file in data/ was written, else 'unchanged'. */
  outcome: 'changed' | 'unchanged';
  files: FileReport[];
  datasets: DatasetSummary[];
  restatements: Restatement[];
  /** Data API days present after the import that were not before. */
  daysAdded: string[];
  /** Captures (snapshot files) present after the import that were not before, by fetched_at. */
  capturesAdded: string[];
  /** Files written in data/ (data/...). */
  written: string[];
  /** Files skipped in folders (not .json). */
  skipped: string[];
  /** The report, as printed by npm run import. */
  report: string[];
}

interface ReadFile {
  input: string;
  shown: string;
  bytes: Buffer;
  sha: string;
  format: Format;
  api?: ApiResponse;
  snapshot?: Snapshot;
}

const emptyCounts = (): Counts => ({ added: 0, unchanged: 0, restated: 0, setAside: 0 });

/**
 * A dataset's rows before and after the whole import, matched by its key: added (new key),
 * unchanged (same content), restated (a key whose content changed, or that left a replaced day).
 */
function summarise(
  spec: AnyDatasetSpec,
  before: readonly string[][],
  after: readonly string[][],
  setAside: number,
): DatasetSummary {
  const header = Object.keys(spec.columns);
  const keyIdx = spec.key.map((k) => header.indexOf(k));
  const key = (r: readonly string[]) => keyIdx.map((i) => r[i]).join('|');
  // Where the publisher restates figures, a row whose value stands is unchanged even when its
  // as_of moved on (a later response confirmed it).
  const v = spec.restates ? header.indexOf(spec.restates.value) : -1;
  const content = (r: readonly string[]) => (v >= 0 ? r[v]! : r.join('\u0000'));
  const old = new Map(before.map((r) => [key(r), content(r)]));
  let added = 0;
  let unchanged = 0;
  let restated = 0;
  const seen = new Set<string>();
  for (const r of after) {
    const k = key(r);
    seen.add(k);
    const was = old.get(k);
    if (was === undefined) added++;
    else if (was === content(r)) unchanged++;
    else restated++;
  }
  for (const k of old.keys()) if (!seen.has(k)) restated++;
  return {
    dataset: spec.name,
    file: `data/${spec.file}`,
    before: before.length,
    after: after.length,
    added,
    unchanged,
    restated,
    setAside,
  };
}

/** Expands folders into their .json files (sorted); files are taken whatever their name. */
function expand(
  paths: readonly string[],
  show: (p: string) => string,
): { files: string[]; skipped: string[]; problems: ImportProblem[] } {
  const files: string[] = [];
  const skipped: string[] = [];
  const problems: ImportProblem[] = [];
  for (const p of paths) {
    if (!existsSync(p)) {
      problems.push({ file: show(p), expected: 'an existing file or folder' });
      continue;
    }
    if (statSync(p).isDirectory()) {
      const all = filesUnder(p);
      const json = all.filter((f) => f.endsWith('.json'));
      files.push(...json);
      skipped.push(...all.filter((f) => !f.endsWith('.json')).map(show));
      if (json.length === 0)
        problems.push({ file: show(p), expected: 'a folder with at least one .json file' });
    } else files.push(p);
  }
  const unique = [...new Set(files.map((f) => resolve(f)))];
  return { files: unique, skipped, problems };
}

/** Reads, detects and checks one file; its problems go to the list. */
function readOne(input: string, shown: string, problems: ImportProblem[]): ReadFile | undefined {
  const bytes = readFileSync(input);
  const json = readJson(bytes, shown);
  if (!json.ok) {
    problems.push(json.problem);
    return undefined;
  }
  const format = detectFormat(json.value);
  if (format === undefined) {
    problems.push({
      file: shown,
      expected: `a format this importer knows: ${KNOWN_FORMATS}. This JSON is neither`,
    });
    return undefined;
  }
  const fp = new FileProblems(shown);
  const file: ReadFile = { input, shown, bytes, sha: sha256(bytes), format };
  if (format === 'data-api-rankings-daily') file.api = parseApiResponse(json.value, fp);
  else file.snapshot = parseSnapshot(json.value, bytes.toString('utf8').replace(/^\ufeff/, ''), fp);
  problems.push(...fp.items);
  if (fp.dropped > 0)
    problems.push({ file: shown, expected: `(and ${fp.dropped} more problems in this file)` });
  return fp.count === 0 ? file : undefined;
}

/** The slugs in labs.csv (read with the pipeline, so a broken labs.csv is reported as such). */
async function knownIds(dataDir: string): Promise<KnownIds> {
  const src = new Set<string>();
  const lab = new Set<string>();
  await loadDataset(sources, dataDir, {}, (r) => src.add(r.id));
  await loadDataset(labs, dataDir, { sources: src }, (r) => lab.add(r.slug));
  return { sources: src, labs: lab };
}

interface Table {
  spec: AnyDatasetSpec;
  abs: string;
  newline: '\n' | '\r\n';
  before: string | null;
  table: CsvTable;
}

function loadTable(
  dataDir: string,
  spec: AnyDatasetSpec,
  newline: '\n' | '\r\n',
  problems: ImportProblem[],
): Table {
  const abs = join(dataDir, spec.file);
  const header = Object.keys(spec.columns);
  const before = existsSync(abs) ? readFileSync(abs, 'utf8') : null;
  if (before === null) return { spec, abs, newline, before, table: { header, rows: [] } };
  const parsed = parseCsv(before, `data/${spec.file}`, header);
  if ('problem' in parsed) {
    problems.push(parsed.problem);
    return { spec, abs, newline, before, table: { header, rows: [] } };
  }
  return { spec, abs, newline, before, table: parsed.table };
}

/** Checks a CSV text with the pipeline's reader and schema; returns its problems. */
async function checkWithSchema(
  text: string,
  tmp: string,
  spec: AnyDatasetSpec,
  known: KnownIds,
): Promise<ImportProblem[]> {
  writeFileSync(tmp, text);
  try {
    // The rows are what is checked here; a dataset the import left empty (say, only an empty
    // snapshot was imported) is the pipeline's to reject, with its own message.
    await readCsv({
      file: tmp,
      label: `data/${spec.file}`,
      columns: spec.columns,
      onRow: () => {},
      check: rowCheck(spec, known),
      allowEmpty: true,
    });
    return [];
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    return e.problems.map((p) => ({
      file: p.file,
      line: p.line,
      column: p.column,
      field: p.field,
      value: p.value,
      expected: p.expected,
    }));
  }
}

/** The name a Data API response is kept under: its window's end date, then longer names. */
function apiNames(api: ApiResponse, sha: string): string[] {
  const end = api.endDate ?? api.days.at(-1)?.date ?? 'empty';
  const names = [`${end}.json`];
  if (api.asOf)
    names.push(`${end}.as-of-${api.asOf.replace(/[-:]/g, '').replace(/\.\d+/, '')}.json`);
  names.push(`${end}.${sha.slice(0, 16)}.json`);
  return names;
}

/** The authors a file's rows name that labs.csv does not list. */
function unknownAuthors(f: ReadFile, labIds: ReadonlySet<string>): Map<string, string> {
  const missing = new Map<string, string>();
  for (const d of f.api?.days ?? []) {
    for (const r of d.rows) {
      const a = authorOf(r.permaslug);
      if (a !== null && !labIds.has(a) && !missing.has(a)) missing.set(a, 'model_permaslug');
    }
  }
  for (const sec of f.snapshot?.sections ?? []) {
    if (!('rows' in sec)) continue;
    const col = SECTION_DATASET[sec.section].refs?.author
      ? Object.keys(SECTION_DATASET[sec.section].columns).indexOf('author')
      : -1;
    if (col < 0) continue;
    for (const r of sec.rows)
      if (!labIds.has(r[col]!) && !missing.has(r[col]!))
        missing.set(r[col]!, `${sec.section}[].author`);
  }
  return missing;
}

/** The files given, read and checked one by one (any problem stops the import). */
function readInputs(opts: ImportOptions, show: (p: string) => string) {
  const problems: ImportProblem[] = [];
  const { files: inputs, skipped, problems: pathProblems } = expand(opts.paths, show);
  problems.push(...pathProblems);
  if (opts.paths.length === 0)
    problems.push({
      file: '(no files given)',
      expected: 'one or more files or folders to import, e.g. npm run import -- data/raw',
    });
  const read = inputs
    .map((f) => readOne(f, show(f), problems))
    .filter((f): f is ReadFile => f !== undefined);
  if (problems.length > 0) throw new ImportError(problems);
  return { read, skipped };
}

/** The dataset files an import may extend, as they are now. */
function loadTables(dataDir: string) {
  const problems: ImportProblem[] = [];
  const api = loadTable(dataDir, apiDailyTokens, '\n', problems);
  // The capture CSVs keep the CRLF line ends they were first written with.
  const sections = Object.fromEntries(
    CAPTURE_SECTIONS.map((s) => [s, loadTable(dataDir, SECTION_DATASET[s], '\r\n', problems)]),
  ) as Record<CaptureSection, Table>;
  const index = loadTable(dataDir, captureFiles, '\n', problems);
  if (problems.length > 0) throw new ImportError(problems);
  return { api, sections, index };
}

/** Every author must be classified in labs.csv before its rows can count. */
function checkAuthors(read: readonly ReadFile[], labs: NonNullable<KnownIds['labs']>): void {
  const problems: ImportProblem[] = [];
  for (const f of read) {
    for (const [a, field] of unknownAuthors(f, labs)) {
      problems.push({
        file: f.shown,
        field,
        value: JSON.stringify(a),
        expected: `an author listed in data/labs.csv: add a row for "${a}" (lab name, origin and a source for the origin) first, then import again`,
      });
    }
  }
  if (problems.length > 0) throw new ImportError(problems);
}

/** Rankings-page snapshots, in capture order: each replaces its capture in every section; then
 *  the quality gate on the captures as they will be written (the same judge as npm run data). */
function mergeSnapshots(
  snapFiles: ReadFile[],
  tables: ReturnType<typeof loadTables>,
  store: RawStore,
  dataDir: string,
) {
  const captures = Object.fromEntries(
    CAPTURE_SECTIONS.map((s) => [s, new CaptureTable(tables.sections[s].table)]),
  ) as Record<CaptureSection, CaptureTable>;
  const files = new CaptureTable(tables.index.table);
  const capturesBefore = new Set(files.captures().map(([t]) => t));
  const imported = new Map<string, FileReport>();
  const reports: FileReport[] = [];
  snapFiles.sort(
    (a, b) =>
      Date.parse(a.snapshot!.fetchedAt) - Date.parse(b.snapshot!.fetchedAt) ||
      (a.shown < b.shown ? -1 : 1),
  );
  for (const f of snapFiles) {
    const report = mergeSnapshot(f, captures, files, store, dataDir);
    imported.set(f.snapshot!.fetchedAt, report);
    reports.push(report);
  }
  if (snapFiles.length > 0) attachVerdicts(captures, files, imported);
  return { captures, files, capturesBefore, reports };
}

/** A file's report as it starts: the file, its raw copy and its days (fields in report order). */
function fileReport(
  f: ReadFile,
  copied: boolean,
  rawFile: string,
  dates: string[],
  more: Pick<FileReport, 'asOf' | 'datasets'>,
): FileReport {
  return {
    file: f.shown,
    format: f.format,
    rawFile,
    copied,
    sha256: f.sha,
    dates,
    ...more,
    restatements: [],
    notes: [],
  };
}

/** One snapshot: its raw file placed, each section's rows replacing its capture, its index row. */
function mergeSnapshot(
  f: ReadFile,
  captures: Record<CaptureSection, CaptureTable>,
  files: CaptureTable,
  store: RawStore,
  dataDir: string,
): FileReport {
  const snap = f.snapshot!;
  const place = store.place(f.input, f.bytes, f.sha, PAGE_RAW_FOLDER, [
    `${snap.date}/rankings.json`,
    `${snap.date}/rankings.${f.sha.slice(0, 16)}.json`,
  ]);
  const rawFile = dataPath(dataDir, place.abs);
  const report: FileReport = {
    ...fileReport(f, place.copy, rawFile, [snap.date], { datasets: {} }),
    notWritten: [],
  };
  if (snap.empty)
    report.notes.push(
      `an empty capture (fetched ${snap.fetchedAt}): no section holds a row; listed in data/captures/files.csv as empty`,
    );
  for (const sec of snap.sections) {
    const rows = 'rows' in sec ? sec.rows : [];
    if ('notWritten' in sec)
      report.notWritten!.push({ section: sec.section, field: sec.field, reason: sec.notWritten });
    const c = captures[sec.section].set(snap.fetchedAt, rows);
    report.datasets[SECTION_DATASET[sec.section].name] = { ...c, setAside: 0 };
  }
  const idx = files.set(snap.fetchedAt, [fileRow(snap, rawFile, f.sha)]);
  report.datasets[captureFiles.name] = { ...idx, setAside: 0 };
  return report;
}

/** The quality gate's verdicts on the captures as they will be written, onto the imported files' reports. */
function attachVerdicts(
  captures: Record<CaptureSection, CaptureTable>,
  files: CaptureTable,
  imported: Map<string, FileReport>,
): void {
  for (const v of judgeCaptures(samplesOf(captures), fileEntriesOf(files))) {
    const report = imported.get(v.fetched_at_utc);
    if (!report) continue;
    (report.verdicts ??= []).push(v);
    if (v.verdict === 'set-aside')
      report.datasets[SECTION_DATASET[v.section].name]!.setAside += v.rows;
  }
}

/** Data API responses, oldest as_of first, so the latest figures end up in the data whatever
 *  the order given. */
function mergeApiResponses(apiFiles: ReadFile[], api: Table, store: RawStore, dataDir: string) {
  const apiData = new ApiDataset(api.table.rows);
  const daysBefore = new Set(api.table.rows.map((r) => r[0]!));
  const reports: FileReport[] = [];
  const restatements: Restatement[] = [];
  let setAside = 0;
  apiFiles.sort((a, b) => compareAsOf(a.api!.asOf, b.api!.asOf) || (a.shown < b.shown ? -1 : 1));
  for (const f of apiFiles) {
    const r = f.api!;
    const place = store.place(f.input, f.bytes, f.sha, API_RAW_FOLDER, apiNames(r, f.sha));
    const rawFile = dataPath(dataDir, place.abs);
    const counts = emptyCounts();
    const report = fileReport(
      f,
      place.copy,
      rawFile,
      r.days.map((d) => d.date),
      { asOf: r.asOf, datasets: { [apiDailyTokens.name]: counts } },
    );
    if (r.asOf === null)
      report.notes.push(
        'as_of unknown: the response has no meta block; its rows are kept with an empty as_of and give way to any response with a known as_of',
      );
    for (const day of r.days) {
      const m = apiData.mergeDay(day, r.asOf, rawFile, f.sha);
      counts.added += m.added;
      counts.unchanged += m.unchanged;
      counts.restated += m.restated.length;
      counts.setAside += m.setAside;
      report.restatements.push(...m.restated);
      if (m.note) report.notes.push(m.note);
    }
    setAside += counts.setAside;
    restatements.push(...report.restatements);
    reports.push(report);
  }
  const daysAdded = () =>
    [...new Set(apiData.rows().map((r) => r[0]!))].filter((d) => !daysBefore.has(d));
  return { apiData, daysAdded, reports, restatements, setAside };
}

interface Output {
  t: Table;
  text: string;
  summary: DatasetSummary;
}

/** A dataset's new file text, with the cells a spreadsheet would run refused. */
function output(t: Table, rows: string[][], setAside: number, problems: ImportProblem[]): Output {
  const table = { header: Object.keys(t.spec.columns), rows };
  problems.push(...spreadsheetProblems(table, `data/${t.spec.file}`).slice(0, 20));
  return {
    t,
    text: formatCsv(table, t.newline),
    summary: summarise(t.spec, t.table.rows, rows, setAside),
  };
}

/**
 * Checks every new file with the pipeline's schemas (written to a temp file beside it), then
 * commits: raw copies first (a dataset row never points at a file that is not there), then each
 * dataset's checked temp file renamed into place. Returns the files written.
 */
async function checkAndCommit(
  outputs: Output[],
  store: RawStore,
  dataDir: string,
  known: KnownIds,
  problems: ImportProblem[],
): Promise<string[]> {
  const tmps: string[] = [];
  try {
    for (const o of outputs) {
      const tmp = `${o.t.abs}.import-${process.pid}.tmp`;
      tmps.push(tmp);
      mkdirSync(dirname(tmp), { recursive: true });
      problems.push(...(await checkWithSchema(o.text, tmp, o.t.spec, known)));
    }
    if (problems.length > 0) throw new ImportError(problems);
    const written: string[] = [];
    for (const [dest, { bytes }] of store.planned) {
      writeFileAtomic(dest, bytes);
      written.push(dataPath(dataDir, dest));
    }
    for (const o of outputs) {
      if (o.text === o.t.before) continue;
      renameSync(`${o.t.abs}.import-${process.pid}.tmp`, o.t.abs);
      written.push(`data/${o.t.spec.file}`);
    }
    return written;
  } finally {
    for (const t of tmps) rmSync(t, { force: true });
  }
}

export async function importFiles(opts: ImportOptions): Promise<ImportResult> {
  const dataDir = resolve(opts.dataDir);
  const cwd = opts.cwd ?? process.cwd();
  const show = (p: string) => {
    const rel = relative(cwd, resolve(p));
    return rel.startsWith('..') ? resolve(p) : rel;
  };
  const { read, skipped } = readInputs(opts, show);
  const known = await knownIds(dataDir);
  const tables = loadTables(dataDir);
  checkAuthors(read, known.labs!);

  const store = new RawStore(dataDir);
  const snapFiles = read.filter((f) => f.snapshot);
  const apiFiles = read.filter((f) => f.api);
  const snaps = mergeSnapshots(snapFiles, tables, store, dataDir);
  const apis = mergeApiResponses(apiFiles, tables.api, store, dataDir);
  const reports = [...snaps.reports, ...apis.reports];

  const problems: ImportProblem[] = [];
  const outputs: Output[] = [];
  if (snapFiles.length > 0) {
    for (const s of CAPTURE_SECTIONS) {
      const setAside = reports.reduce(
        (n, r) => n + (r.datasets[SECTION_DATASET[s].name]?.setAside ?? 0),
        0,
      );
      outputs.push(output(tables.sections[s], snaps.captures[s].rows(), setAside, problems));
    }
    outputs.push(output(tables.index, snaps.files.rows(), 0, problems));
  }
  if (apiFiles.length > 0)
    outputs.push(output(tables.api, apis.apiData.rows(), apis.setAside, problems));
  const written = await checkAndCommit(outputs, store, dataDir, known, problems);

  const result: ImportResult = {
    outcome: written.length > 0 ? 'changed' : 'unchanged',
    files: reports,
    datasets: outputs.map((o) => o.summary),
    restatements: apis.restatements,
    daysAdded: apis.daysAdded(),
    capturesAdded: snaps.files
      .captures()
      .map(([t]) => t)
      .filter((t) => !snaps.capturesBefore.has(t)),
    written,
    skipped,
    report: [],
  };
  result.report = importReport(result);
  return result;
}

const counts = (c: Counts) =>
  `${c.added} added, ${c.unchanged} unchanged, ${c.restated} restated, ${c.setAside} set aside`;
const span = (dates: readonly string[]) =>
  dates.length === 0
    ? 'no dates'
    : dates.length === 1
      ? `1 day, ${dates[0]}`
      : `${dates.length} days, ${dates[0]} to ${dates.at(-1)}`;
const tokens = (s: string | null) => (s === null ? 'not listed (inside "other")' : s);

/** The lines npm run import prints. */
export function importReport(r: ImportResult): string[] {
  const lines: string[] = [];
  for (const f of r.files) {
    const asOf = f.asOf === undefined ? '' : `, as_of ${f.asOf ?? 'unknown'}`;
    lines.push(`${f.file}: ${FORMAT_LABEL[f.format]}${asOf}, ${span(f.dates)}`);
    if (f.copied) lines.push(`  copied to ${f.rawFile}`);
    else if (f.rawFile !== f.file) lines.push(`  already kept as ${f.rawFile}`);
    for (const [ds, c] of Object.entries(f.datasets)) lines.push(`  ${ds}: ${counts(c)}`);
    for (const x of f.restatements) {
      lines.push(
        `  restated ${x.date} ${x.model_permaslug}: ${tokens(x.before)} -> ${tokens(x.after)} (as_of ${x.as_of_before ?? 'unknown'} -> ${x.as_of_after ?? 'unknown'})`,
      );
    }
    for (const n of f.notes) lines.push(`  note: ${n}`);
    for (const w of f.notWritten ?? [])
      lines.push(`  not written: ${w.section} (${f.file}, field ${w.field}): ${w.reason}`);
    if (f.verdicts && f.verdicts.length > 0) {
      const by = (k: CaptureVerdict['verdict']) =>
        f.verdicts!.filter((v) => v.verdict === k).map((v) => v.section);
      const parts = (['good', 'set-aside', 'empty'] as const)
        .map((k) => [k, by(k)] as const)
        .filter(([, xs]) => xs.length > 0);
      lines.push(
        `  quality gate: ${parts.map(([k, xs]) => `${k === 'set-aside' ? 'set aside' : k}: ${xs.join(', ')}`).join('; ')}`,
      );
      for (const v of f.verdicts)
        if (v.verdict === 'set-aside') for (const r of v.reasons) lines.push(`    set aside: ${r}`);
    }
  }
  if (r.skipped.length > 0)
    lines.push(
      `Skipped ${r.skipped.length} file(s) in folders that are not .json: ${r.skipped.join(', ')}`,
    );
  lines.push(
    r.outcome === 'changed'
      ? 'Datasets:'
      : 'Nothing changed in data/ (every row was already there).',
  );
  for (const d of r.datasets)
    lines.push(`  ${d.dataset} (${d.file}): ${d.before} -> ${d.after} rows; ${counts(d)}`);
  if (r.daysAdded.length > 0) lines.push(`  new Data API days: ${span(r.daysAdded)}`);
  if (r.capturesAdded.length > 0) lines.push(`  new captures: ${r.capturesAdded.length}`);
  const raw = r.written.filter((w) => w.startsWith('data/raw/'));
  const csvs = r.written.filter((w) => !w.startsWith('data/raw/'));
  if (raw.length > 0)
    lines.push(
      `Copied into data/raw: ${raw.length <= 3 ? raw.join(', ') : `${raw.length} files (${raw[0]} … ${raw.at(-1)})`}`,
    );
  if (csvs.length > 0) lines.push(`Written: ${csvs.join(', ')}`);
  return lines;
}
