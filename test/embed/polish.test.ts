/**
 * Small things readers and screen readers notice, checked on every built page: no space before
 * ";", "." or "," in any source line (the text as rendered: whitespace collapses to one space),
 * and exactly one aria-hidden on every inline chart SVG (a repeated attribute is ignored by
 * parsers, so the first one wins whatever the second says).
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { DIST, filesUnder } from './helpers.ts';

const pages = filesUnder(DIST, '.html');

describe('source lines and chart SVGs on every page', () => {
  it('no source line has a space before ";", "." or ","', () => {
    expect(pages.length).toBeGreaterThanOrEqual(14);
    let lines = 0;
    const bad: string[] = [];
    for (const f of pages) {
      const { document } = parseHTML(readFileSync(f, 'utf8'));
      for (const el of document.querySelectorAll('.figure-source, [data-source-line]')) {
        lines++;
        const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
        const m = /.{0,30}\s[;.,].{0,10}/.exec(text);
        if (m) bad.push(`${relative(DIST, f)}: "…${m[0]}…"`);
      }
    }
    console.log(`${lines} source lines on ${pages.length} pages`);
    expect(lines).toBeGreaterThanOrEqual(2 * 12);
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it('every inline SVG carries aria-hidden once, set to "true"; downloaded SVGs carry none', () => {
    let svgs = 0;
    for (const f of pages) {
      for (const [tag] of readFileSync(f, 'utf8').matchAll(/<svg\b[^>]*>/g)) {
        svgs++;
        expect(
          [...tag.matchAll(/\saria-hidden="([^"]*)"/g)].map((m) => m[1]),
          `${relative(DIST, f)}: ${tag.slice(0, 100)}`,
        ).toEqual(['true']);
      }
    }
    console.log(`${svgs} inline SVGs`);
    expect(svgs).toBeGreaterThan(12 * 3);
    for (const f of filesUnder(`${DIST}/downloads`, '.svg')) {
      const open = /<svg\b[^>]*>/.exec(readFileSync(f, 'utf8'))![0];
      expect(open, relative(DIST, f)).not.toContain('aria-hidden');
      expect(open, relative(DIST, f)).toContain('role="img"');
    }
  });
});
