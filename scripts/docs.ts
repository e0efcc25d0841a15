// npm run docs: writes data/README.md from the dataset schemas and data/*.meta.json (the only
// way that file is written; test/pipeline/docs.test.ts fails when it is out of date).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DATASETS } from '../src/pipeline/datasets.ts';
import { dataReadme, README_FILE } from '../src/pipeline/docs.ts';
import type { DatasetMeta } from '../src/pipeline/meta.ts';

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
