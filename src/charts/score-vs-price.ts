/** Benchmark score against price: "good enough" can be cheap. The join is in
 *  the data layer (src/data/score-price.ts), where the story reads it too. */
import * as Plot from '@observablehq/plot';
import type { PlotOptions } from '@observablehq/plot';
import { formatDate, formatMultiple, formatPrice, formatSmall } from '../lib/format.ts';
import { cssVar } from '../lib/palette.ts';
import { BLEND_INPUT_PER_OUTPUT } from '../lib/story-settings.ts';
import { CAPTURE_SOURCE, col, uniq } from './common.ts';
import { pricedModels } from './price-models.ts';
import { MIN_MATCHES, scorePriceRows, type ScorePriceRow } from '../data/score-price.ts';
import {
  axisX,
  axisY,
  frame,
  gridX,
  gridY,
  HALO,
  isNarrow,
  LABEL_SIZE,
  ORIGIN_LABEL,
  originKey,
  originScale,
  textWidth,
  usdTick,
} from './theme.ts';
import type { ChartColumn, ChartFactory, SiteData } from './types.ts';

interface Placed extends ScorePriceRow {
  lx: number;
  ly: number;
  anchor: 'start' | 'end';
  label: string;
}

/** Places one label per point (right, left, above or below) so that no two labels overlap. */
function placeLabels(
  rows: readonly ScorePriceRow[],
  sx: Plot.Scale,
  sy: Plot.Scale,
  bounds: { left: number; right: number; top: number; bottom: number },
  label: (r: ScorePriceRow) => string,
): Placed[] {
  const boxes: { x0: number; x1: number; y0: number; y1: number }[] = rows.map((r) => {
    const x = sx.apply(r.price_usd_per_mtok) as number;
    const y = sy.apply(r.score) as number;
    return { x0: x - 5, x1: x + 5, y0: y - 5, y1: y + 5 };
  });
  const out: Placed[] = [];
  // Labels that carry figures (several lines) are placed first, then by score.
  const lines = (r: ScorePriceRow) => label(r).split('\n');
  const order = rows
    .map((_r, i) => i)
    .sort(
      (a, b) => lines(rows[b]!).length - lines(rows[a]!).length || rows[b]!.score - rows[a]!.score,
    );
  for (const i of order) {
    const r = rows[i]!;
    const x = sx.apply(r.price_usd_per_mtok) as number;
    const y = sy.apply(r.score) as number;
    const w = Math.max(...lines(r).map((l) => textWidth(l, LABEL_SIZE)));
    const h = (LABEL_SIZE + 1) * lines(r).length;
    const tries: { x0: number; y0: number; anchor: 'start' | 'end' }[] = [];
    for (const dy of [0, -10, 10, -20, 20, -30, 30]) {
      tries.push(
        { x0: x + 7, y0: y - h / 2 + dy, anchor: 'start' },
        { x0: x - 7 - w, y0: y - h / 2 + dy, anchor: 'end' },
      );
    }
    const ok = (t: (typeof tries)[number]) =>
      t.x0 >= bounds.left - 30 &&
      t.x0 + w <= bounds.right &&
      t.y0 >= bounds.top - 8 &&
      t.y0 + h <= bounds.bottom &&
      boxes.every((b) => t.x0 + w < b.x0 || t.x0 > b.x1 || t.y0 + h < b.y0 || t.y0 > b.y1);
    const t = tries.find(ok) ?? tries[0]!;
    boxes.push({ x0: t.x0, x1: t.x0 + w, y0: t.y0, y1: t.y0 + h });
    out.push({
      ...r,
      label: label(r),
      lx: sx.invert!(t.anchor === 'start' ? t.x0 : t.x0 + w) as number,
      ly: sy.invert!(t.y0 + h / 2) as number,
      anchor: t.anchor,
    });
  }
  return out;
}

/** The models the words and the drawing single out: the top score, the best-scoring model at
 *  under a quarter of its price (if any), the cheapest and the lowest-scoring. */
interface Picks {
  top: ScorePriceRow;
  cheapGood: ScorePriceRow | undefined;
  cheapest: ScorePriceRow;
  lowest: ScorePriceRow;
}

/** Picks, from rows sorted by score (highest first). */
function picksOf(rows: readonly ScorePriceRow[]): Picks {
  const top = rows[0]!;
  const cheapGood = [...rows]
    .filter((r) => r.price_usd_per_mtok < top.price_usd_per_mtok / 4)
    .sort((a, b) => b.score - a.score)[0];
  const cheapest = [...rows].sort((a, b) => a.price_usd_per_mtok - b.price_usd_per_mtok)[0]!;
  return { top, cheapGood, cheapest, lowest: rows[rows.length - 1]! };
}

/** How many models the benchmarks section lists per capture: exact when every capture lists
 *  the same number, else about the median. */
