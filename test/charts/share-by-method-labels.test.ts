/**
 * share-by-method's words stay clear of its drawing (issue 24: at 375 px "Top-9 models" and
 * "Author shares" sat on the lines). The rendered SVG is read back, as the hero's label test
 * reads its own (share-flip.test.ts): every text's box (labels, the key, the frame notes, the
 * axes' tick labels), every drawn line and link as segments, every dot and triangle as a
 * point; no box may cross a segment or a point, overlap another box or leave the drawing, at
 * any width from 320 to 1280 px in any state.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import {
  boxesOverlap,
  labelWidth,
  pointTouches,
  segmentCrosses,
  type Box,
} from '../../src/charts/label-space.ts';
import { latestOf, weekSeries } from '../../src/charts/latest.ts';
import { renderSvg } from '../../src/charts/render.ts';
import { formatPercent } from '../../src/lib/format.ts';
import type { Method } from '../../src/pipeline/derive/weeks.ts';
import { FONT_SIZE } from '../../src/charts/theme.ts';
import { loadFixture, wordedChart } from './fixture.ts';

const data = loadFixture();
const chart = wordedChart(data, 'share-by-method');
const STATES = chart.states!.map((s) => s.id);
const WIDTHS = [320, 360, 375, 480, 680, 1024, 1280];

type Named<T> = T & { text: string };

/** x and y of the first translate() in a transform attribute (0, 0 where there is none). */
function translate(t: string | null): [number, number] {
  const m = /translate\(([-\d.]+),\s*([-\d.]+)\)/.exec(t ?? '');
  return m ? [Number(m[1]), Number(m[2])] : [0, 0];
}

/** What the SVG draws, in its own units: text boxes, line segments and points. */
function drawing(svg: string) {
  const { document } = parseHTML(`<!doctype html><html><body>${svg}</body></html>`);
  const root = document.querySelector('svg')!;
  const boxes: Named<Box>[] = [];
  for (const g of document.querySelectorAll(
    'g[aria-label="text"], g[aria-label="x-axis tick label"], g[aria-label="y-axis tick label"]',
  )) {
    const size = Number(g.getAttribute('font-size') ?? FONT_SIZE);
    const weight = Number(g.getAttribute('font-weight') ?? 400);
    const [gx, gy] = translate(g.getAttribute('transform'));
    for (const t of g.querySelectorAll('text')) {
      const anchor =
        t.getAttribute('text-anchor') ??
        g.getAttribute('text-anchor') ??
        root.getAttribute('text-anchor') ??
        'start';
      const [tx, ty] = translate(t.getAttribute('transform'));
      const em = Number(/([-\d.]+)em/.exec(t.getAttribute('y') ?? '')?.[1] ?? 0);
      const base = gy + ty + em * size;
      const text = t.textContent ?? '';
      const w = labelWidth(text, weight, size);
      const x0 = anchor === 'start' ? gx + tx : anchor === 'end' ? gx + tx - w : gx + tx - w / 2;
      boxes.push({ text, x0, x1: x0 + w, y0: base - 0.8 * size, y1: base + 0.2 * size });
    }
  }
  const segments: Named<{ a: [number, number]; b: [number, number] }>[] = [];
  for (const path of document.querySelectorAll(
    'g[aria-label="line"] path, g[aria-label="link"] path',
  )) {
    const g = path.parentNode as Element;
    const pts = [...(path.getAttribute('d') ?? '').matchAll(/[ML]([-\d.]+),([-\d.]+)/g)].map(
      (m) => [Number(m[1]), Number(m[2])] as [number, number],
    );
    for (let i = 1; i < pts.length; i++)
      segments.push({
        text: `the line ${g.getAttribute('class') ?? ''}`.trim(),
        a: pts[i - 1]!,
        b: pts[i]!,
      });
  }
  const points: Named<{ x: number; y: number; r: number }>[] = [];
  for (const c of document.querySelectorAll('g[aria-label="dot"] circle'))
    points.push({
      text: c.querySelector('title')?.textContent ?? 'dot',
      x: Number(c.getAttribute('cx')),
      y: Number(c.getAttribute('cy')),
      r: Number(c.getAttribute('r')) + 0.9,
    });
  for (const p of document.querySelectorAll('g[aria-label="dot"] path')) {
    const [x, y] = translate(p.getAttribute('transform'));
    points.push({ text: p.querySelector('title')?.textContent ?? 'symbol', x, y, r: 5.4 });
  }
  return { width: Number(root.getAttribute('width')), boxes, segments, points };
}

/** Every clash in a drawing: a text crossing a line or a point, two texts overlapping, a text
 *  out of the drawing. */
function clashes(svg: string): string[] {
  const d = drawing(svg);
  const out: string[] = [];
  d.boxes.forEach((b, i) => {
    if (b.x0 < 0 || b.x1 > d.width) out.push(`"${b.text}" leaves the drawing`);
    for (const s of d.segments)
      if (segmentCrosses(b, ...s.a, ...s.b)) out.push(`"${b.text}" crosses ${s.text}`);
    for (const p of d.points)
      if (pointTouches(b, p.x, p.y, p.r)) out.push(`"${b.text}" covers the point "${p.text}"`);
    for (const other of d.boxes.slice(i + 1))
      if (boxesOverlap(b, other)) out.push(`"${b.text}" overlaps "${other.text}"`);
  });
  return out;
}

describe('the label check', () => {
  it('finds a label on a line, on a point and on another label', () => {
    const svg = `<svg width="200" height="100" text-anchor="middle">
      <g aria-label="line"><path d="M0,50L200,50"/></g>
      <g aria-label="dot"><circle cx="150" cy="20" r="3.5"><title>a point</title></circle></g>
      <g aria-label="text" font-size="13" text-anchor="start">
        <text transform="translate(20,50)" y="0.32em">on the line</text>
        <text transform="translate(110,20)" y="0.32em">on the point</text>
        <text transform="translate(20,80)" y="0.32em">first</text>
        <text transform="translate(30,80)" y="0.32em">second</text>
      </g></svg>`;
    expect(clashes(svg)).toEqual([
      '"on the line" crosses the line',
      '"on the point" covers the point "a point"',
      '"first" overlaps "second"',
    ]);
  });
  it('finds none where the words sit clear of the drawing', () => {
    const svg = `<svg width="200" height="100"><g aria-label="line"><path d="M0,50L200,50"/></g>
      <g aria-label="text" font-size="13" text-anchor="start">
        <text transform="translate(20,30)" y="0.32em">above the line</text></g></svg>`;
    expect(clashes(svg)).toEqual([]);
  });
});

describe('share-by-method labels', () => {
  for (const width of WIDTHS)
    for (const state of STATES)
      it(`no word crosses a line, a point or another word at ${width} px, state ${state}`, () => {
        const svg = renderSvg(chart, width, state);
        const texts = drawing(svg).boxes.map((b) => b.text);
        // Every count is named (in the plot or in the key), and 'even' marks the 50% rule.
        for (const name of ['OpenRouter', 'Media sums', 'Author shares', 'Top-9 models'])
          expect(
            texts.some((t) => t.startsWith(name)),
            name,
          ).toBe(true);
        expect(texts).toContain('even');
        // A one-count state gives that count's latest value: at its last point, or in the key.
        if (state !== 'all') {
          const latest = formatPercent(latestOf(weekSeries(data, state as Method)).value);
          expect(
            texts.some((t) => t === latest || t.endsWith(`, latest ${latest}`)),
            latest,
          ).toBe(true);
        }
        expect(clashes(svg)).toEqual([]);
      });
});
