/** data/README.md is generated from the schemas and the metadata; the committed file must match. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DATASETS } from '../../src/pipeline/datasets.ts';
import { dataReadme } from '../../src/pipeline/docs.ts';
import type { DatasetMeta } from '../../src/pipeline/meta.ts';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const metas = Object.fromEntries(
  DATASETS.map((s) => [
    s.name,
    JSON.parse(read(`data/${s.file.replace(/\.csv$/, '.meta.json')}`)) as DatasetMeta,
  ]),
);

describe('data/README.md', () => {
  it('is exactly what `npm run docs` writes from the schemas and data/*.meta.json (run it after changing either)', () => {
    const committed = read('data/README.md');
    const generated = dataReadme(DATASETS, metas);
    if (committed !== generated) {
      const a = committed.split('\n');
      const b = generated.split('\n');
      const at = a.findIndex((l, i) => l !== b[i]);
      expect.fail(
        `data/README.md is out of date: run \`npm run docs\`. First difference at line ${at + 1}:\n  committed: ${a[at]}\n  generated: ${b[at]}`,
      );
    }
  });

  it('lists every column of every dataset, in CSV order, with its type (model-prices included revealed_as and revealed_on)', () => {
    const text = dataReadme(DATASETS, metas);
    for (const s of DATASETS) {
      const section = text.slice(text.indexOf(`\n## ${s.file}\n`));
      const rows = [
        ...section
          .slice(0, section.indexOf('\n## ', 5) >>> 0)
          .matchAll(/^\| (\d+) \| `([^`]+)` \|/gm),
      ].map((m) => m[2]);
      expect(rows, s.file).toEqual(Object.keys(s.columns));
    }
    expect(text).toMatch(/\| 4 \| `revealed_as` \| id: lower-case/);
    expect(text).toMatch(/\| 5 \| `revealed_on` \| date \(YYYY-MM-DD\)/);
    expect(text).toContain('| 3 | `origin` | one of `CN`, `US`, `all` |');
  });
});
