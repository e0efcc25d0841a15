/**
 * share-by-method's words stay clear of its drawing (issue 24: at 375 px "Top-9 models" and
 * "Author shares" sat on the lines). The rendered SVG is read back, as the hero's label test
 * reads its own (share-flip.test.ts): every text's box (labels, the key, the frame notes, the
 * axes' tick labels), every drawn line and link as segments, every dot and triangle as a
 * point; no box may cross a segment or a point, overlap another box or leave the drawing, at
 * any width from 320 to 1280 px in any state.
 */
import { describe, expect, it } from 'vitest';
import { latestOf, weekSeries } from '../../src/data/latest.ts';
import { METHOD_LABEL } from '../../src/charts/share-by-method-model.ts';
import { renderSvg } from '../../src/charts/render.ts';
import { formatPercent } from '../../src/lib/format.ts';
import type { Method } from '../../src/pipeline/derive/weeks.ts';
import { loadFixture, wordedChart } from './fixture.ts';
import { clashes, drawing } from './label-boxes.ts';

const data = loadFixture();
const chart = wordedChart(data, 'share-by-method');
const STATES = chart.states!.map((s) => s.id);
const WIDTHS = [320, 360, 375, 480, 680, 1024, 1280];

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
        for (const name of Object.values(METHOD_LABEL))
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
