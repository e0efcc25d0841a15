/** China's share of China + U.S. by counting method: the reader's method switch. The model
 *  (rows, figures, the counts' names and colours) is in share-by-method-model.ts, the placement
 *  of the labels in share-by-method-labels.ts; this file draws. */
import * as Plot from '@observablehq/plot';
import { formatPercent, formatTokens, formatWeek } from '../lib/format.ts';
import { cssVar } from '../lib/palette.ts';
import { API_SOURCE, apiCitation } from '../pipeline/derive/api.ts';
import type { Method } from '../pipeline/derive/weeks.ts';
import { CAPTURE_SOURCE, col, uniq } from './common.ts';
import {
  ESTIMATE_CLASS,
  ESTIMATE_LABEL,
  ESTIMATE_STROKE_WIDTH,
  estimateDots,
  estimatedFill,
} from './estimate.ts';
import {
  CHINA_AHEAD,
  labelMarks,
  placeLabels,
  US_AHEAD,
  type Layout,
} from './share-by-method-labels.ts';
import {
  drawOrder,
  estimateTip,
  impliedUsWeeks,
  METHOD_COLOR,
  METHOD_DASH,
  METHOD_LABEL,
  methodFigures,
  opacityIn,
  rowEstimate,
  shareRows,
  weekX,
  type ImpliedWeek,
  type ShareRow,
} from './share-by-method-model.ts';
import {
  addDays,
  axisX,
  axisY,
  frameNote,
  gridY,
  leadZones,
  monthTick,
  monthTicks,
  shortMonthTick,
  textWidth,
} from './theme.ts';
import type { ChartFactory } from './types.ts';

// Other charts and the site's readout take these from here (policy-timeline.ts, site-data.ts).
export {
  METHOD_COLOR,
  METHOD_DASH,
  METHOD_LABEL,
  methodReadout,
  type ShareRow,
} from './share-by-method-model.ts';

/** The data table's columns, each cell in words. */
const COLUMNS = [
  col<ShareRow, 'method'>('method', 'method', (v) => METHOD_LABEL[v]),
  col<ShareRow, 'week_end'>('week_end', 'week_end', (v, r) => formatWeek(r.week_start, v)),
  col<ShareRow, 'cn_tokens'>('cn_tokens', 'cn_tokens', (v) => formatTokens(v)),
  col<ShareRow, 'us_tokens'>('us_tokens', 'us_tokens', (v) => formatTokens(v)),
  col<ShareRow, 'cn_share_pct'>('cn_share_pct', 'cn_share_pct', (v) => formatPercent(v)),
  col<ShareRow, 'status'>('status', 'status'),
];

const classIn = (state: string, m: Method): string =>
  `method-${m}${state === m ? ' is-emphasis' : state !== 'all' ? ' is-faded' : ''}`;

/** The width of a month on the time axis (px). */
const monthPx = (layout: Layout): number =>
  ((layout.base.width! - layout.base.marginLeft! - layout.base.marginRight!) * 30.4 * 864e5) /
  (layout.x1.getTime() - layout.x0.getTime());

/** The ground under the lines: lead tints, grid, axes, the 50% rule and the sides' names. */
function frameMarks(layout: Layout): Plot.Markish[] {
  const { x0, x1, yDomain, narrow } = layout;
  return [
    // Which side of even a week falls on, at a glance: a faint tint of the leader's colour.
    ...leadZones(x0, x1, yDomain, 0.06),
    gridY({ ticks: 5 }),
    axisY({ ticks: 5, tickFormat: (v: number) => formatPercent(v, 0) }),
    axisX({
      ticks: monthTicks(x0, x1, narrow ? 2 : 1),
      // Full month names where a month is wide enough for 'September' (not at 480 px).
      tickFormat:
        narrow || monthPx(layout) < textWidth('September') + 12 ? shortMonthTick : monthTick,
    }),
    Plot.ruleY([50], { stroke: cssVar('rule'), strokeDasharray: '2,3' }),
    frameNote(CHINA_AHEAD, 'top-left', { textAnchor: 'start', dx: 2, dy: 2 }),
    frameNote(US_AHEAD, 'bottom-left', { textAnchor: 'start', dx: 2, dy: -2 }),
  ];
}

