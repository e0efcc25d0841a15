import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DATASETS, type DatasetName, type RawDatasets } from './datasets.ts';
import { derive, headlines, type Derived, type Headline } from './derive/index.ts';
import { futureRows } from './checks.ts';
import { loadDataset, type KnownIds, type Provenance } from './load.ts';
import { loadMeta, type DatasetMeta } from './meta.ts';
import { DataError, PROBLEM_CAP, type Problem } from './problems.ts';
import { changeReport, diffRows, type DatasetChange } from './report.ts';
import { verdictReport } from './quality/index.ts';

export interface BuildOptions {
  /** The folder with the CSV snapshots and their metadata. */
  dataDir: string;
  /** The folder the typed datasets are written to; replaced whole, only on success. */
  outDir: string;
  /** Build time recorded in the provenance (injectable for tests). */
  now?: Date;
  log?: (line: string) => void;
  /**
   * Checks the new data before anything is written (the publishing layer fills it with the
   * story and claims check). Throwing stops the build and leaves outDir as it was; `files`
   * it returns are written into outDir together with the datasets, in the same swap.
   */
  verify?: (output: BuildOutput) => Verification | Promise<Verification>;
}

/** What a verify hook hands back: extra JSON files to keep with the generated data. */
export interface Verification {
  files?: Record<string, unknown>;
}

/** What the pages import: raw rows, derived series, metadata and provenance. */
export interface BuildOutput {
  datasets: RawDatasets;
  derived: Derived;
  meta: Record<DatasetName, DatasetMeta>;
  provenance: { built_at: string; datasets: Provenance[] };
  headlines: Headline[];
}

export interface BuildResult {
  output: BuildOutput;
  changes: DatasetChange[];
  report: string[];
  /** What the verify hook returned (empty without a hook). */
  verification: Verification;
}

export const OUTPUT_FILES = [
  'datasets.json',
  'derived.json',
  'meta.json',
  'provenance.json',
] as const;

/**
 * Reads every dataset in data/, checks it, derives the series, runs the verify hook (the
 * story's claims) and only then writes them to outDir. On any problem it throws (one DataError
 * listing every problem of every file, or the hook's error) and leaves outDir exactly as it
 * was: outputs are written to a sibling folder and swapped in at the end.
 */
export async function buildData(opts: BuildOptions): Promise<BuildResult> {
  const builtAt = opts.now ?? new Date();
  const buildDay = builtAt.toISOString().slice(0, 10);
  const { raw, meta, provenance } = await readDatasets(
    opts.dataDir,
    buildDay,
    opts.log ?? (() => {}),
  );
  const datasets = raw as RawDatasets;
  const derived = derive(datasets);
  const output: BuildOutput = {
    datasets,
    derived,
    meta: meta as Record<DatasetName, DatasetMeta>,
    provenance: { built_at: builtAt.toISOString(), datasets: provenance },
    headlines: headlines(derived),
  };

  const verification = (await opts.verify?.(output)) ?? {};

  const previous = await readPrevious(opts.outDir);
  const changes = DATASETS.map((spec) =>
    diffRows(
      spec,
      (previous?.datasets[spec.name as DatasetName] as object[] | undefined) ?? [],
      datasets[spec.name as DatasetName],
    ),
  );
  await writeAtomically(opts.outDir, output, verification.files ?? {});
  const report = [
    ...changeReport(changes, previous?.headlines ?? null, output.headlines),
    ...verdictReport(derived.captureVerdicts),
  ];
  return { output, changes, report, verification };
}

/**
 * Every dataset in data/, in DATASETS order (a dataset's references need the ids of those read
 * before it), with its metadata; throws one DataError listing every problem of every file.
 */