function listSizeOf(data: SiteData): string {
  const perCapture = [
    ...data.datasets['captures-benchmarks']
      .reduce(
        (m, r) => m.set(r.fetched_at_utc, (m.get(r.fetched_at_utc) ?? 0) + 1),
        new Map<string, number>(),
      )
      .values(),
  ].sort((a, b) => a - b);
  if (perCapture.length === 0) return '';
  return perCapture[0] === perCapture.at(-1)
    ? formatSmall(perCapture[0]!)
    : `about ${formatSmall(perCapture[Math.floor(perCapture.length / 2)]!)}`;
}

/** Where the prices come from, in words: list prices, or the fastest-endpoint fallback. The
 *  branch's words are figures, since the data choose the branch. */
function basisFigures(
  joined: ReturnType<typeof scorePriceRows>,
): Record<'scorePriceWord' | 'scorePriceBasis' | 'scoreMatchNote', string> {
  const { rows, fallback, unmatched, freeLeftOut } = joined;
  return {
    scorePriceWord: fallback ? 'fastest-endpoint price' : 'blended list price',
    scorePriceBasis: fallback
      ? 'the price of the fastest endpoint per million tokens, U.S. dollars, log scale (fallback: too few list prices matched)'
      : `blended list price per million tokens (${BLEND_INPUT_PER_OUTPUT} input : 1 output), U.S. dollars, log scale`,
    scoreMatchNote: fallback
      ? `Fewer than ${formatSmall(MIN_MATCHES)} priced models matched a benchmark score, so prices come from the fastest-endpoint captures, joined by model id; ${formatSmall(rows.length)} models matched.`
      : `${formatSmall(rows.length)} of ${formatSmall(rows.length + unmatched.length + freeLeftOut.length)} priced models matched a benchmark score by OpenRouter model id (date suffixes and variants such as ":free" removed); no match for ${unmatched.join(', ') || 'none'}.` +
        (freeLeftOut.length
          ? ` Free models left out (no place on a log scale): ${freeLeftOut.join(', ')}.`
          : ''),
  };
}

/** The figures the chart's words in src/story/article.aml ([methodologyCharts]) name. */
function figuresOf(
  data: SiteData,
  joined: ReturnType<typeof scorePriceRows>,
  picks: Picks,
): Record<string, string> {
  const { rows } = joined;
  const { top, cheapGood, cheapest, lowest } = picks;
  const { scorePriceWord, scorePriceBasis, scoreMatchNote } = basisFigures(joined);
  return {
    scoreTop: top.model,
    scoreTopScore: String(top.score),
    scoreTopPriceLong: formatPrice(top.price_usd_per_mtok, 'long'),
    scorePriceWord,
    scorePriceBasis,
    scoreMatchNote,
    scoreCaptures: uniq(rows.map((r) => r.benchmark_capture))
      .sort()
      .map((c) => formatDate(c))
      .join(', '),
    scoreListSize: listSizeOf(data),
    scoreInputPerOutput: String(BLEND_INPUT_PER_OUTPUT),
    scoreCheapest: cheapest.model,
    scoreCheapestPrice: formatPrice(Math.min(...rows.map((r) => r.price_usd_per_mtok))),
    scoreLowest: String(lowest.score),
    scoreLowestModel: lowest.model,
    ...(cheapGood
      ? {
          scoreCheapGood: cheapGood.model,
          scoreCheapGoodScore: String(cheapGood.score),
          scoreCheapGoodPrice: formatPrice(cheapGood.price_usd_per_mtok),
          scoreCheapGoodPriceLong: formatPrice(cheapGood.price_usd_per_mtok, 'long'),
          scoreTopX: formatMultiple(top.price_usd_per_mtok / cheapGood.price_usd_per_mtok),
        }
      : {}),
  };
}

const COLUMNS: ChartColumn<ScorePriceRow>[] = [
  col<ScorePriceRow, 'model'>('model', 'model'),
  col<ScorePriceRow, 'origin'>('origin', 'origin', (v) => ORIGIN_LABEL[v] ?? v),
  col<ScorePriceRow, 'score'>('score', 'score', (v) => String(v)),
  col<ScorePriceRow, 'price_usd_per_mtok'>('price_usd_per_mtok', 'usd_per_mtok', (v) =>
    formatPrice(v),
  ),
  col<ScorePriceRow, 'benchmark_name'>('benchmark_name', 'benchmark_entry'),
  col<ScorePriceRow, 'benchmark_capture'>('benchmark_capture', 'benchmark_capture', (v) =>
    formatDate(v),
  ),
];

/** The frame at a width, the two domains (log price, score) padded to round values, and the
 *  scales in pixels that the labels are placed with. */
