/**
 * Free space for labels drawn inside a plot: a label's box in px, whether it crosses a line, a
 * point or another label, and the first free spot among candidates. Where lines end mid-chart
 * (share-by-method's counts from the rankings-page captures stop in May), a label at the line
 * end lands on the other lines; searching candidates around the series' own points finds a
 * spot beside its line that is clear of everything drawn (issue 24).
 *
 * Boxes use the same text-width estimate as the rest of the theme (theme.ts textWidth) and
 * Plot's vertical placement of a one-line text with lineAnchor 'middle' (y="0.32em").
 */
import { LABEL_SIZE, textWidth } from './theme.ts';

/** A rectangle in px (SVG units): left, right, top, bottom. */
export interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export type Anchor = 'start' | 'middle' | 'end';

/** A text's position in px: x at its anchor, y at its vertical middle. */
export interface Spot {
  x: number;
  y: number;
  anchor: Anchor;
}

/** What a label must stay clear of, in px: line segments [x1, y1, x2, y2], points (centre and
 *  radius) and boxes of labels already placed. */
export interface Obstacles {
  segments: [number, number, number, number][];
  points: { x: number; y: number; r: number }[];
  boxes: Box[];
}

/** Width (px) of a text at the label size, a tenth wider when bold (weight 600 and up): the
 *  theme's estimate is for regular text, and bold names ran into each other at 360 px. */
export const labelWidth = (text: string, weight = 400, size = LABEL_SIZE): number =>
  Math.ceil(textWidth(text, size) * (weight >= 600 ? 1.1 : 1));

/** The box of a one-line text at a spot, as Plot draws it with lineAnchor 'middle': the
 *  baseline 0.32 em under y, ascenders 0.8 em above it, descenders 0.2 em under it. */
export function textBox(text: string, spot: Spot, weight = 400, size = LABEL_SIZE): Box {
  const w = labelWidth(text, weight, size);
  const x0 = spot.anchor === 'start' ? spot.x : spot.anchor === 'end' ? spot.x - w : spot.x - w / 2;
  const base = spot.y + 0.32 * size;
  return { x0, x1: x0 + w, y0: base - 0.8 * size, y1: base + 0.2 * size };
}

/** A box grown by `pad` px on every side. */
export const padded = (b: Box, pad: number): Box => ({
  x0: b.x0 - pad,
  x1: b.x1 + pad,
  y0: b.y0 - pad,
  y1: b.y1 + pad,
});

export const boxesOverlap = (a: Box, b: Box): boolean =>
  a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

const inside = (b: Box, x: number, y: number): boolean =>
  x > b.x0 && x < b.x1 && y > b.y0 && y < b.y1;

/** Whether the segment from (ax, ay) to (bx, by) passes through a box (Liang–Barsky clipping). */
export function segmentCrosses(b: Box, ax: number, ay: number, bx: number, by: number): boolean {
  if (inside(b, ax, ay) || inside(b, bx, by)) return true;
  const dx = bx - ax;
  const dy = by - ay;
  let t0 = 0;
  let t1 = 1;
  const edges: [number, number][] = [
    [-dx, ax - b.x0],
    [dx, b.x1 - ax],
    [-dy, ay - b.y0],
    [dy, b.y1 - ay],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q <= 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}

/** Whether a circle of radius r at (x, y) reaches into a box. */
export function pointTouches(b: Box, x: number, y: number, r: number): boolean {
  const nx = Math.max(b.x0, Math.min(x, b.x1));
  const ny = Math.max(b.y0, Math.min(y, b.y1));
  return (nx - x) ** 2 + (ny - y) ** 2 < r * r;
}

/** Whether a box is clear of every obstacle. */
export function isClear(b: Box, o: Obstacles): boolean {
  return (
    o.boxes.every((other) => !boxesOverlap(b, other)) &&
    o.points.every((p) => !pointTouches(b, p.x, p.y, p.r)) &&
    o.segments.every(([ax, ay, bx, by]) => !segmentCrosses(b, ax, ay, bx, by))
  );
}

/** The first candidate spot where the text's box (grown by `pad`) lies within `bounds` and
 *  clear of the obstacles; undefined when none is. */
export function freeSpot(
  text: string,
  weight: number,
  candidates: readonly Spot[],
  obstacles: Obstacles,
  bounds: Box,
  pad = 2,
): Spot | undefined {
  return candidates.find((spot) => {
    const b = padded(textBox(text, spot, weight), pad);
    const within = b.x0 >= bounds.x0 && b.x1 <= bounds.x1 && b.y0 >= bounds.y0 && b.y1 <= bounds.y1;
    return within && isClear(b, obstacles);
  });
}

/** Candidate spots around a point, nearest first: beside it on the right, above, below, on
 *  the left, then at the diagonals and further above and below. */
export function spotsAround(x: number, y: number, gap = 7): Spot[] {
  const up = LABEL_SIZE / 2 + gap;
  return [
    { x: x + gap, y, anchor: 'start' },
    { x, y: y - up, anchor: 'middle' },
    { x, y: y + up, anchor: 'middle' },
    { x: x - gap, y, anchor: 'end' },
    { x: x + gap / 2, y: y - up, anchor: 'start' },
    { x: x + gap / 2, y: y + up, anchor: 'start' },
    { x: x - gap / 2, y: y - up, anchor: 'end' },
    { x: x - gap / 2, y: y + up, anchor: 'end' },
    { x, y: y - up - LABEL_SIZE, anchor: 'middle' },
    { x, y: y + up + LABEL_SIZE, anchor: 'middle' },
  ];
}

/** The obstacles of line series drawn as dots joined within a segment (a line breaks where its
 *  segment changes): each dot with radius `r` and each joining stretch. */
export function seriesObstacles(
  series: readonly (readonly { x: number; y: number; segment: string }[])[],
  r: number,
): Pick<Obstacles, 'segments' | 'points'> {
  const out: Pick<Obstacles, 'segments' | 'points'> = { segments: [], points: [] };
  for (const pts of series)
    pts.forEach((p, i) => {
      out.points.push({ x: p.x, y: p.y, r });
      const prev = pts[i - 1];
      if (prev && prev.segment === p.segment) out.segments.push([prev.x, prev.y, p.x, p.y]);
    });
  return out;
}

/** The first free spot for a text (freeSpot), its box then marked taken so later labels keep
 *  clear of it; undefined when none is free. */
export function takeSpot(
  text: string,
  weight: number,
  candidates: readonly Spot[],
  obstacles: Obstacles,
  bounds: Box,
): Spot | undefined {
  const spot = freeSpot(text, weight, candidates, obstacles, bounds);
  if (spot) obstacles.boxes.push(textBox(text, spot, weight));
  return spot;
}
