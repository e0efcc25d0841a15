/**
 * The weekly-tokens chart's model: one row per week and side from the first media week to the
 * last (a week with no figure is a row too, so that the gap stays visible), the runs of weeks
 * with no figure, the news peg and the week before it, and the figures the copy names. The
 * drawing is in weekly-tokens.ts; keeping the two apart lets a reader check the numbers without
 * reading the marks.
 */
import {
  formatApproxPercent,
  formatPercent,
  formatSmall,
  formatTokens,
  formatWeek,
} from '../lib/format.ts';
import { PEG_WEEK_START } from '../lib/story-settings.ts';
import type { WeekPoint } from '../pipeline/derive/weeks.ts';
import { uniq } from './common.ts';
import type { Estimate } from './estimate.ts';
import { addDays, day } from './theme.ts';
import type { SiteData } from './types.ts';

export interface WeeklyTokensRow {
  week_start: string;
  week_end: string;
  origin: 'CN' | 'US';
  /** Null where no figure exists for the week: the line breaks there. */
  tokens: number | null;
  /** reported / secondary (a figure from a secondary source) / derived (back-calculated by the
   *  desk) / missing (no figure: the line breaks). */
  status: 'reported' | 'secondary' | 'derived' | 'missing';
  wow_change_pct: number | null;
  formula: string | null;
  source_ids: string;
  /** For a week with no figure: the leader the outlets' "Nth week in a row" statements imply. */
  implied_leader: 'CN' | 'US' | null;
}

/** A run of consecutive weeks with no figure on either side. */
export interface GapRun {
  start: string;
  weeks: number;
}

type RawWeek = SiteData['datasets']['weekly-tokens'][number];

/** A media week with a start (every week of the media count has one). */
export type MediaWeek = WeekPoint & { week_start: string };

/** A segment of a series' line between two adjacent weeks that both have a figure. */
export interface Link {
  origin: 'CN' | 'US';
  x1: Date;
  y1: number;
  x2: Date;
  y2: number;
}

/** A week with both figures: the rule from the U.S.'s value to China's. */
export interface Pair {
  x: Date;
  y1: number;
  y2: number;
}

export interface WeeklyModel {
  raw: readonly RawWeek[];
  rows: WeeklyTokensRow[];
  /** The news peg's week, and the week before it where that has a start. */
  peg: MediaWeek;
  before: MediaWeek | undefined;
  gapRuns: GapRun[];
  /** Starts of weeks with no figure that the streak statements imply the U.S. led. */
  impliedUs: string[];
  x0: Date;
  x1: Date;
  yMax: number;
  links: Link[];
  pairs: Pair[];
}

/** "9–15 February": the week without its year, for labels drawn on the chart. */
export const shortWeek = (start: string, end: string): string =>
  formatWeek(start, end).replace(/ \d{4}$/, '');

/** Mid-week on the time axis, where a week's value is drawn. */
export const mid = (r: { week_start: string }): Date => addDays(r.week_start, 3.5);

/** "rose from 4.12T in … to 4.69T in …", "fell from …", or "was 4T in both …": the verb follows
 *  the sign of the change, never the story's expectation. */
export function movement(from: number, to: number, fromWeek?: string, toWeek?: string): string {
  const at = (v: number, w?: string) => `${formatTokens(v)}${w ? ` in ${w}` : ''}`;
  if (from === to)
    return fromWeek && toWeek
      ? `was ${formatTokens(to)} in both ${fromWeek} and ${toWeek}`
      : `was unchanged at ${formatTokens(to)}`;
  const verb = to > from ? 'rose' : 'fell';
  const almost = formatTokens(from) === formatTokens(to) ? ' slightly' : '';
  return `${verb}${almost} from ${at(from, fromWeek)} to ${at(to, toWeek)}`;
}

/** A media week's side is reported, back-calculated or second-hand (estimate.ts). */
export const weekEstimate = (r: WeeklyTokensRow): Estimate | null =>
  r.status === 'derived' ? 'back-calculated' : r.status === 'secondary' ? 'secondary' : null;

/** Every week from `first` to `last` (ISO starts), both sides: a week with no figure is a
 *  'missing' row carrying the leader the streak statements imply, if any. */
