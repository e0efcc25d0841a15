/**
 * src/story/REFERENCE.md is exactly what `npm run docs` writes from the current data (like
 * data/README.md), and names every placeholder and claim the copy document uses.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { referenceText } from '../../src/publish/data-step/copy-reference-data.ts';
import { REFERENCE_FILE } from '../../src/publish/data-step/copy-reference.ts';
import { ARTICLE_FILE } from '../../src/story/document.ts';

const read = (f: string) => readFileSync(new URL(`../../${f}`, import.meta.url), 'utf8');

describe('the copy reference', () => {
  const generated = referenceText();

  it('is exactly what `npm run docs` writes (run it after changing the copy, the figures or the data)', () => {
    const committed = read(REFERENCE_FILE);
    if (committed !== generated) {
      const a = committed.split('\n');
      const b = generated.split('\n');
      const at = a.findIndex((l, i) => l !== b[i]);
      expect.fail(
        `${REFERENCE_FILE} is out of date: run \`npm run docs\`. First difference at line ${at + 1}:\n  committed: ${a[at]}\n  generated: ${b[at]}`,
      );
    }
  });

  it('lists every placeholder and claim marker the document uses, with a current value', () => {
    // Without the :skip ... :endskip guide at its top (it names markers as examples).
    const doc = read(ARTICLE_FILE).replace(/^:skip[\s\S]*?^:endskip$/m, '');
    const used = new Set([...doc.matchAll(/\{[!^]?([a-zA-Z][\w-]*)\}/g)].map((m) => m[0]));
    expect(used.size).toBeGreaterThan(100);
    for (const marker of used) {
      const name = marker.replace('{^', '{');
      const row = generated.split('\n').find((l) => l.includes(`| \`${name}\` |`));
      expect(row, marker).toBeDefined();
      // Every cell filled: a value (or a verdict) for each.
      expect(
        row!.split(' | ').every((c) => c.trim() !== ''),
        marker,
      ).toBe(true);
    }
  });
});
