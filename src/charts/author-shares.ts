/** Token share by author, one line per author, at the last capture before each weekly reset. */
import { DOMINANT_SHARE_PCT } from '../lib/story-settings.ts';
import * as Plot from '@observablehq/plot';
import type { PlotOptions } from '@observablehq/plot';
import { formatDate, formatPercent, formatSmall, formatTokens } from '../lib/format.ts';
import { cssVar, originColor } from '../lib/palette.ts';
import type { Origin } from '../pipeline/datasets.ts';
import { CAPTURE_SOURCE, col, daysBetween, labName, listText, originOf, uniq } from './common.ts';
import { percentAxisY, timeScales } from './plot-parts.ts';
import {
  addDays,
  annotate,
  axisX,
  day,
  endLabels,
  frame,
  gridY,
  isNarrow,
  LABEL_SIZE,
  monthTick,
  monthTicks,
  ORIGIN_LABEL,
  originKey,
  originScale,
  yRange,
  HALO,
} from './theme.ts';
import { ESTIMATE_LABEL, estimateDots, type Estimate } from './estimate.ts';
import type { ChartColumn, ChartFactory, SiteData } from './types.ts';

export interface AuthorShareRow {
  week_end: string;
  fetched_at_utc: string;
  author: string;
  lab: string;
  origin: Origin;
  share_pct: number;
  tokens: number;
  rank: number;
  /** partial: the latest capture, which may miss days at the end of its week. */
  status: 'derived' | 'partial';
  segment: string;
}

/** An author gets a line when it is in the top nine in at least this many weekly captures. */
export const MIN_WEEKS_IN_TOP = 2;
/** Direct labels at the line ends for this many authors (largest latest shares). */
const END_LABELS = 5;

/** A partial capture week is the one estimate kind here (estimate.ts). */
const authorEstimate = (r: AuthorShareRow): Estimate | null =>
  r.status === 'partial' ? 'partial' : null;

type Week = SiteData['derived']['weeks']['authors'][number];

/** The authors with a line: in the top nine in at least MIN_WEEKS_IN_TOP of the captures. */
function authorsOften(captures: readonly { rows: readonly { author: string }[] }[]): string[] {
  const count = new Map<string, number>();
  for (const c of captures)
    for (const r of c.rows) count.set(r.author, (count.get(r.author) ?? 0) + 1);
  return [...count.entries()].filter(([, n]) => n >= MIN_WEEKS_IN_TOP).map(([a]) => a);
}

type Capture = {
  w: Week;
  rows: SiteData['datasets']['captures-market-share'];
};

/** One author's rows, a row per capture it is in. Its line breaks (a new segment) after a week
 *  it missed or a gap of more than nine days. */
function authorRows(author: string, captures: readonly Capture[], data: SiteData) {
  const lab = labName(data.datasets.labs)(author);
  const origin = originOf(data.datasets.labs)(author);
  const rows: AuthorShareRow[] = [];
  let segment = 0;
  let prevIdx = -1;
  captures.forEach((c, i) => {
    const r = c.rows.find((x) => x.author === author);
    if (!r) return;
    if (
      prevIdx >= 0 &&
      (i - prevIdx > 1 || daysBetween(captures[prevIdx]!.w.week_end, c.w.week_end) > 9)
    )
      segment++;
    prevIdx = i;
    rows.push({
      week_end: c.w.week_end,
      fetched_at_utc: r.fetched_at_utc,
      author,
      lab,
      origin,
      share_pct: r.share_pct,
      tokens: r.tokens,
      rank: r.rank,
      status: c.w.status === 'partial' ? 'partial' : 'derived',
      segment: `${author}-${segment}`,
    });
  });
  return rows;
}

/** The rows drawn: each line author's share in each week's last capture, by week then rank. */
function rowsOf(data: SiteData, weeks: readonly Week[]): AuthorShareRow[] {
  const captures = weeks.map((w) => ({
    w,
    rows: data.datasets['captures-market-share'].filter(
      (r) => r.fetched_at_utc === w.fetched_at_utc,
    ),
  }));
  return authorsOften(captures)
    .flatMap((author) => authorRows(author, captures, data))
    .sort((a, b) => (a.week_end < b.week_end ? -1 : a.week_end > b.week_end ? 1 : a.rank - b.rank));
}

/** A week's rows, largest share first. */
const weekRows = (rows: readonly AuthorShareRow[], weekEnd: string): AuthorShareRow[] =>
  rows.filter((r) => r.week_end === weekEnd).sort((a, b) => b.share_pct - a.share_pct);