/** A point's tooltip: count, week, China's share and the kind of estimate where it is one. */
const tip = (r: ShareRow) =>
  `${METHOD_LABEL[r.method]}, ${formatWeek(r.week_start, r.week_end)}: China ${formatPercent(r.cn_share_pct)}${estimateTip(r)}`;

/** One count's line (broken at gaps) and its dots, hollow where a week is an estimate. */
function methodMarks(rows: readonly ShareRow[], m: Method, state: string): Plot.Markish[] {
  const rs = rows.filter((r) => r.method === m);
  return [
    Plot.line(rs, {
      x: weekX,
      y: 'cn_share_pct',
      z: 'segment',
      stroke: METHOD_COLOR[m],
      strokeWidth: state === m ? 3 : 2,
      strokeDasharray: METHOD_DASH[m],
      strokeOpacity: opacityIn(state, m),
      className: classIn(state, m),
    }),
    ...estimateDots(rs, rowEstimate, METHOD_COLOR[m], {
      x: weekX,
      y: 'cn_share_pct',
      r: 3.5,
      strokeWidth: 1.75,
      strokeOpacity: opacityIn(state, m),
      opacity: opacityIn(state, m),
      title: tip,
      className: classIn(state, m),
    }),
  ];
}

/** The media weeks the streak counts imply the U.S. led: hollow triangles under "even". */
function impliedMarks(impliedUs: readonly ImpliedWeek[], state: string): Plot.Dot {
  return Plot.dot(impliedUs, {
    x: (w: ImpliedWeek) => addDays(w.week_start, 3.5),
    y: 46,
    symbol: 'triangle',
    rotate: 180,
    r: 4.5,
    fill: estimatedFill(true, METHOD_COLOR.media),
    stroke: METHOD_COLOR.media,
    strokeWidth: ESTIMATE_STROKE_WIDTH,
    strokeOpacity: opacityIn(state, 'media'),
    title: (w: ImpliedWeek) =>
      `Outlets’ sums, ${formatWeek(w.week_start, w.week_end)}: no figure; the U.S. ahead (${ESTIMATE_LABEL.implied} by the outlets' streak counts)`,
    className: `${classIn(state, 'media')} ${ESTIMATE_CLASS}`,
  });
}

/** The chart's states: all counts, then each on its own. */
const STATES = ['all', 'api', 'media', 'authors', 'models'] as const;

export const shareByMethodChart: ChartFactory = (data) => {
  const rows = shareRows(data);
  const impliedUs = impliedUsWeeks(data, rows);
  return {
    id: 'share-by-method',
    title: '',
    subtitle: '',
    notes: [],
    figures: methodFigures(data),
    sourceIds: uniq([
      ...data.derived.weeks.media.flatMap((w) => w.source_ids),
      CAPTURE_SOURCE,
      API_SOURCE,
    ]),
    citation: apiCitation(data.derived.api.as_of),
    datasets: [
      'weekly-tokens',
      'captures-market-share',
      'captures-models',
      'api-daily-tokens',
      'labs',
    ],
    rows,
    estimate: rowEstimate,
    columns: COLUMNS,
    description: '',
    // Labels in src/story/article.aml ([.states] of the share-by-method graphic).
    states: STATES.map((id) => ({ id, label: '' })),
    plot(width, state = 'all') {
      // One height in every state at a width: the key keeps the rows the fullest state needs.
      const keyRows = Math.max(
        ...STATES.map((st) => placeLabels(rows, impliedUs, width, st).keyRows),
      );
      const labels = placeLabels(rows, impliedUs, width, state, keyRows);
      const marks: Plot.Markish[] = [
        ...frameMarks(labels.layout),
        ...drawOrder(state).flatMap((m) => methodMarks(rows, m, state)),
        impliedMarks(impliedUs, state),
        ...labelMarks(labels, state),
      ];
      const { base, x0, x1, yDomain } = labels.layout;
      return { ...base, x: { type: 'utc', domain: [x0, x1] }, y: { domain: yDomain }, marks };
    },
  };
};
