/**
 * npm run bench: generates (once) a million-row market-share capture in .bench/, then times a
 * bare papaparse stream against the pipeline's loadDataset on it, interleaved, each in its own
 * child process (so peak RSS is per measurement), and prints the medians.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { marketShare } from '../datasets.ts';
import { generateMarketShare, HEADER, labSlugs } from './generate.ts';
import type { Measurement } from './measure.ts';

export interface BenchOptions {
  root: string;
  rows?: number;
  repeats?: number;
  log?: (line: string) => void;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export async function runBench(opts: BenchOptions): Promise<{ ratio: number; lines: string[] }> {
  const log = opts.log ?? console.log;
  // About 150 MB of capture CSV, the size the target is set for.
  const rows = opts.rows ?? 1_470_000;
  const repeats = opts.repeats ?? 3;
  const labsCsv = join(opts.root, 'data', 'labs.csv');
  const dataDir = join(opts.root, '.bench', 'data');
  const file = join(dataDir, marketShare.file);
  const stamp = join(opts.root, '.bench', 'market-share.json');
  const want = JSON.stringify({ rows, labs: labSlugs(labsCsv), header: HEADER, version: 1 });
  if (!existsSync(file) || !existsSync(stamp) || readFileSync(stamp, 'utf8') !== want) {
    mkdirSync(join(dataDir, 'captures'), { recursive: true });
    const t = performance.now();
    const g = generateMarketShare(file, rows, labSlugs(labsCsv));
    writeFileSync(stamp, want);
    log(
      `generated ${file}: ${g.rows} rows, ${g.captures} captures in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
  }
  const mb = statSync(file).size / 1e6;
  const measureScript = new URL('./measure.ts', import.meta.url).pathname;
  const measure = (kind: 'bare' | 'pipeline'): Measurement => {
    const r = spawnSync(process.execPath, [measureScript, kind, dataDir, labsCsv], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    if (r.status !== 0) throw new Error(`${kind} measurement failed (${r.status}):\n${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Measurement;
  };
  const results: Record<'bare' | 'pipeline', Measurement[]> = { bare: [], pipeline: [] };
  for (let i = 0; i < repeats; i++) {
    for (const kind of ['bare', 'pipeline'] as const) {
      const m = measure(kind);
      results[kind].push(m);
      log(
        `  run ${i + 1} ${kind.padEnd(8)} ${(m.ms / 1000).toFixed(2)} s  ${(mb / (m.ms / 1000)).toFixed(1)} MB/s  peak RSS ${m.maxRssMB.toFixed(0)} MB`,
      );
    }
  }
  const [b, p] = [results.bare, results.pipeline];
  if (b.some((m) => m.rows !== b[0]!.rows) || p.some((m) => m.rows !== b[0]!.rows)) {
    throw new Error(
      `row counts differ: bare ${b.map((m) => m.rows)} pipeline ${p.map((m) => m.rows)}`,
    );
  }
  const bMs = median(b.map((m) => m.ms));
  const pMs = median(p.map((m) => m.ms));
  const ratio = pMs / bMs;
  const lines = [
    `file ${mb.toFixed(1)} MB, ${b[0]!.rows} rows`,
    `bare papaparse   median ${(bMs / 1000).toFixed(2)} s  ${(mb / (bMs / 1000)).toFixed(1)} MB/s  peak RSS ${Math.max(...b.map((m) => m.maxRssMB)).toFixed(0)} MB`,
    `pipeline load    median ${(pMs / 1000).toFixed(2)} s  ${(mb / (pMs / 1000)).toFixed(1)} MB/s  peak RSS ${Math.max(...p.map((m) => m.maxRssMB)).toFixed(0)} MB`,
    `ratio ${ratio.toFixed(2)}`,
  ];
  for (const l of lines) log(l);
  return { ratio, lines };
}