/** What the chart singles out: the latest week's rows, the authors labelled at the line ends,
 *  each week's leader, those leaders labelled at their peak instead, and the highest share. */
function highlightsOf(rows: readonly AuthorShareRow[], weeks: readonly Week[]) {
  const lastRows = weekRows(rows, weeks[weeks.length - 1]!.week_end);
  const endLabelled = lastRows.slice(0, END_LABELS).map((r) => r.author);
  const leaders = uniq(weeks.map((w) => weekRows(rows, w.week_end)[0]!));
  // Weekly leaders that are not labelled at the end get a label at their peak.
  const peakLabelled = leaders.filter((r) => !endLabelled.includes(r.author));
  const labelled = new Set([...endLabelled, ...peakLabelled.map((r) => r.author)]);
  const peak = rows.reduce((a, b) => (b.share_pct > a.share_pct ? b : a));
  return { lastRows, leaders, peakLabelled, labelled, peak };
}
type Highlights = ReturnType<typeof highlightsOf>;

/** The figures the words in src/story/article.aml ([methodologyCharts]) name. The title's
 *  opening is computed: "No lab dominates" only when no lab reached DOMINANT_SHARE_PCT and the
 *  lead changed hands. */
function figuresOf(
  data: SiteData,
  weeks: readonly Week[],
  { lastRows, leaders, peak }: Highlights,
): Record<string, string> {
  const cnLeaders = uniq(leaders.filter((l) => l.origin === 'CN').map((l) => l.lab));
  const usLeaders = uniq(leaders.filter((l) => l.origin === 'US').map((l) => l.lab));
  const dominated = peak.share_pct >= DOMINANT_SHARE_PCT || leaders.length < 2;
  return {
    authorsOpening: dominated ? `${peak.lab} dominated` : 'No lab dominates',
    authorsCeiling: formatPercent(Math.ceil(peak.share_pct), 0),
    authorsLeaders: listText([...cnLeaders, ...usLeaders]),
    // How many authors the page lists: the deepest rank in the captures.
    authorsTopN: formatSmall(
      Math.max(...data.datasets['captures-market-share'].map((r) => r.rank ?? 0)),
    ),
    authorsMinWeeks: formatSmall(MIN_WEEKS_IN_TOP),
    authorsWeeks: formatSmall(weeks.length),
    authorsFirst: formatDate(weeks[0]!.week_end),
    authorsLast: formatDate(weeks[weeks.length - 1]!.week_end),
    authorsPeakLab: peak.lab,
    authorsPeak: formatPercent(peak.share_pct),
    authorsPeakWeek: formatDate(peak.week_end),
    authorsLatestTop: lastRows
      .slice(0, 3)
      .map((r) => `${r.lab} had ${formatPercent(r.share_pct)}`)
      .join(', '),
    authorsCnLeaders: listText(cnLeaders) || 'none',
    authorsUsLeaders: listText(usLeaders) || 'none',
  };
}

const COLUMNS: ChartColumn<AuthorShareRow>[] = [
  col<AuthorShareRow, 'week_end'>('week_end', 'week_end', (v) => `week to ${formatDate(v)}`),
  col<AuthorShareRow, 'lab'>('lab', 'author'),
  col<AuthorShareRow, 'origin'>('origin', 'origin', (v) => ORIGIN_LABEL[v] ?? v),
  col<AuthorShareRow, 'share_pct'>('share_pct', 'share_pct', (v) => formatPercent(v)),
  col<AuthorShareRow, 'tokens'>('tokens', 'tokens', (v) => formatTokens(v)),
  col<AuthorShareRow, 'rank'>('rank', 'rank', (v) => String(v)),
  col<AuthorShareRow, 'status'>('status', 'status'),
];

const x = (r: { week_end: string }) => day(r.week_end);

/** An author's week in words: the tooltip of its dot. */
const tipOf = (r: AuthorShareRow) =>
  `${r.lab} (${ORIGIN_LABEL[r.origin]}), week to ${formatDate(r.week_end)}: ${formatPercent(r.share_pct)} of all tokens (${formatTokens(r.tokens)})${r.status === 'partial' ? `, ${ESTIMATE_LABEL.partial}` : ''}`;

/** The title's ceiling: a dotted rule at the peak share rounded up, no author's share passed it. */
function ceilingMarks(peak: AuthorShareRow, x1: Date): Plot.Markish[] {
  const ceiling = Math.ceil(peak.share_pct);
  return [
    Plot.ruleY([ceiling], { stroke: cssVar('rule'), strokeDasharray: '2,3', className: 'ceiling' }),
    annotate([`no lab above ${formatPercent(ceiling, 0)}`], {
      x: x1,
      y: ceiling,
      dy: -7,
      textAnchor: 'end',
      fill: cssVar('muted'),
      className: 'ceiling-label',
    }),
  ];
}

