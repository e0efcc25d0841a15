/**
 * share-by-method's model: one row per count and week with China's share of the China + U.S.
 * total, the media weeks the streak counts imply the U.S. led, the figures the copy names, and
 * how each count is told apart (name, colour, dash). The drawing is in share-by-method.ts, the
 * placement of its labels in share-by-method-labels.ts.
 */
import { formatPercent, formatSmall } from '../lib/format.ts';
import { cssVar } from '../lib/palette.ts';
import type { Derived } from '../pipeline/derive/index.ts';
import { METHODS, type Method, type WeekPoint } from '../pipeline/derive/weeks.ts';
import { segments } from './common.ts';
import { ESTIMATE_LABEL } from './estimate.ts';
import {
  estimateOf,
  estimateWords,
  latestOf,
  latestText,
  periodText,
  periodWithEstimate,
  rangeOf,
  roundShare,
  weekSeries,
} from '../data/latest.ts';
import { addDays } from './theme.ts';
import type { SiteData } from './types.ts';

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
  media: 'Outlets’ sums',
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

export const METHODS_DRAWN = ['api', 'media', 'authors', 'models'] as const;

/** Every count's weeks with a share, one row each; a gap of more than 9 days starts a new line
 *  segment, so that weeks with no figure stay visible as breaks. */
export function shareRows(data: SiteData): ShareRow[] {
  return METHODS_DRAWN.flatMap((m) => {
    const { pts, seg } = segmentedWeeks(data, m);
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
}

/** A count's weeks with a share and each week's line segment number: a gap of more than nine
 *  days starts a new segment (share-by-method and policy-usage draw the same breaks). */
export function segmentedWeeks(data: SiteData, m: Method) {
  const pts = data.derived.weeks[m].filter((w) => w.cn_share !== null);
  return {
    pts,
    seg: segments(
      pts.map((p) => p.week_end),
      9,
    ),
  };
}

export type ImpliedWeek = Derived['impliedLeads']['weeks'][number];

/** Media weeks with no figure that the outlets' own streak counts imply the U.S. led: drawn as a
 *  hollow marker under "even", never as a share (no figure was published). */
export function impliedUsWeeks(data: SiteData, rows: readonly ShareRow[]): ImpliedWeek[] {
  return data.derived.impliedLeads.weeks.filter(
    (w) =>
      w.leader === 'US' &&
      w.basis === 'before-streak' &&
      !rows.some((r) => r.method === 'media' && r.week_start === w.week_start),
  );
}

export const rowEstimate = (r: ShareRow) => estimateOf(r.method, r.status);
/** A row's kind of estimate in brackets for its tooltip, or nothing for a counted week. */
export const estimateTip = (r: ShareRow) => {
  const e = rowEstimate(r);
  return e ? ` (${ESTIMATE_LABEL[e]})` : '';
};

/** The figures the words in src/story/article.aml name. Latest, range and lowest come from the
 *  one definition (latest.ts): the title, the readouts (methodAnswer), the end labels and the
 *  description cannot disagree. The title is bound there to the claim that every count has
 *  China ahead in its latest week. */
export function methodFigures(data: SiteData): Record<string, string> {
  return {
    methodCount: formatSmall(METHODS_DRAWN.length),
    // One sentence pair per count: its range, its latest week and the weeks China was ahead.
    methodRanges: METHODS_DRAWN.map((m) => {
      const rs = weekSeries(data, m);
      const ahead = rs.filter((r) => r.value > 50).length;
      const { min, max } = rangeOf(rs);
      return `By ${METHOD_LONG[m]}, China's share of the China–U.S. total ranged from ${formatPercent(min.value)} (${periodWithEstimate(min)}) to ${formatPercent(max.value)} (${periodWithEstimate(max)}); latest ${latestText(rs)}. China was ahead in ${ahead === rs.length ? `all ${formatSmall(ahead)}` : `${formatSmall(ahead)} of ${formatSmall(rs.length)}`} weeks.`;
    }).join(' '),
  };
}

/** Where a week is drawn: mid-week, or three days before the end of a week with no start. */
export const weekX = (r: ShareRow): Date =>
  r.week_start ? addDays(r.week_start, 3.5) : addDays(r.week_end, -3);
/** Each count's latest row (its line end). */
export const latestRow = (rows: readonly ShareRow[], m: Method): ShareRow =>
  rows.filter((r) => r.method === m).at(-1)!;

/** How a count is drawn in a state: full where it is shown or all are, faded otherwise. */
export const opacityIn = (state: string, m: Method): number =>
  state === 'all' || state === m ? 1 : 0.2;

/** The order the counts are drawn in: the emphasised one last, on top. */
export const drawOrder = (state: string): readonly Method[] =>
  state === 'all'
    ? (['models', 'authors', 'media', 'api'] as const)
    : [...METHODS_DRAWN].sort((a, b) => (a === state ? 1 : 0) - (b === state ? 1 : 0));