function weekRows(
  raw: readonly RawWeek[],
  first: string,
  last: string,
  implied: ReadonlyMap<string, 'CN' | 'US'>,
): WeeklyTokensRow[] {
  const rows: WeeklyTokensRow[] = [];
  for (
    let t = Date.parse(`${first}T00:00:00Z`);
    t <= Date.parse(`${last}T00:00:00Z`);
    t += 7 * 864e5
  ) {
    const ws = new Date(t).toISOString().slice(0, 10);
    const we = new Date(t + 6 * 864e5).toISOString().slice(0, 10);
    for (const origin of ['CN', 'US'] as const) {
      const r = raw.find((x) => x.week_start === ws && x.origin === origin);
      rows.push({
        week_start: ws,
        week_end: r?.week_end ?? we,
        origin,
        tokens: r?.tokens ?? null,
        status: r ? r.status : 'missing',
        wow_change_pct: r?.wow_change_pct ?? null,
        formula: r?.formula ?? null,
        source_ids: r ? r.source_ids.join(';') : '',
        implied_leader: r ? null : (implied.get(ws) ?? null),
      });
    }
  }
  return rows;
}

/** Starts of the weeks with no figure on either side. */
export function missingWeeksOf(rows: readonly WeeklyTokensRow[]): string[] {
  return uniq(rows.filter((r) => r.status === 'missing').map((r) => r.week_start)).filter((ws) =>
    rows.filter((r) => r.week_start === ws).every((r) => r.status === 'missing'),
  );
}

/** The weeks with no figure joined into runs of consecutive weeks (one grey band each). */
function gapRunsOf(missingWeeks: readonly string[]): GapRun[] {
  const gapRuns: GapRun[] = [];
  for (const ws of missingWeeks) {
    const prev = gapRuns[gapRuns.length - 1];
    if (
      prev &&
      addDays(prev.start, 7 * prev.weeks)
        .toISOString()
        .slice(0, 10) === ws
    )
      prev.weeks++;
    else gapRuns.push({ start: ws, weeks: 1 });
  }
  return gapRuns;
}

/** Line segments between adjacent weeks only: a week with no figure breaks the line. An
 *  estimate shows in its dot, not in the line (estimate.ts). */
function linksOf(rows: readonly WeeklyTokensRow[]): Link[] {
  return (['CN', 'US'] as const).flatMap((o) => {
    const side = rows.filter((r) => r.origin === o);
    return side.slice(1).flatMap((b, i) => {
      const a = side[i]!;
      if (a.tokens === null || b.tokens === null) return [];
      return [{ origin: o, x1: mid(a), y1: a.tokens, x2: mid(b), y2: b.tokens }];
    });
  });
}

/** Weeks with both figures: a thin rule joins China's and the U.S.'s value (the week's gap). */
function pairsOf(rows: readonly WeeklyTokensRow[]): Pair[] {
  return uniq(rows.map((r) => r.week_start)).flatMap((ws) => {
    const cn = rows.find((r) => r.week_start === ws && r.origin === 'CN')!;
    const us = rows.find((r) => r.week_start === ws && r.origin === 'US')!;
    return cn.tokens !== null && us.tokens !== null
      ? [{ x: mid(cn), y1: us.tokens, y2: cn.tokens }]
      : [];
  });
}

/** The news peg (the settings' week, else the latest with a share) and the week before it. */
function pegWeeks(media: readonly WeekPoint[]): { peg: MediaWeek; before?: MediaWeek } {
  const peg = (media.find((w) => w.week_start === PEG_WEEK_START) ??
    media.filter((w) => w.cn_share !== null).at(-1)!) as MediaWeek;
  const prev = media[media.indexOf(peg) - 1];
  return { peg, before: prev && prev.week_start ? (prev as MediaWeek) : undefined };
}

