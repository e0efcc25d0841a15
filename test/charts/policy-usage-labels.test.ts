/**
 * policy-usage's words stay clear of its drawing (issue 24: at 375 px "Top-9 models" and
 * "Author shares" sat on the lines, "even" on the first weeks' dots, the strip's "2025" ran
 * into "2022–24" and the months into each other). Read back from the rendered SVG as
 * share-by-method's test reads its own: no text crosses a line or a point, overlaps another
 * text or leaves the drawing, at the widths readers see.
 */
import { describe, expect, it } from 'vitest';
import { renderSvg } from '../../src/charts/render.ts';
import { METHOD_LABEL } from '../../src/charts/share-by-method-model.ts';
import { loadFixture, wordedChart } from './fixture.ts';
import { clashes, drawing } from './label-boxes.ts';

const chart = wordedChart(loadFixture(), 'policy-usage');

describe('policy-usage labels', () => {
  for (const width of [320, 360, 375, 680])
    it(`no word crosses a line, a point or another word at ${width} px`, () => {
      const svg = renderSvg(chart, width);
      const texts = drawing(svg).boxes.map((b) => b.text);
      for (const name of Object.values(METHOD_LABEL)) expect(texts, name).toContain(name);
      expect(texts).toContain('even');
      expect(clashes(svg)).toEqual([]);
    });
});
