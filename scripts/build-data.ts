// npm run data: validate data/*.csv and write the typed datasets the pages import.
import { fileURLToPath } from 'node:url';
import { buildData } from '../src/pipeline/run.ts';
import { DataError } from '../src/pipeline/problems.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const started = performance.now();
console.log('Building datasets from data/ ...');
try {
  const { output, report } = await buildData({
    dataDir: process.env.DATA_DIR ?? `${root}data`,
    outDir: `${root}src/data/generated`,
    log: (l) => console.log(l),
  });
  const rows = output.provenance.datasets.reduce((s, d) => s + d.rows, 0);
  console.log(`Done: ${output.provenance.datasets.length} datasets, ${rows} rows in ${((performance.now() - started) / 1000).toFixed(2)} s -> src/data/generated/`);
  for (const line of report) console.log(line);
} catch (e) {
  if (e instanceof DataError) {
    console.error(`\n${e.message}\n\nNothing was written: the previous build in src/data/generated/ is unchanged.`);
    process.exit(1);
  }
  throw e;
}
