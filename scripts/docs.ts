// npm run docs: writes data/README.md from the dataset schemas and data/*.meta.json (the only
// way that file is written; test/pipeline/docs.test.ts fails when it is out of date), and the
// copy's reference of placeholders and claims, src/story/REFERENCE.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DATASETS } from '../src/pipeline/datasets.ts';
import { dataReadme, README_FILE } from '../src/pipeline/docs.ts';
import type { DatasetMeta } from '../src/pipeline/meta.ts';
import { REFERENCE_FILE } from '../src/publish/data-step/copy-reference.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const metas: Record<string, DatasetMeta> = {};
for (const s of DATASETS)
  metas[s.name] = JSON.parse(
    readFileSync(`${root}data/${s.file.replace(/\.csv$/, '.meta.json')}`, 'utf8'),
  ) as DatasetMeta;
const text = dataReadme(DATASETS, metas);
const before = (() => {
  try {
    return readFileSync(`${root}${README_FILE}`, 'utf8');
  } catch {
    return '';
  }
})();
writeFileSync(`${root}${README_FILE}`, text);
console.log(
  before === text
    ? `${README_FILE} is up to date`
    : `wrote ${README_FILE} (${DATASETS.length} datasets)`,
);

// And src/story/REFERENCE.md: every placeholder and claim of the copy with its current value,
// from the generated data (run `npm run data` first; test/story/reference.test.ts checks it).
const { referenceText } = await import('../src/publish/data-step/copy-reference-data.ts');
const reference = referenceText();
const refBefore = (() => {
  try {
    return readFileSync(`${root}${REFERENCE_FILE}`, 'utf8');
  } catch {
    return '';
  }
})();
writeFileSync(`${root}${REFERENCE_FILE}`, reference);
console.log(
  refBefore === reference ? `${REFERENCE_FILE} is up to date` : `wrote ${REFERENCE_FILE}`,
);
