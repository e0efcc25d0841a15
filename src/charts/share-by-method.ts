/** China's share of China + U.S. by counting method: the reader's method switch. */
import * as Plot from '@observablehq/plot';
import { formatPercent, formatSmall, formatTokens, formatWeek } from '../lib/format.ts';
import { cssVar } from '../lib/palette.ts';
import { API_SOURCE, apiCitation } from '../pipeline/derive/api.ts';
import { METHODS, type Method, type WeekPoint } from '../pipeline/derive/weeks.ts';
import { CAPTURE_SOURCE, col, segments, uniq } from './common.ts';
import {
  ESTIMATE_CLASS,
  ESTIMATE_LABEL,
  ESTIMATE_STROKE_WIDTH,
  estimateDots,
  estimatedFill,
} from './estimate.ts';
import {
  estimateOf,
  estimateWords,
  roundShare,
  latestOf,
  latestText,
  periodText,
  periodWithEstimate,
  rangeOf,
  weekSeries,
  type SeriesPoint,
} from './latest.ts';
import {
  addDays,
  annotate,
  axisX,
  axisY,
  endLabels,
  frame,
  frameNote,
  gridY,
  isNarrow,
  monthTick,
  monthTicks,
  shortMonthTick,
  yRange,
  leadZones,
} from './theme.ts';
import type { ChartFactory, SiteData } from './types.ts';

export interface ShareRow {
  method: Method;
  week_start: string | null;
  week_end: string;
  cn_tokens: number | null;
  us_tokens: number | null;
  cn_share_pct: number;
  status: WeekPoint['status'];
  /** Drawn hollow: the week is incomplete or back-calculated. */
  hollow: boolean;
  segment: string;
}

export const METHOD_LABEL: Record<Method, string> = {
  api: 'OpenRouter',
  media: 'Media sums',
  authors: 'Author shares',
  models: 'Top-9 models',
};
const METHOD_LONG: Record<Method, string> = {
  api: "OpenRouter's own daily data (top 50 models plus all others)",
  media: 'leaderboard sums reported by Chinese media',
  authors: 'top-9 authors in daily captures of the rankings page',
  models: 'top-9 models in daily captures of the rankings page',
};
export const METHOD_COLOR: Record<Method, string> = {
  api: cssVar('text'),
  media: cssVar('accent'),
  authors: cssVar('muted'),
  models: cssVar('muted'),
};
export const METHOD_DASH: Record<Method, string | undefined> = {
  api: undefined,
  media: undefined,
  authors: undefined,
  models: '5,3',
};

/** The readout under the method switch for a state: the latest point of that count, as the
 *  end label and the description give it (latest.ts). */
export function methodReadout(data: SiteData, state: string): string {
  if (!(METHODS as readonly string[]).includes(state))
    return `All ${formatSmall(METHODS.length)} counts, side by side.`;
  const p = latestOf(weekSeries(data, state as Method));
  const who = p.value > 50 ? 'China ahead' : p.value < 50 ? 'the U.S. ahead' : 'no leader';
  return `Latest week counted this way: China ${formatPercent(p.value)} of China + U.S. in ${periodText(p)}${estimateWords(p)}, ${who}.`;
}

