/**
 * Chart tests: SVG snapshots per chart, width and state (test/charts/__snapshots__), plus
 * checks on rows, descriptions, ids, determinism and escaping.
 * A missing snapshot is written only with UPDATE_SNAPSHOTS=1; a changed one is written beside
 * the committed file as <name>-changed.svg and the test fails.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildCharts, CHART_IDS } from '../../src/charts/index.ts';
import { renderSvg } from '../../src/charts/render.ts';
import type { SiteData } from '../../src/charts/types.ts';
import { computeStory } from '../../src/story/facts.ts';
import { renderArticle } from '../../src/story/prepare.ts';
import { loadFixture } from './fixture.ts';

const SNAP_DIR = fileURLToPath(new URL('./__snapshots__/', import.meta.url));
const WIDTHS = [360, 680] as const;
const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';

const data = loadFixture();
// With the words the copy document (src/story/article.aml) gives them, as the pages show them.
const charts = renderArticle(computeStory(data), buildCharts(data), (h) => h).charts;

function checkSnapshot(name: string, svg: string): void {
  mkdirSync(SNAP_DIR, { recursive: true });
  const file = `${SNAP_DIR}${name}.svg`;
  const changed = `${SNAP_DIR}${name}-changed.svg`;
  if (!existsSync(file)) {
    if (UPDATE) {
      writeFileSync(file, svg);
      return;
    }
    throw new Error(`no snapshot ${name}.svg: run with UPDATE_SNAPSHOTS=1 to write it`);
  }
  const expected = readFileSync(file, 'utf8');
  if (expected === svg) {
    if (existsSync(changed)) rmSync(changed);
    return;
  }
  if (UPDATE) {
    writeFileSync(file, svg);
    if (existsSync(changed)) rmSync(changed);
    return;
  }
  writeFileSync(changed, svg);
  throw new Error(
    `snapshot ${name}.svg changed: see ${name}-changed.svg (UPDATE_SNAPSHOTS=1 accepts it)`,
  );
}

describe('charts', () => {
  it('builds every chart id once, in article order', () => {
    expect(charts.map((c) => c.id)).toEqual([...CHART_IDS]);
    expect(new Set(charts.map((c) => c.id)).size).toBe(charts.length);
    expect(charts.length).toBeGreaterThanOrEqual(11);
  });

  for (const chart of charts) {
    describe(chart.id, () => {
      it('has rows, columns, sources and a data-driven description', () => {
        expect(chart.rows.length).toBeGreaterThan(0);
        expect(chart.columns.length).toBeGreaterThan(0);
        expect(chart.sourceIds.length).toBeGreaterThan(0);
        expect(chart.datasets.length).toBeGreaterThan(0);
        expect(chart.title.length).toBeGreaterThan(0);
        expect(chart.subtitle.length).toBeGreaterThan(0);
        expect(chart.notes.length).toBeGreaterThan(0);
        expect(chart.description.trim().length).toBeGreaterThan(0);
        // At least one house-formatted figure: 4.69T, 58.7%, $0.30, 59K, 13,620,750, 2026 ...
        expect(chart.description).toMatch(/\d/);
        expect(chart.description).toMatch(
          /\d(\.\d+)?(T|B|M|K|%|×)|\$\d|\d,\d{3}|\d{1,2} [A-Z][a-z]+ \d{4}/,
        );
        for (const text of [chart.title, chart.subtitle, chart.description, ...chart.notes]) {
          expect(text).not.toMatch(/NaN|undefined|null|Infinity|\[object/);
        }
      });

      it('formats every table cell', () => {
        for (const row of chart.rows) {
          for (const c of chart.columns) {
            const cell = c.format((row as Record<string, never>)[c.key], row);
            expect(typeof cell).toBe('string');
            expect(cell).not.toMatch(/NaN|undefined|Infinity|\[object/);
          }
        }
      });

      it('cites only known sources', () => {
        const known = new Set(data.datasets.sources.map((s) => s.id));
        for (const id of chart.sourceIds) expect(known.has(id), id).toBe(true);
      });

      const states = chart.states?.map((s) => s.id) ?? [undefined];
      for (const width of WIDTHS) {
        for (const state of states) {
          const name = `${chart.id}-${width}${state ? `-${state}` : ''}`;
          it(`renders ${name} as in its snapshot`, () => {
            const svg = renderSvg(chart, width, state);
            expect(svg).not.toContain('NaN');
            expect(svg).not.toContain('undefined');
            expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
            expect(svg).toMatch(/^<svg [^>]*role="img"/);
            expect(svg).toContain(`class="plot-${chart.id}"`);
            expect(svg).not.toMatch(/plot-[0-9a-f]{6}\b/);
            for (const m of svg.matchAll(
              /\s(?:d|x|y|x1|x2|y1|y2|cx|cy|r|width|height|transform|points)="([^"]*)"/g,
            )) {
              expect(m[1]!.replace(/-?\d*\.\d+em/g, '')).not.toMatch(/\d\.\d{2,}/);
            }
            expect(svg).not.toMatch(/<g (?![^>]*role="group")[^>]*aria-label=/);
            expect(svg).toContain('<title>');
            expect(svg).toContain('<desc>');
            expect(renderSvg(chart, width, state)).toBe(svg);
            checkSnapshot(name, svg);
          });
        }
      }
    });
  }

  it('resolves theme colours for standalone files', () => {
    const svg = renderSvg(charts[0]!, 680, undefined, { theme: 'dark' });
    expect(svg).not.toContain('var(--c-');
    expect(renderSvg(charts[0]!, 680)).toContain('var(--c-');
  });

  it('escapes HTML-special characters in names', () => {
    const evil = '<b>x</b> & "y"';
    const copy = JSON.parse(JSON.stringify(data)) as SiteData;
    const lab = copy.datasets.labs.find((l) => l.slug === 'google')!;
    lab.lab = evil;
    const price = copy.datasets['model-prices'][0]!;
    price.model = evil;
    for (const p of copy.derived.prices) if (p.model_id === price.model_id) p.model = evil;
    const app = copy.derived.apps[0]!;
    app.name = evil;
    const built = buildCharts(copy);
    let seen = 0;
    for (const chart of built) {
      const svg = renderSvg(chart, 680, chart.states?.[0]?.id);
      expect(svg).not.toContain('<b>');
      if (svg.includes('&lt;b&gt;x&lt;/b&gt; &amp;')) seen++;
    }
    // The name appears (escaped) in the author, price, context, session and app charts.
    expect(seen).toBeGreaterThanOrEqual(4);
  });
});