async function readDatasets(dataDir: string, buildDay: string, log: (line: string) => void) {
  const raw: Partial<Record<DatasetName, object[]>> = {};
  const meta: Partial<Record<DatasetName, DatasetMeta>> = {};
  const provenance: Provenance[] = [];
  const problems: Problem[] = [];
  let dropped = 0;
  const known: KnownIds = {};
  for (const spec of DATASETS) {
    const started = performance.now();
    try {
      const { rows, prov } = await readDataset(spec, dataDir, known, buildDay);
      raw[spec.name as DatasetName] = rows;
      provenance.push(prov);
      learnIds(spec.name, rows, known);
      const ms = (performance.now() - started).toFixed(0);
      log(
        `  ok    ${spec.name.padEnd(24)} ${String(prov.rows).padStart(6)} rows  ${(prov.bytes / 1024).toFixed(1).padStart(7)} KB  ${ms.padStart(4)} ms`,
      );
    } catch (e) {
      if (!(e instanceof DataError)) throw e;
      problems.push(...e.problems);
      dropped += e.truncated;
      log(`  FAIL  ${spec.name.padEnd(24)} ${e.problems.length + e.truncated} problem(s)`);
    }
    if (known.sources) {
      try {
        meta[spec.name as DatasetName] = await loadMeta(spec, dataDir, known.sources);
      } catch (e) {
        if (!(e instanceof DataError)) throw e;
        problems.push(...e.problems);
      }
    }
  }
  if (problems.length > 0) throw new DataError(problems, dropped);
  return { raw, meta, provenance };
}

/**
 * One dataset's rows, checked row by row and then across rows (where the spec asks), and no
 * row dated after the build's day (where the spec asks: rows an editor types).
 */
async function readDataset(
  spec: (typeof DATASETS)[number],
  dataDir: string,
  known: KnownIds,
  buildDay: string,
): Promise<{ rows: object[]; prov: Provenance }> {
  const rows: object[] = [];
  // Cross-row checks need each row's line; other datasets (captures) keep no lines.
  const lines: number[] | undefined = spec.checkRows || spec.notAfterBuild ? [] : undefined;
  const prov = await loadDataset(
    spec,
    dataDir,
    known,
    lines
      ? (r, line) => {
          rows.push(r);
          lines.push(line);
        }
      : (r) => rows.push(r),
  );
  const withLines = lines ? rows.map((row, i) => ({ row: row as never, line: lines[i]! })) : [];
  const crossRow = [
    ...(spec.checkRows?.(withLines) ?? []),
    ...futureRows(spec, withLines, buildDay),
  ];
  if (crossRow.length > 0) {
    const file = join('data', spec.file);
    throw new DataError(
      crossRow.slice(0, PROBLEM_CAP).map((p) => ({ file, ...p })),
      Math.max(0, crossRow.length - PROBLEM_CAP),
    );
  }
  return { rows, prov };
}

/** The ids later datasets may refer to: source ids (and which source copies which), lab slugs. */
function learnIds(name: string, rows: object[], known: KnownIds): void {
  if (name === 'sources') {
    const sources = rows as Array<{ id: string; original: string | null }>;
    known.sources = new Set(sources.map((r) => r.id));
    known.originals = new Map(
      sources.flatMap((r) => (r.original ? [[r.id, r.original] as [string, string]] : [])),
    );
  }
  if (name === 'labs') known.labs = new Set(rows.map((r) => (r as { slug: string }).slug));
}

async function readPrevious(
  outDir: string,
): Promise<{ datasets: RawDatasets; headlines: Headline[] } | null> {
  try {
    const datasets = JSON.parse(
      await readFile(join(outDir, 'datasets.json'), 'utf8'),
    ) as RawDatasets;
    const derivedFile = JSON.parse(await readFile(join(outDir, 'derived.json'), 'utf8')) as {
      headlines?: Headline[];
    };
    return { datasets, headlines: derivedFile.headlines ?? [] };
  } catch {
    return null;
  }
}

/** Writes every output file to a fresh sibling folder, then swaps it in with renames. */
async function writeAtomically(
  outDir: string,
  out: BuildOutput,
  extra: Record<string, unknown>,
): Promise<void> {
  const tmp = `${outDir}.tmp-${process.pid}`;
  const old = `${outDir}.old-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  const files: Record<(typeof OUTPUT_FILES)[number], unknown> = {
    'datasets.json': out.datasets,
    'derived.json': { ...out.derived, headlines: out.headlines },
    'meta.json': out.meta,
    'provenance.json': out.provenance,
  };
  for (const name of Object.keys(extra)) {
    if (name in files || !/^[\w.-]+\.json$/.test(name))
      throw new Error(`verify hook: cannot write "${name}" into the generated folder`);
  }
  for (const [name, value] of Object.entries({ ...files, ...extra }))
    await writeFile(join(tmp, name), `${JSON.stringify(value)}\n`);
  await mkdir(dirname(outDir), { recursive: true });
  let hadOld = true;
  try {
    await rename(outDir, old);
  } catch {
    hadOld = false;
  }
  await rename(tmp, outDir);
  if (hadOld) await rm(old, { recursive: true, force: true });
}