export const shareByMethodChart: ChartFactory = (data) => {
  const methods = ['api', 'media', 'authors', 'models'] as const;
  const rows: ShareRow[] = methods.flatMap((m) => {
    const pts = data.derived.weeks[m].filter((w) => w.cn_share !== null);
    const seg = segments(
      pts.map((p) => p.week_end),
      9,
    );
    return pts.map((w, i) => ({
      method: m,
      week_start: w.week_start,
      week_end: w.week_end,
      cn_tokens: w.cn,
      us_tokens: w.us,
      cn_share_pct: roundShare(w.cn_share!),
      status: w.status,
      hollow: estimateOf(m, w.status) !== null,
      segment: `${m}-${seg[i]}`,
    }));
  });

  // Media weeks with no figure that the outlets' own streak counts imply the U.S. led: drawn as a
  // hollow marker under "even", never as a share (no figure was published).
  const impliedUs = data.derived.impliedLeads.weeks.filter(
    (w) =>
      w.leader === 'US' &&
      w.basis === 'before-streak' &&
      !rows.some((r) => r.method === 'media' && r.week_start === w.week_start),
  );
  const rowEstimate = (r: ShareRow) => estimateOf(r.method, r.status);
  const estimateTip = (r: ShareRow) => {
    const e = rowEstimate(r);
    return e ? ` (${ESTIMATE_LABEL[e]})` : '';
  };
  const latest = (m: Method) => rows.filter((r) => r.method === m).at(-1)!;
  // Latest, range and lowest come from the one definition (latest.ts): the title, the
  // readouts (methodAnswer), the end labels and this description cannot disagree.
  const series = Object.fromEntries(methods.map((m) => [m, weekSeries(data, m)])) as Record<
    Method,
    SeriesPoint[]
  >;
  // The words are in src/story/article.aml; these are the figures they name. The title is bound
  // there to the claim that every count has China ahead in its latest week.
  const figures: Record<string, string> = {
    methodCount: formatSmall(methods.length),
    // One sentence pair per count: its range, its latest week and the weeks China was ahead.
    methodRanges: methods
      .map((m) => {
        const rs = series[m];
        const ahead = rs.filter((r) => r.value > 50).length;
        const { min, max } = rangeOf(rs);
        return `By ${METHOD_LONG[m]}, China's share of the China–U.S. total ranged from ${formatPercent(min.value)} (${periodWithEstimate(min)}) to ${formatPercent(max.value)} (${periodWithEstimate(max)}); latest ${latestText(rs)}. China was ahead in ${ahead === rs.length ? `all ${formatSmall(ahead)}` : `${formatSmall(ahead)} of ${formatSmall(rs.length)}`} weeks.`;
      })
      .join(' '),
  };

  return {
    id: 'share-by-method',
    title: '',
    subtitle: '',
    notes: [],
    figures,
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
    columns: [
      col<ShareRow, 'method'>('method', 'method', (v) => METHOD_LABEL[v]),
      col<ShareRow, 'week_end'>('week_end', 'week_end', (v, r) => formatWeek(r.week_start, v)),
      col<ShareRow, 'cn_tokens'>('cn_tokens', 'cn_tokens', (v) => formatTokens(v)),
      col<ShareRow, 'us_tokens'>('us_tokens', 'us_tokens', (v) => formatTokens(v)),
      col<ShareRow, 'cn_share_pct'>('cn_share_pct', 'cn_share_pct', (v) => formatPercent(v)),
      col<ShareRow, 'status'>('status', 'status'),
    ],
    description: '',
    // Labels in src/story/article.aml ([.states] of the share-by-method graphic).
    states: [
      { id: 'all', label: '' },
      { id: 'api', label: '' },
      { id: 'media', label: '' },
      { id: 'authors', label: '' },
      { id: 'models', label: '' },
    ],
    plot(width, state = 'all') {
      const narrow = isNarrow(width);
      const base = frame(width, {
        height: narrow ? 300 : 340,
        marginRight: narrow ? 88 : 100,
        marginLeft: 40,
        marginTop: 20,
      });
      const lo = Math.min(...rows.map((r) => r.cn_share_pct));
      const hi = Math.max(...rows.map((r) => r.cn_share_pct));
      const yDomain: [number, number] = [
        Math.min(30, Math.floor(lo / 10) * 10),
        Math.max(80, Math.ceil(hi / 10) * 10),
      ];
      const x = (r: ShareRow) =>
        r.week_start ? addDays(r.week_start, 3.5) : addDays(r.week_end, -3);
      const dates = rows.map((r) => x(r).getTime());
      const x0 = new Date(Math.min(...dates) - 4 * 864e5);
      const x1 = new Date(Math.max(...dates) + 4 * 864e5);
      const op = (m: Method) => (state === 'all' || state === m ? 1 : 0.2);
      const cls = (m: Method) =>
        `method-${m}${state === m ? ' is-emphasis' : state !== 'all' ? ' is-faded' : ''}`;
      const tip = (r: ShareRow) =>
        `${METHOD_LABEL[r.method]}, ${formatWeek(r.week_start, r.week_end)}: China ${formatPercent(r.cn_share_pct)}${estimateTip(r)}`;
      // The emphasised method is drawn last, on top.
      const order =
        state === 'all'
          ? (['models', 'authors', 'media', 'api'] as const)
          : [...methods].sort((a, b) => (a === state ? 1 : 0) - (b === state ? 1 : 0));
      const marks: Plot.Markish[] = [
        // Which side of even a week falls on, at a glance: a faint tint of the leader's colour.
        ...leadZones(x0, x1, yDomain, 0.06),
        gridY({ ticks: 5 }),
        axisY({ ticks: 5, tickFormat: (v: number) => formatPercent(v, 0) }),
        axisX({
          ticks: monthTicks(x0, x1, narrow ? 2 : 1),
          tickFormat: narrow ? shortMonthTick : monthTick,
        }),
        Plot.ruleY([50], { stroke: cssVar('rule'), strokeDasharray: '2,3' }),
        annotate(['even'], {
          x: x0,
          y: 50,
          textAnchor: 'start',
          dy: -7,
          dx: 2,
          fill: cssVar('muted'),
        }),
        frameNote('▲ China ahead', 'top-left', { textAnchor: 'start', dx: 2, dy: 2 }),
        frameNote('▼ U.S. ahead', 'bottom-left', { textAnchor: 'start', dx: 2, dy: -2 }),
      ];
      for (const m of order) {
        const rs = rows.filter((r) => r.method === m);
        marks.push(
          Plot.line(rs, {
            x,
            y: 'cn_share_pct',
            z: 'segment',
            stroke: METHOD_COLOR[m],
            strokeWidth: state === m ? 3 : 2,
            strokeDasharray: METHOD_DASH[m],
            strokeOpacity: op(m),
            className: cls(m),
          }),
          ...estimateDots(rs, rowEstimate, METHOD_COLOR[m], {
            x,
            y: 'cn_share_pct',
            r: 3.5,
            strokeWidth: 1.75,
            strokeOpacity: op(m),
            opacity: op(m),
            title: tip,
            className: cls(m),
          }),
        );
      }
      marks.push(
        Plot.dot(impliedUs, {
          x: (w: { week_start: string }) => addDays(w.week_start, 3.5),
          y: 46,
          symbol: 'triangle',
          rotate: 180,
          r: 4.5,
          fill: estimatedFill(true, METHOD_COLOR.media),
          stroke: METHOD_COLOR.media,
          strokeWidth: ESTIMATE_STROKE_WIDTH,
          strokeOpacity: op('media'),
          title: (w: { week_start: string; week_end: string }) =>
            `Media sums, ${formatWeek(w.week_start, w.week_end)}: no figure; the U.S. ahead (${ESTIMATE_LABEL.implied} by the outlets' streak counts)`,
          className: `${cls('media')} ${ESTIMATE_CLASS}`,
        }),
      );
      marks.push(
        endLabels(
          methods.map((m) => {
            const l = latest(m);
            return {
              x: x(l),
              y: l.cn_share_pct,
              text: METHOD_LABEL[m],
              fill: METHOD_COLOR[m],
              fillOpacity: op(m),
            };
          }),
          { domain: yDomain, range: yRange(base) },
        ),
      );
      if (state !== 'all') {
        const l = latest(state as Method);
        marks.push(
          annotate([formatPercent(l.cn_share_pct)], {
            x: x(l),
            y: l.cn_share_pct,
            dy: l.cn_share_pct >= 50 ? -12 : 14,
            textAnchor: 'middle',
            fontWeight: '600',
            className: 'value-note is-emphasis',
          }),
        );
      }
      return { ...base, x: { type: 'utc', domain: [x0, x1] }, y: { domain: yDomain }, marks };
    },
  };
};
