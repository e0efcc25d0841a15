// npm run import -- <file|folder>...: raw downloads (rankings-page snapshots, Data API responses)
// into the dataset CSVs in data/. Logic: src/import/.
import { fileURLToPath } from 'node:url';
import { importFiles } from '../src/import/run.ts';
import { ImportError } from '../src/import/problems.ts';
import { DataError } from '../src/pipeline/problems.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
// DATA_DIR overrides the data folder (tests import into a temporary copy).
const dataDir = process.env.DATA_DIR ?? `${root}data`;
try {
  const result = await importFiles({ dataDir, paths: process.argv.slice(2) });
  for (const line of result.report) console.log(line);
} catch (e) {
  if (e instanceof ImportError || e instanceof DataError) {
    console.error(`\n${e.message}\n\nNothing was imported: data/ is unchanged.`);
    process.exit(1);
  }
  throw e;
}