function layoutOf(rows: readonly ScorePriceRow[], width: number) {
  const narrow = isNarrow(width);
  const base = frame(width, {
    height: narrow ? 320 : 380,
    marginLeft: 32,
    marginRight: 26,
    marginTop: 30,
    marginBottom: 30,
  });
  const prices = rows.map((r) => r.price_usd_per_mtok);
  const xDomain: [number, number] = [
    Math.pow(10, Math.floor(Math.log10(Math.min(...prices)) * 2) / 2),
    Math.pow(10, Math.ceil(Math.log10(Math.max(...prices)) * 2) / 2),
  ];
  const scores = rows.map((r) => r.score);
  const yDomain: [number, number] = [
    Math.floor(Math.min(...scores) / 5) * 5 - 5,
    Math.ceil(Math.max(...scores) / 5) * 5 + 1,
  ];
  const bounds = {
    left: base.marginLeft!,
    right: width - base.marginRight!,
    top: base.marginTop!,
    bottom: base.height! - base.marginBottom!,
  };
  const sx = Plot.scale({
    x: { type: 'log', domain: xDomain, range: [bounds.left, bounds.right] },
  });
  const sy = Plot.scale({
    y: { type: 'linear', domain: yDomain, range: [bounds.bottom, bounds.top] },
  });
  return { narrow, base, xDomain, yDomain, bounds, sx, sy };
}

/** The point labels: one text mark per side and weight, the named points in bold. */
function labelMarks(placed: readonly Placed[], named: ReadonlySet<string>): Plot.Text[] {
  const text = (anchor: 'start' | 'end', bold: boolean) =>
    Plot.text(
      placed.filter((p) => p.anchor === anchor && named.has(p.model) === bold),
      {
        x: 'lx',
        y: 'ly',
        text: 'label',
        textAnchor: anchor,
        fontSize: LABEL_SIZE,
        fontWeight: bold ? '700' : '400',
        fill: cssVar('text'),
        ...HALO,
        className: bold ? 'point-label is-emphasis' : 'point-label',
      },
    );
  return [text('start', false), text('end', false), text('start', true), text('end', true)];
}

const pointTip = (r: ScorePriceRow): string =>
  `${r.model} (${ORIGIN_LABEL[r.origin]}): score ${r.score}, ${formatPrice(r.price_usd_per_mtok, 'long')} (${r.price_kind})`;

/** The scatter at a width: a dot per model, labels placed clear of each other, the two points
 *  the title compares carrying their figures. */
function scatterPlot(rows: readonly ScorePriceRow[], picks: Picks, width: number): PlotOptions {
  const { narrow, base, xDomain, yDomain, bounds, sx, sy } = layoutOf(rows, width);
  const named = new Set([picks.top.model, ...(picks.cheapGood ? [picks.cheapGood.model] : [])]);
  const label = (r: ScorePriceRow) =>
    named.has(r.model)
      ? `${r.model}${narrow ? '\n' : ': '}${r.score}, ${formatPrice(r.price_usd_per_mtok)}`
      : r.model;
  const placed = placeLabels(rows, sx, sy, bounds, label);
  const ticks = [0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100].filter(
    (t) => t >= xDomain[0] && t <= xDomain[1],
  );
  return {
    ...base,
    x: { type: 'log', domain: xDomain },
    y: { domain: yDomain },
    color: originScale(),
    marks: [
      gridX({ ticks }),
      gridY({ ticks: 4 }),
      axisX({
        ticks: narrow ? ticks.filter((_, i) => i % 2 === 0) : ticks,
        tickFormat: usdTick,
      }),
      axisY({ ticks: 4 }),
      Plot.dot(rows, {
        x: 'price_usd_per_mtok',
        y: 'score',
        r: 5,
        fill: 'origin',
        stroke: cssVar('bg'),
        strokeWidth: 1,
        title: pointTip,
        className: 'point',
      }),
      ...labelMarks(placed, named),
      Plot.text([`score ↑  ·  price →`], {
        frameAnchor: 'bottom-right',
        dy: -4,
        textAnchor: 'end',
        fontSize: LABEL_SIZE,
        fill: cssVar('muted'),
      }),
      ...originKey(
        rows.map((r) => r.origin),
        { dy: -26 },
      ),
    ],
  };
}

export const scoreVsPriceChart: ChartFactory = (data) => {
  const joined = scorePriceRows(data);
  const { rows, fallback } = joined;
  rows.sort((a, b) => b.score - a.score || a.price_usd_per_mtok - b.price_usd_per_mtok);
  const picks = picksOf(rows);
  return {
    id: 'score-vs-price',
    title: '',
    subtitle: '',
    notes: [],
    // The words are in src/story/article.aml ([methodologyCharts]); these are the figures they name.
    figures: figuresOf(data, joined, picks),
    sourceIds: uniq([
      CAPTURE_SOURCE,
      ...(fallback
        ? []
        : pricedModels(data)
            .filter((p) => rows.some((r) => r.model_id === p.model_id))
            .flatMap((p) => p.source_ids)),
    ]),
    datasets: fallback
      ? ['captures-benchmarks', 'captures-fastest', 'labs']
      : ['captures-benchmarks', 'model-prices', 'labs'],
    rows,
    columns: COLUMNS,
    description: '',
    plot: (width) => scatterPlot(rows, picks, width),
  };
};
