/**
 * Synthetic captures for the benchmark: a market-share CSV in the exact shape of
 * data/captures/market-share.csv (same columns, valid values, authors from data/labs.csv,
 * captures in time order, ranks 1-9 per capture), generated deterministically.
 */
import { closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';

export const HEADER = 'snapshot_date,fetched_at_utc,rank,author,tokens,share_pct,source_file';
const RANKS = 9;

/** Deterministic PRNG (mulberry32) so every run benchmarks the same bytes. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The author slugs listed in a labs.csv (first column; slugs never need quoting). */
export function labSlugs(labsCsv: string): string[] {
  return readFileSync(labsCsv, 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l !== '')
    .map((l) => l.slice(0, l.indexOf(',')));
}

export interface GenerateResult {
  rows: number;
  captures: number;
  bytes: number;
}

/**
 * Writes at least `minRows` data rows (whole captures of 9 ranks) to `file`.
 * Captures are 5 minutes apart from 2026-01-05; each has 9 distinct authors with
 * token counts falling by rank and shares (one decimal) that sum to under 100.
 */
export function generateMarketShare(
  file: string,
  minRows: number,
  authors: readonly string[],
  seed = 20260328,
): GenerateResult {
  if (authors.length < RANKS)
    throw new Error(`need at least ${RANKS} authors, got ${authors.length}`);
  const rand = rng(seed);
  const captures = Math.ceil(minRows / RANKS);
  const fd = openSync(file, 'w');
  let buf = `${HEADER}\n`;
  const start = Date.UTC(2026, 0, 5, 7, 0, 0);
  const pool = [...authors];
  try {
    for (let c = 0; c < captures; c++) {
      const t = start + c * 300_000 + Math.floor(rand() * 60_000);
      const iso = new Date(t).toISOString(); // 2026-01-05T07:00:12.345Z
      const micros = String(Math.floor(rand() * 1000)).padStart(3, '0');
      const fetched = `${iso.slice(0, 23)}${micros}+00:00`;
      const day = iso.slice(0, 10);
      const source = `data/${day}/rankings.json`;
      // partial Fisher-Yates: 9 distinct authors
      for (let i = 0; i < RANKS; i++) {
        const j = i + Math.floor(rand() * (pool.length - i));
        const tmp = pool[i]!;
        pool[i] = pool[j]!;
        pool[j] = tmp;
      }
      const total = 5e12 + Math.floor(rand() * 20e12); // platform tokens so far this week
      let share = 12 + rand() * 10; // rank 1 share, percent
      for (let r = 0; r < RANKS; r++) {
        const pct = Math.round(share * 10) / 10;
        const tokens = Math.floor((total * share) / 100);
        buf += `${day},${fetched},${r + 1},${pool[r]},${tokens},${pct.toFixed(1)},${source}\n`;
        share *= 0.6 + rand() * 0.35;
      }
      if (buf.length > 1 << 20) {
        writeSync(fd, buf);
        buf = '';
      }
    }
    writeSync(fd, buf);
  } finally {
    closeSync(fd);
  }
  return { rows: captures * RANKS, captures, bytes: statSync(file).size };
}
