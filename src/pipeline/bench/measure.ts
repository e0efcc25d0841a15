/**
 * One benchmark measurement, run in its own process so its peak RSS is its own:
 *   node src/pipeline/bench/measure.ts bare|pipeline <data dir> <labs.csv>
 * Prints one JSON line: { kind, rows, ms, maxRssMB, check }.
 * bare: papaparse streaming the file and counting rows (the floor).
 * pipeline: loadDataset with the captures-market-share spec (every check on), rows streamed
 * into a reducer that keeps only per-origin sums.
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { marketShare } from '../datasets.ts';
import { loadDataset } from '../load.ts';
import { labSlugs } from './generate.ts';

export interface Measurement {
  kind: 'bare' | 'pipeline';
  rows: number;
  ms: number;
  maxRssMB: number;
  /** A value derived from the rows, so the work cannot be skipped. */
  check: number;
}

export function bare(file: string): Promise<{ rows: number; check: number }> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    let fields = 0;
    Papa.parse<string[]>(createReadStream(file, { encoding: 'utf8' }), {
      delimiter: ',',
      skipEmptyLines: false,
      chunk(results) {
        for (const r of results.data) {
          if (r.length === 1 && r[0] === '') continue; // the empty line after the last newline
          rows++;
          fields += r.length;
        }
      },
      complete: () => resolve({ rows: rows - 1, check: fields }), // minus the header
      error: (e: Error) => reject(e),
    });
  });
}

export async function pipeline(
  dataDir: string,
  labsCsv: string,
): Promise<{ rows: number; check: number }> {
  const slugs = labSlugs(labsCsv);
  const origin = new Map<string, number>(slugs.map((s, i) => [s, i % 3]));
  const sums = [0, 0, 0];
  const prov = await loadDataset(marketShare, dataDir, { labs: new Set(slugs) }, (row) => {
    sums[origin.get(row.author)!]! += row.tokens;
  });
  return { rows: prov.rows, check: sums[0]! + sums[1]! + sums[2]! };
}

async function main(): Promise<void> {
  const [kind, dataDir, labsCsv] = process.argv.slice(2);
  if ((kind !== 'bare' && kind !== 'pipeline') || !dataDir || !labsCsv) {
    throw new Error('usage: measure.ts bare|pipeline <data dir> <labs.csv>');
  }
  const t0 = performance.now();
  const r =
    kind === 'bare'
      ? await bare(join(dataDir, marketShare.file))
      : await pipeline(dataDir, labsCsv);
  const ms = performance.now() - t0;
  const out: Measurement = {
    kind,
    rows: r.rows,
    ms,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    check: r.check,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

if (import.meta.main) await main();
