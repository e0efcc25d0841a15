/** OpenRouter's own daily count (Data API): each day's tokens by origin of the model's lab. */
import * as Plot from '@observablehq/plot';
import { formatDate, formatPercent, formatTokens, formatWeek } from '../lib/format.ts';
import { cssVar, originColor } from '../lib/palette.ts';
import { API_SOURCE, apiCitation } from '../pipeline/derive/api.ts';
import { col, round1, segments } from './common.ts';
import { percentAxisY, timeScales } from './plot-parts.ts';
import { utcMonday } from 'd3-time';
import {
  addDays,
  axisX,
  colorKey,
  day,
  dayTick,
  frame,
  gridY,
  isNarrow,
  ruleY,
  shortDayTick,
} from './theme.ts';
import type { ChartColumn, ChartFactory, SiteData } from './types.ts';

/** The bands, bottom to top: the two sides compared first, then the rest. */
export const API_BANDS = [
  { key: 'cn', label: 'China', short: 'China', fill: originColor('CN') },
  { key: 'us', label: 'U.S.', short: 'U.S.', fill: originColor('US') },
  { key: 'other', label: 'Other origins', short: 'Other', fill: originColor('other') },
  {
    key: 'undisclosed',
    label: 'Stealth (undisclosed)',
    short: 'Stealth',
    fill: originColor('undisclosed'),
  },
  { key: 'outside', label: 'Outside the top 50', short: 'Outside top 50', fill: cssVar('grid') },
] as const;
type Band = (typeof API_BANDS)[number]['key'];

export interface ApiOriginRow {
  date: string;
  cn_pct: number;
  us_pct: number;
  other_pct: number;
  undisclosed_pct: number;
  outside_pct: number;
  all_tokens: number;
  cn_share_of_pair_pct: number;
}

/**
 * The days a series covers, in words, never across missing days: "from 20 May 2026 to
 * 11 September 2026", or with a gap "from 20 May 2026 to 11 September 2026 and from 1 October
 * 2026 to 4 October 2026, with no data in between".
 */
export function spans(dates: readonly string[]): string {
  const seg = segments(dates, 1);
  const runs: Array<[string, string]> = [];
  dates.forEach((d, i) => {
    if (i === 0 || seg[i] !== seg[i - 1]) runs.push([d, d]);
    else runs[runs.length - 1]![1] = d;
  });
  const words = runs.map(([a, b]) =>
    a === b ? `on ${formatDate(a)}` : `from ${formatDate(a)} to ${formatDate(b)}`,
  );
  return words.length > 1 ? `${words.join(' and ')}, with no data in between` : (words[0] ?? '');
}

type Api = SiteData['derived']['api'];

/** The rows drawn: each day's share of all tokens per band, and China's share of the pair. */
const rowsOf = (api: Api): ApiOriginRow[] =>
  api.days.map((d) => ({
    date: d.date,
    cn_pct: round1((100 * d.cn) / d.all),
    us_pct: round1((100 * d.us) / d.all),
    other_pct: round1((100 * d.other) / d.all),
    undisclosed_pct: round1((100 * d.undisclosed) / d.all),
    outside_pct: round1((100 * d.outside) / d.all),
    all_tokens: d.all,
    cn_share_of_pair_pct: round1((100 * d.cn) / (d.cn + d.us)),
  }));

/** The figures the words in src/story/article.aml name: the days covered, the days China led,
 *  and the latest whole week's shares (the latest week of any length when none is whole). */
function figuresOf(api: Api, rows: readonly ApiOriginRow[]): Record<string, string> {
  const last = api.weeks.filter((w) => w.days === 7).at(-1) ?? api.weeks.at(-1);
  if (!rows.length || !last) return {};
  return {
    originsSpan: spans(rows.map((r) => r.date)),
    originsCnDays: String(rows.filter((r) => r.cn_pct > r.us_pct).length),
    originsDays: String(rows.length),
    originsLastWeek: formatWeek(last.week_start, last.week_end),
    originsLastCn: formatPercent(last.pct.cn),
    originsLastUs: formatPercent(last.pct.us),
    originsLastOther: formatPercent(last.pct.other),
    originsLastUndisclosed: formatPercent(last.pct.undisclosed),
    originsLastOutside: formatPercent(last.pct.outside),
    originsLastAll: formatTokens(last.all, 'long'),
  };
}