/** One line per author in its origin's colour, with a dot a week (hollow for a partial week);
 *  the labelled authors are drawn stronger, the rest faint. */
function authorMarks(rows: readonly AuthorShareRow[], labelled: Set<string>): Plot.Markish[] {
  const opacity = (r: AuthorShareRow) => (labelled.has(r.author) ? 1 : 0.45);
  return [
    Plot.line(rows, {
      x,
      y: 'share_pct',
      z: 'segment',
      stroke: 'origin',
      strokeWidth: (r: AuthorShareRow) => (labelled.has(r.author) ? 2 : 1.25),
      strokeOpacity: opacity,
      className: 'series-line',
    }),
    ...estimateDots(rows, authorEstimate, (r) => originColor(r.origin), {
      x,
      y: 'share_pct',
      r: (r: AuthorShareRow) => (labelled.has(r.author) ? 3 : 2),
      strokeOpacity: opacity,
      title: tipOf,
    }),
  ];
}

/** Weekly leaders named above their peak with the share; a peak in the first week is written
 *  from the left, so it stays inside the frame. */
function peakLabels(peakLabelled: readonly AuthorShareRow[], firstWeek: string, narrow: boolean) {
  return (['start', 'middle'] as const).map((anchor) =>
    Plot.text(
      peakLabelled.filter((r) => (r.week_end === firstWeek ? 'start' : 'middle') === anchor),
      {
        x,
        y: 'share_pct',
        text: (r: AuthorShareRow) =>
          `${r.lab}${narrow ? '\n' : ' '}${formatPercent(r.share_pct, 0)}`,
        lineAnchor: 'bottom',
        textAnchor: anchor,
        dx: anchor === 'start' ? -6 : 0,
        dy: -8,
        fill: (r: AuthorShareRow) => originColor(r.origin),
        fontSize: LABEL_SIZE,
        fontWeight: '600',
        ...HALO,
        className: 'direct-label peak-label',
      },
    ),
  );
}

/** The labelled authors named at their line's latest point, in the origin's colour. */
function latestLabels(
  lastRows: readonly AuthorShareRow[],
  labelled: Set<string>,
  yDomain: [number, number],
  base: PlotOptions,
): Plot.Markish {
  return endLabels(
    lastRows
      .filter((r) => labelled.has(r.author))
      .map((r) => ({ x: x(r), y: r.share_pct, text: r.lab, fill: originColor(r.origin) })),
    { domain: yDomain, range: yRange(base) },
  );
}

export const authorSharesChart: ChartFactory = (data) => {
  const weeks = data.derived.weeks.authors.filter((w) => w.fetched_at_utc);
  const rows = rowsOf(data, weeks);
  const highlights = highlightsOf(rows, weeks);
  const { lastRows, peakLabelled, labelled, peak } = highlights;
  return {
    id: 'author-shares',
    title: '',
    subtitle: '',
    notes: [],
    figures: figuresOf(data, weeks, highlights),
    sourceIds: [CAPTURE_SOURCE],
    datasets: ['captures-market-share', 'labs'],
    rows,
    estimate: authorEstimate,
    columns: COLUMNS,
    description: '',
    plot(width) {
      const narrow = isNarrow(width);
      const base = frame(width, {
        height: narrow ? 320 : 360,
        marginRight: narrow ? 78 : 86,
        marginLeft: 36,
        marginTop: 24,
      });
      const x0 = addDays(weeks[0]!.week_end, -3);
      const x1 = addDays(weeks[weeks.length - 1]!.week_end, 2);
      const yDomain: [number, number] = [0, Math.max(20, Math.ceil((peak.share_pct + 3) / 5) * 5)];
      return {
        ...base,
        ...timeScales(x0, x1, yDomain),
        color: originScale(),
        marks: [
          gridY({ ticks: 4 }),
          percentAxisY(4),
          axisX({ ticks: monthTicks(x0, x1), tickFormat: monthTick }),
          Plot.ruleY([0], { stroke: cssVar('rule') }),
          ...ceilingMarks(peak, x1),
          ...authorMarks(rows, labelled),
          latestLabels(lastRows, labelled, yDomain, base),
          ...peakLabels(peakLabelled, weeks[0]!.week_end, narrow),
          ...originKey(
            rows.map((r) => r.origin),
            { dy: -20 },
          ),
        ],
      };
    },
  };
};
