/**
 * Compares two built sites file by file (`node scripts/compare-builds.ts BEFORE AFTER`): every
 * file's bytes must be equal once the build's own timestamps are normalised (ISO date-times, as
 * in provenance's built_at, become one fixed token). Used to prove that a refactor (the move of
 * the copy into src/story/article.aml) changed nothing a reader sees. Prints the count of files
 * compared and differing, and each differing or missing path; exits 1 on any difference.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ISO = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)/g;

function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

const normalise = (b: Buffer): Buffer =>
  Buffer.from(b.toString('latin1').replace(ISO, '<ISO>'), 'latin1');

const [before, after] = process.argv.slice(2);
if (!before || !after) {
  console.error('usage: node scripts/compare-builds.ts BEFORE_DIR AFTER_DIR');
  process.exit(2);
}
const a = files(before);
const b = new Set(files(after));
const differing: string[] = [];
const missing: string[] = [];
let compared = 0;
for (const f of a) {
  if (!b.has(f)) {
    missing.push(`only in ${before}: ${f}`);
    continue;
  }
  b.delete(f);
  compared++;
  const x = readFileSync(join(before, f));
  const y = readFileSync(join(after, f));
  if (x.equals(y)) continue;
  if (!normalise(x).equals(normalise(y))) differing.push(f);
}
for (const f of b) missing.push(`only in ${after}: ${f}`);
for (const m of missing) console.log(m);
for (const d of differing) console.log(`differs: ${d}`);
console.log(
  `${compared} files compared, ${differing.length} differing, ${missing.length} in one build only`,
);
process.exit(differing.length + missing.length > 0 ? 1 : 0);
