// npm run data: validate data/*.csv and write the typed datasets the pages import.
import { fileURLToPath } from 'node:url';
import { buildData } from '../src/pipeline/run.ts';
import { DataError } from '../src/pipeline/problems.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
// DATA_DIR and OUT_DIR override the folders (tests build a broken copy into a temp folder).
const outDir = process.env.OUT_DIR ?? `${root}src/data/generated`;
const outLabel = process.env.OUT_DIR ?? 'src/data/generated/';
const started = performance.now();
console.log('Building datasets from data/ ...');
try {
  const { output, report } = await buildData({
    dataDir: process.env.DATA_DIR ?? `${root}data`,
    outDir,
    log: (l) => console.log(l),
  });
  const rows = output.provenance.datasets.reduce((s, d) => s + d.rows, 0);
  console.log(`Done: ${output.provenance.datasets.length} datasets, ${rows} rows in ${((performance.now() - started) / 1000).toFixed(2)} s -> ${outLabel}`);
  for (const line of report) console.log(line);
} catch (e) {
  if (e instanceof DataError) {
    console.error(`\n${e.message}\n\nNothing was written: the previous build in ${outLabel} is unchanged.`);
    process.exit(1);
  }
  throw e;
}
