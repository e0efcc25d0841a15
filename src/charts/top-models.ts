/** Top models by tokens in the latest whole week of captures. */
import * as Plot from '@observablehq/plot';
import {
  formatDate,
  formatOrdinal,
  formatPercent,
  formatSmall,
  formatTokens,
} from '../lib/format.ts';
import { cssVar } from '../lib/palette.ts';
import type { Origin } from '../pipeline/datasets.ts';
import { CAPTURE_SOURCE, col, labName, originOf } from './common.ts';
import {
  annotate,
  axisX,
  axisY,
  frame,
  gridX,
  isNarrow,
  LABEL_SIZE,
  marginFor,
  ORIGIN_LABEL,
  originKey,
  originScale,
} from './theme.ts';
import type { ChartFactory, SiteData } from './types.ts';

export interface TopModelRow {
  rank: number;
  model: string;
  model_id: string;
  author: string;
  lab: string;
  origin: Origin;
  tokens: number;
  share_pct: number;
  free_variant: boolean;
  fetched_at_utc: string;
}

/** "moonshotai/kimi-k2.6-20260420" -> "kimi-k2.6"; ":free" -> " (free)". */
export function modelLabel(id: string): string {
  const free = id.endsWith(':free');
  const slug = id
    .replace(/^[^/]+\//, '')
    .replace(/:[a-z]+$/, '')
    .replace(/-\d{8}$/, '');
  return free ? `${slug} (free)` : slug;
}

/** A model as the chart names it: its lab, then its model name. */
const nameOf = (r: TopModelRow) => `${r.lab} ${r.model}`;

export const topModelsChart: ChartFactory = (data) => {
  const week = data.derived.weeks.models
    .filter((w) => w.status === 'derived' && w.fetched_at_utc)
    .at(-1)!;
  const rows = topRows(data, week.fetched_at_utc!);
  return {
    id: 'top-models',
    title: '',
    subtitle: '',
    notes: [],
    // The words are in src/story/article.aml ([methodologyCharts]); these are the figures they
    // name (the leader, the second and the last are rows 1, 2 and N of the ranked list).
    figures: topFigures(rows, week.week_end),
    sourceIds: [CAPTURE_SOURCE],
    datasets: ['captures-models', 'labs'],
    rows,
    columns: [
      col<TopModelRow, 'rank'>('rank', 'rank', (v) => String(v)),
      col<TopModelRow, 'model'>('model', 'model'),
      col<TopModelRow, 'lab'>('lab', 'author'),
      col<TopModelRow, 'origin'>('origin', 'origin', (v) => ORIGIN_LABEL[v] ?? v),
      col<TopModelRow, 'tokens'>('tokens', 'tokens', (v) => formatTokens(v, 'long')),
      col<TopModelRow, 'share_pct'>('share_pct', 'share_pct', (v) => formatPercent(v)),
    ],
    description: '',
    plot(width) {
      const narrow = isNarrow(width);
      const names = rows.map(nameOf);
      const marginLeft = narrow ? 8 : marginFor(names);
      const max = Math.max(...rows.map((r) => r.tokens));
      // Narrow: the name sits above its bar; wide: names on the left.
      const band = narrow ? 38 : 26;
      return {
        ...frame(width, {
          height: rows.length * band + 52,
          marginLeft,
          marginRight: 48,
          marginTop: 26,
          marginBottom: 24,
        }),
        x: { domain: [0, max], nice: false },
        y: { domain: names, padding: narrow ? 0.5 : 0.25, align: narrow ? 1 : 0.5, axis: null },
        color: originScale(),
        marks: [
          gridX({ ticks: narrow ? 3 : 5 }),
          axisX({ ticks: narrow ? 3 : 5, tickFormat: (v: number) => formatTokens(v) }),
          ...barMarks(rows),
          nameLabels(rows, narrow),
          ...originKey(
            rows.map((r) => r.origin),
            { dy: -22, dx: 4 - marginLeft },
          ),
        ],
      };
    },
  };
};

/** The models of one capture (the latest whole week's), by rank, with lab and origin. */
function topRows(data: SiteData, fetchedAt: string): TopModelRow[] {
  const origin = originOf(data.datasets.labs);
  const name = labName(data.datasets.labs);
  return data.datasets['captures-models']
    .filter((r) => r.fetched_at_utc === fetchedAt)
    .sort((a, b) => a.rank - b.rank)
    .map((r) => ({
      rank: r.rank,
      model: modelLabel(r.model_id),
      model_id: r.model_id,
      author: r.author,
      lab: name(r.author),
      origin: origin(r.author),
      tokens: r.tokens,
      share_pct: r.share_pct,
      free_variant: r.model_id.endsWith(':free'),
      fetched_at_utc: r.fetched_at_utc,
    }));
}

/** The figures the chart's words name: the first, second and last model, and the counts and
 *  token sums of the Chinese and the U.S. ones. */
function topFigures(rows: readonly TopModelRow[], weekEnd: string): Record<string, string> {
  const top = rows[0]!;
  const cn = rows.filter((r) => r.origin === 'CN');
  const us = rows.filter((r) => r.origin === 'US');
  const sum = (rs: TopModelRow[]) => rs.reduce((s, r) => s + r.tokens, 0);
  return {
    topN: formatSmall(rows.length),
    topCnCount: formatSmall(cn.length),
    topUsCount: formatSmall(us.length),
    topWeekEnd: formatDate(weekEnd),
    topLeader: nameOf(top),
    topLeaderTokensLong: formatTokens(top.tokens, 'long'),
    topLeaderTokens: formatTokens(top.tokens),
    topLeaderShare: formatPercent(top.share_pct),
    topSecond: nameOf(rows[1]!),
    topSecondTokens: formatTokens(rows[1]!.tokens),
    topLastOrdinal: formatOrdinal(rows.length),
    topLast: nameOf(rows[rows.length - 1]!),
    topLastTokens: formatTokens(rows[rows.length - 1]!.tokens),
    topShareAll: formatPercent(rows.reduce((s, r) => s + r.share_pct, 0)),
    topCnSum: formatTokens(sum(cn)),
    topUsSum: formatTokens(sum(us)),
  };
}

/** A bar per model coloured by origin, the zero rule, and each model's tokens at its bar's end. */
function barMarks(rows: readonly TopModelRow[]): Plot.Markish[] {
  const tip = (r: TopModelRow) =>
    `${nameOf(r)} (${ORIGIN_LABEL[r.origin]}): ${formatTokens(r.tokens, 'long')}, ${formatPercent(r.share_pct)} of all tokens`;
  return [
    Plot.barX(rows, { y: nameOf, x: 'tokens', fill: 'origin', title: tip, className: 'bar' }),
    Plot.ruleX([0], { stroke: cssVar('rule') }),
    annotate(rows, {
      y: nameOf,
      x: 'tokens',
      text: (r: TopModelRow) => formatTokens(r.tokens),
      dx: 4,
      textAnchor: 'start',
    }),
  ];
}

/** The models' names: above each bar when narrow, else an axis on the left. */
function nameLabels(rows: readonly TopModelRow[], narrow: boolean): Plot.Markish {
  return narrow
    ? Plot.text(rows, {
        y: nameOf,
        x: 0,
        text: nameOf,
        textAnchor: 'start',
        dy: -13,
        fontSize: LABEL_SIZE,
        fill: cssVar('text'),
        className: 'bar-label',
      })
    : axisY({ color: cssVar('text') });
}
