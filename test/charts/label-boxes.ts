/** Where a chart's labels sit, from its rendered SVG, for the tests that no label overlaps
 *  another (text widths estimated as theme.ts estimates them). */
import { parseHTML } from 'linkedom';
import { FONT_SIZE, textWidth } from '../../src/charts/theme.ts';

export interface Box {
  text: string;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** Boxes (px, in the SVG's own units) of every label the chart places: frame notes, end labels
 *  and annotations (class flip-label), and both axes' tick labels, from the rendered SVG; or
 *  those of the groups `selector` picks. */
export function labelBoxes(
  svg: string,
  selector = 'g.flip-label, g[aria-label="x-axis tick label"], g[aria-label="y-axis tick label"]',
): Box[] {
  const { document } = parseHTML(`<!doctype html><html><body>${svg}</body></html>`);
  const num = (s: string | null, i: number) =>
    Number(/translate\(([-\d.]+),([-\d.]+)\)/.exec(s ?? '')?.[i] ?? 0);
  const boxes: Box[] = [];
  for (const g of document.querySelectorAll(selector)) {
    // Axis labels take the chart's own font size (theme.ts FONT_SIZE) from the SVG's style.
    const size = Number(g.getAttribute('font-size') ?? FONT_SIZE);
    for (const t of g.querySelectorAll('text')) {
      // The nearest text-anchor up the tree (the axes inherit the drawing's "middle").
      const anchor = t.closest('[text-anchor]')?.getAttribute('text-anchor') ?? 'start';
      const x = num(g.getAttribute('transform'), 1) + num(t.getAttribute('transform'), 1);
      const y = num(g.getAttribute('transform'), 2) + num(t.getAttribute('transform'), 2);
      const em = Number(/([-\d.]+)em/.exec(t.getAttribute('y') ?? '')?.[1] ?? 0);
      const base = y + em * size;
      const w = textWidth(t.textContent ?? '', size);
      const x0 = anchor === 'start' ? x : anchor === 'end' ? x - w : x - w / 2;
      boxes.push({
        text: t.textContent ?? '',
        x0,
        x1: x0 + w,
        y0: base - 0.8 * size,
        y1: base + 0.2 * size,
      });
    }
  }
  return boxes;
}
