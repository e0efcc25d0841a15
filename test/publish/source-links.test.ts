// Provenance one click away: every link from a chart's full source list to the methodology
// page lands on an entry there (a source or a dataset), in the built site.
import { existsSync, readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';

const read = (p: string) => parseHTML(readFileSync(p, 'utf8')).document;

describe('links from the source lists (built site)', () => {
  it('land on an entry of the methodology page', () => {
    expect(existsSync('dist/index.html'), 'no built site: run npm run build (npm test does)').toBe(
      true,
    );
    const article = read('dist/index.html');
    const methodology = read('dist/methodology/index.html');
    const hrefs = [...article.querySelectorAll('.provenance a')].map((a) =>
      a.getAttribute('href')!,
    );
    expect(hrefs.length).toBeGreaterThan(20);
    const missing = [...new Set(hrefs)].filter((h) => {
      const m = /methodology\/#(.+)$/.exec(h);
      return !m || !methodology.getElementById(m[1]!);
    });
    expect(missing).toEqual([]);
    // Every figure has its full list, and its source line's "N more" points at it.
    for (const more of article.querySelectorAll('.figure-source a[href^="#"]')) {
      const id = more.getAttribute('href')!.slice(1);
      expect(article.getElementById(id)?.tagName, id).toBe('OL');
    }
  });
});
