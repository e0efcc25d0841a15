/**
 * policy-usage's words inside its panel: each count's name and "even" at the first free spot
 * beside its own line or the 50% rule, clear of every line, dot, event rule and other label.
 * The captures' counts end in May, mid-panel, so names at the line ends sat on the other lines
 * (seen at 375 px), and "even" at the left edge sat on the first weeks' dots (issue 24).
 * The placement is label-space.ts's, as on share-by-method.
 */
import * as Plot from '@observablehq/plot';
import { cssVar } from '../lib/palette.ts';
import type { Method } from '../pipeline/derive/weeks.ts';
import {
  freeSpot,
  type Obstacles,
  seriesObstacles,
  type Spot,
  spotsAround,
  takeSpot,
  textBox,
} from './label-space.ts';
import { ms, type PolicyRow } from './policy-parts.ts';
import { methodLabel, type PanelLayout, type UsageModel } from './policy-usage-model.ts';
import { dodge, HALO, LABEL_SIZE } from './theme.ts';

const NAME_WEIGHT = 600;

/** What a word in the panel must stay clear of, in px: each count's line and dots, each event's
 *  rule and number, the gridlines. */
function obstaclesOf({ methods, inside }: UsageModel, panel: PanelLayout): Obstacles {
  const drawn = seriesObstacles(
    methods.map((m) => panel.points.filter((p) => p.method === m)),
    4,
  );
  const segments = drawn.segments;
  const ruleXs = inside.map((e: PolicyRow) => ({ n: e.n, x: panel.px(ms(e.date)) }));
  for (const { x } of ruleXs) segments.push([x, panel.top, x, panel.bottom]);
  for (const v of panel.yTicks) segments.push([panel.left, panel.py(v), panel.right, panel.py(v)]);
  return {
    segments,
    points: drawn.points,
    boxes: ruleXs.map(({ n, x }) =>
      textBox(String(n), { x, y: panel.top + 2 + LABEL_SIZE / 2, anchor: 'middle' }, 700),
    ),
  };
}

/** Spots on a grid over the panel, nearest a count's points first: where every spot beside
 *  its points is taken (a narrow panel, 320 px), the nearest free place is still near it. */
function nearestSpots(
  pts: readonly { x: number; y: number }[],
  bounds: { x0: number; x1: number; y0: number; y1: number },
): Spot[] {
  const grid: { spot: Spot; d: number }[] = [];
  for (let x = bounds.x0 + 2; x < bounds.x1; x += 8)
    for (let y = bounds.y0 + LABEL_SIZE; y < bounds.y1 - LABEL_SIZE / 2; y += 6) {
      const d = Math.min(...pts.map((p) => Math.hypot(p.x - x, p.y - y)));
      grid.push({ spot: { x, y, anchor: 'start' }, d });
    }
  return grid.sort((a, b) => a.d - b.d).map((g) => g.spot);
}

/** Where each count's name goes: beside its last point if free, else beside an earlier point
 *  (latest first), else at the nearest free place; the counts that run to the right edge are
 *  placed first. A count with no free spot keeps the old place at its line end, nudged apart
 *  from the others. */
function nameSpots(model: UsageModel, panel: PanelLayout, width: number, o: Obstacles) {
  const bounds = { x0: panel.left, x1: width, y0: panel.top, y1: panel.bottom };
  const series = model.methods.map((m) => ({
    m,
    pts: panel.points.filter((p) => p.method === m),
  }));
  const fallbackY = dodge(
    series.map((s) => s.pts.at(-1)!.y),
    LABEL_SIZE + 2,
    panel.top,
    panel.bottom,
  );
  const spots = new Map<Method, Spot>();
  const order = [...series.keys()].sort(
    (a, b) => series[b]!.pts.at(-1)!.x - series[a]!.pts.at(-1)!.x,
  );
  for (const i of order) {
    const { m, pts } = series[i]!;
    const text = methodLabel(m);
    const candidates = [
      ...[...pts].reverse().flatMap((p) => spotsAround(p.x, p.y)),
      ...nearestSpots(pts, bounds),
    ];
    const last = pts.at(-1)!;
    let spot = takeSpot(text, NAME_WEIGHT, candidates, o, bounds);
    if (!spot) {
      spot = { x: last.x + 7, y: fallbackY[i]!, anchor: 'start' };
      o.boxes.push(textBox(text, spot, NAME_WEIGHT));
    }
    spots.set(m, spot);
  }
  return spots;
}

/** "even" on the 50% rule: the first free spot above it, else below it, from the left; else
 *  at its right end, past the panel. */
function evenSpot(panel: PanelLayout, width: number, o: Obstacles): Spot {
  const y = panel.py(50);
  const xs: number[] = [];
  for (let x = panel.left + 2; x < panel.right - 20; x += 8) xs.push(x);
  const candidates = [
    ...[-9, 9].flatMap((dy) => xs.map((x) => ({ x, y: y + dy, anchor: 'start' as const }))),
    ...[4, 14, 24].flatMap((dx) =>
      [0, -9, 9, -18, 18].map((dy) => ({
        x: panel.right + dx,
        y: y + dy,
        anchor: 'start' as const,
      })),
    ),
  ];
  const bounds = { x0: panel.left, x1: width, y0: panel.top, y1: panel.bottom };
  return freeSpot('even', 400, candidates, o, bounds) ?? candidates[0]!;
}

/** The counts' names, each in its line's colour, and "even" on the 50% rule. */
export function panelLabels(model: UsageModel, panel: PanelLayout, width: number): Plot.Markish[] {
  const o = obstaclesOf(model, panel);
  const names = nameSpots(model, panel, width, o);
  const even = evenSpot(panel, width, o);
  return [
    ...model.methods.map((m) => {
      const s = names.get(m)!;
      return Plot.text([methodLabel(m)], {
        x: s.x,
        y: s.y,
        textAnchor: s.anchor,
        fontSize: LABEL_SIZE,
        fontWeight: String(NAME_WEIGHT),
        fill: model.color(m),
        ...HALO,
        className: 'direct-label',
      });
    }),
    Plot.text(['even'], {
      x: even.x,
      y: even.y,
      textAnchor: even.anchor,
      fontSize: LABEL_SIZE,
      fill: cssVar('muted'),
      ...HALO,
      className: 'even-label',
    }),
  ];
}
