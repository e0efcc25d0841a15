/**
 * No chart's axis labels run together or off the drawing, at the widths readers see (320, 360
 * and 680 px), in any state (api-origins printed "24 August7 September" at 680 px; weekly-tokens ran
 * "AugustSeptemberOctober" together at 360). Boxes are estimated from the rendered SVG as
 * theme.ts estimates text widths.
 */
import { describe, expect, it } from 'vitest';
import { renderSvg } from '../../src/charts/render.ts';
import { WIDTHS as ARTICLE_WIDTHS } from '../../src/lib/widths.ts';
import { EMBED_WIDTHS } from '../../src/publish/share/embed.ts';
import { loadFixture, wordedCharts } from './fixture.ts';
import { labelBoxes, type Box } from './label-boxes.ts';

const charts = wordedCharts(loadFixture());
/** The widths readers see drawings at: embeds on phones, the article on phones, desktop. */
const WIDTHS = [EMBED_WIDTHS.xs, ARTICLE_WIDTHS.narrow, ARTICLE_WIDTHS.wide];
/** Two labels closer than this (px) read as one. */
const GAP = 3;

/** Pairs of neighbouring labels on one axis that touch or overlap, and labels off the edge. */
function collisions(boxes: readonly Box[], width: number): string[] {
  const out: string[] = [];
  const sorted = [...boxes].sort((a, b) => a.x0 - b.x0);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    const sameRow = a.y0 < b.y1 && b.y0 < a.y1;
    if (sameRow && b.x0 < a.x1 + GAP) out.push(`"${a.text}" runs into "${b.text}"`);
  }
  for (const b of boxes)
    if (b.x0 < -1 || b.x1 > width + 1) out.push(`"${b.text}" runs off the drawing`);
  return out;
}

describe('axis labels stay apart and on the drawing', () => {
  it('the check finds labels that run together', () => {
    const box = (text: string, x0: number, x1: number): Box => ({ text, x0, x1, y0: 0, y1: 10 });
    expect(collisions([box('24 August', 500, 560), box('7 September', 561, 630)], 680)).toEqual([
      '"24 August" runs into "7 September"',
    ]);
    expect(collisions([box('Sept', 660, 690)], 680)).toEqual(['"Sept" runs off the drawing']);
    expect(collisions([box('May', 0, 30), box('June', 40, 70)], 680)).toEqual([]);
  });

  for (const chart of charts)
    for (const state of chart.states?.map((s) => s.id) ?? [undefined])
      it(`${chart.id}${state ? `, state ${state}` : ''}, at ${WIDTHS.join(', ')} px`, () => {
        const found = WIDTHS.flatMap((width) =>
          collisions(
            labelBoxes(renderSvg(chart, width, state), 'g[aria-label="x-axis tick label"]'),
            width,
          ).map((c) => `${width} px: ${c}`),
        );
        expect(found).toEqual([]);
      });
});