const COLUMNS: ChartColumn<ApiOriginRow>[] = [
  col<ApiOriginRow, 'date'>('date', 'date', (v) => formatDate(v)),
  col<ApiOriginRow, 'cn_pct'>('cn_pct', 'cn_pct', (v) => formatPercent(v)),
  col<ApiOriginRow, 'us_pct'>('us_pct', 'us_pct', (v) => formatPercent(v)),
  col<ApiOriginRow, 'other_pct'>('other_pct', 'other_pct', (v) => formatPercent(v)),
  col<ApiOriginRow, 'undisclosed_pct'>('undisclosed_pct', 'undisclosed_pct', (v) =>
    formatPercent(v),
  ),
  col<ApiOriginRow, 'outside_pct'>('outside_pct', 'outside_top50_pct', (v) => formatPercent(v)),
  col<ApiOriginRow, 'all_tokens'>('all_tokens', 'all_tokens', (v) => formatTokens(v)),
  col<ApiOriginRow, 'cn_share_of_pair_pct'>('cn_share_of_pair_pct', 'cn_share_of_cn_us_pct', (v) =>
    formatPercent(v),
  ),
];

/** The points of the stacked bands. Each day is a flat step: the band's value at the day's start
 *  and just before the next day. Days missing between imported responses start a new segment:
 *  no band is drawn across them. */
function bandSteps(rows: readonly ApiOriginRow[]) {
  const segment = segments(
    rows.map((r) => r.date),
    1,
  );
  return rows.flatMap((r, j) =>
    API_BANDS.flatMap((b, i) =>
      [0, 0.999].map((t) => ({
        x: addDays(r.date, t),
        band: b.key as Band,
        segment: `${b.key}-${segment[j]}`,
        order: i,
        value: r[`${b.key}_pct` as const],
      })),
    ),
  );
}

const BAND_FILL = Object.fromEntries(API_BANDS.map((b) => [b.key, b.fill])) as Record<Band, string>;

/** A day's five shares in words: the tooltip of its column. */
const tipOf = (r: ApiOriginRow) =>
  `${formatDate(r.date)}: ${API_BANDS.map((b) => `${b.short} ${formatPercent(r[`${b.key}_pct` as const])}`).join(', ')} of all tokens`;

/** The stacked bands, and one transparent column a day that carries the day's figures for the
 *  tooltip. */
function bandMarks(rows: readonly ApiOriginRow[]): Plot.Markish[] {
  const steps = bandSteps(rows);
  return [
    Plot.areaY(
      steps,
      Plot.stackY(
        { order: 'order' },
        {
          x: 'x',
          y: 'value',
          z: 'segment',
          fill: (d: (typeof steps)[number]) => BAND_FILL[d.band],
          className: 'api-band',
        },
      ),
    ),
    Plot.rectY(rows, {
      x1: (r: ApiOriginRow) => day(r.date),
      x2: (r: ApiOriginRow) => addDays(r.date, 1),
      y1: 0,
      y2: 100,
      fill: 'transparent',
      title: tipOf,
      className: 'api-day',
    }),
  ];
}

/** The bands' key above the plot (short names on phones); the grey band is keyed in the muted
 *  text colour, which reads as text where the grid colour would not. */
const bandKey = (narrow: boolean, width: number) =>
  colorKey(
    API_BANDS.map((b) => ({
      text: narrow ? b.short : b.label,
      fill: b.key === 'outside' ? cssVar('muted') : b.fill,
    })),
    { dy: narrow ? -38 : -24, dx: -30, maxWidth: width - 20 },
  );

export const apiOriginsChart: ChartFactory = (data) => {
  const api = data.derived.api;
  const rows = rowsOf(api);
  return {
    id: 'api-origins',
    title: '',
    subtitle: '',
    notes: [],
    figures: figuresOf(api, rows),
    citation: apiCitation(api.as_of),
    sourceIds: [API_SOURCE],
    datasets: ['api-daily-tokens', 'labs'],
    rows,
    columns: COLUMNS,
    description: '',
    plot(width) {
      const narrow = isNarrow(width);
      // On phones the key takes two lines above the plot.
      const base = frame(width, {
        height: narrow ? 316 : 340,
        marginTop: narrow ? 44 : 30,
        marginLeft: 40,
        marginRight: 12,
      });
      const first = rows[0];
      const end = rows.at(-1);
      const x0 = first ? day(first.date) : new Date();
      const x1 = end ? addDays(end.date, 1) : new Date();
      return {
        ...base,
        ...timeScales(x0, x1, [0, 100]),
        marks: [
          ...bandMarks(rows),
          gridY({ ticks: [25, 50, 75], strokeOpacity: 0.35 }),
          percentAxisY([0, 25, 50, 75, 100]),
          // A tick each other Monday, short ("24 Aug"), or each fourth on phones, so labels never
          // touch: a month tick alone would leave May unlabelled.
          axisX({
            ticks: utcMonday.every(narrow ? 4 : 2)!.range(x0, x1),
            tickFormat: narrow ? dayTick : shortDayTick,
          }),
          ruleY([0]),
          ...bandKey(narrow, width),
        ],
      };
    },
  };
};