/** The chart's model from the site data: rows, gaps, peg, x range and line pieces. */
export function weeklyModel(data: SiteData): WeeklyModel {
  const raw = data.datasets['weekly-tokens'];
  const media = data.derived.weeks.media;
  const starts = media.map((w) => w.week_start!).sort();
  const first = starts[0]!;
  const last = starts[starts.length - 1]!;
  // Weeks with no figure whose leader the outlets' streak statements imply (never drawn as figures).
  const implied = new Map(data.derived.impliedLeads.weeks.map((w) => [w.week_start, w.leader]));
  const rows = weekRows(raw, first, last, implied);
  const missingWeeks = missingWeeksOf(rows);
  const { peg, before } = pegWeeks(media);
  return {
    raw,
    rows,
    peg,
    before,
    gapRuns: gapRunsOf(missingWeeks),
    impliedUs: missingWeeks.filter((ws) => implied.get(ws) === 'US'),
    x0: day(first),
    x1: addDays(last, 7),
    yMax: Math.max(...rows.map((r) => r.tokens ?? 0)),
    links: linksOf(rows),
    pairs: pairsOf(rows),
  };
}

/** A side's weeks with a figure, in date order. */
export const seriesOf = (rows: readonly WeeklyTokensRow[], o: 'CN' | 'US'): WeeklyTokensRow[] =>
  rows.filter((r) => r.origin === o && r.tokens !== null);

/** A side's first and latest reported weeks: the movement the copy names. */
function firstLast(rows: readonly WeeklyTokensRow[], o: 'CN' | 'US') {
  const reported = seriesOf(rows, o).filter((r) => r.status === 'reported');
  return [reported[0]!, reported[reported.length - 1]!] as const;
}

/** The latest week with a reported platform total and both sums: how much of all traffic the
 *  sums cover (no figures when there is none). */
function platformFigures(
  raw: readonly RawWeek[],
  media: readonly WeekPoint[],
): Record<string, string> {
  const platform = [...raw]
    .reverse()
    .find(
      (r) =>
        r.origin === 'all' &&
        r.status === 'reported' &&
        media.some((w) => w.week_start === r.week_start && w.cn !== null && w.us !== null),
    );
  const week = platform ? media.find((w) => w.week_start === platform.week_start) : undefined;
  if (!platform || !week || week.cn === null || week.us === null) return {};
  return {
    wtPlatformWeek: formatWeek(platform.week_start, platform.week_end),
    wtPlatformShare: formatPercent((100 * (week.cn + week.us)) / platform.tokens),
    wtPlatformTotal: formatTokens(platform.tokens),
  };
}

/** The figures the chart's words in src/story/article.aml name (title, subtitle, notes). */
export function weeklyFigures(model: WeeklyModel, data: SiteData): Record<string, string> {
  const { raw, rows, peg } = model;
  const media = data.derived.weeks.media;
  const both = media.filter((w) => w.cn !== null && w.us !== null);
  const cnAhead = both.filter((w) => w.cn! > w.us!).length;
  const [cn0, cn1] = firstLast(rows, 'CN');
  const [us0, us1] = firstLast(rows, 'US');
  return {
    titlePegWeek: formatWeek(peg.week_start, peg.week_end),
    titlePegCnTokens: formatTokens(peg.cn, 'long'),
    titlePegShareApprox: formatApproxPercent(peg.cn_share!),
    wtCnMovement: movement(
      cn0.tokens!,
      cn1.tokens!,
      formatWeek(cn0.week_start, cn0.week_end),
      formatWeek(cn1.week_start, cn1.week_end),
    ),
    wtUsMovement: movement(us0.tokens!, us1.tokens!),
    wtPegCn: formatTokens(peg.cn),
    wtPegUs: formatTokens(peg.us),
    wtPegShare: formatPercent(peg.cn_share),
    wtCnAhead:
      cnAhead === both.length
        ? `all ${formatSmall(both.length)}`
        : `${formatSmall(cnAhead)} of the ${formatSmall(both.length)}`,
    wtMissing: formatSmall(missingWeeksOf(rows).length),
    wtDerived: formatSmall(rows.filter((r) => r.status === 'derived').length),
    wtImpliedUs: model.impliedUs
      .map((w) => formatWeek(w, addDays(w, 6).toISOString().slice(0, 10)))
      .join(' and '),
    wtImpliedWeekWord: model.impliedUs.length === 1 ? 'a week' : 'weeks',
    // The key names only the kinds of mark drawn.
    wtSecondaryKey: raw.some((r) => r.status === 'secondary')
      ? ', or known only from a secondary source'
      : '',
    ...platformFigures(raw, media),
  };
}
