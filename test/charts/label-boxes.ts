/** Where a chart's labels and marks sit, read back from its rendered SVG, for the tests that
 *  no label overlaps another, a line or a point (text widths estimated as the charts estimate
 *  them: theme.ts textWidth, label-space.ts labelWidth). */
import { parseHTML } from 'linkedom';
import {
  boxesOverlap,
  labelWidth,
  pointTouches,
  segmentCrosses,
  type Box as Rect,
} from '../../src/charts/label-space.ts';
import { FONT_SIZE, textWidth } from '../../src/charts/theme.ts';

type Named<T> = T & { text: string };
/** A label's box in px with its text. */
export type Box = Named<Rect>;

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

/** x and y of the first translate() in a transform attribute (0, 0 where there is none). */
function translate(t: string | null): [number, number] {
  const m = /translate\(([-\d.]+),\s*([-\d.]+)\)/.exec(t ?? '');
  return m ? [Number(m[1]), Number(m[2])] : [0, 0];
}

/** What the SVG draws, in its own units: text boxes, line segments and points. */
export function drawing(svg: string) {
  const { document } = parseHTML(`<!doctype html><html><body>${svg}</body></html>`);
  const root = document.querySelector('svg')!;
  const boxes: Box[] = [];
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
      // The text's own words, not its tooltip (a <title> inside the <text>).
      const text = [...t.childNodes]
        .filter((n) => n.nodeType === 3)
        .map((n) => n.textContent)
        .join('');
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
export function clashes(svg: string): string[] {
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
