/** China vs U.S. weekly tokens, summed from the weekly leaderboard by the media. */
import * as Plot from '@observablehq/plot';
import {
  formatApproxPercent,
  formatChange,
  formatPercent,
  formatSmall,
  formatTokens,
  formatWeek,
} from '../lib/format.ts';
import { cssVar, originColor } from '../lib/palette.ts';
import {
  addDays,
  annotate,
  axisX,
  axisY,
  day,
  endLabels,
  frame,
  gridY,
  HALO,
  isNarrow,
  LABEL_SIZE,
  monthTick,
  monthTicks,
  niceDomain,
  ORIGIN_LABEL,
  originScale,
  ruleY,
  textWidth,
  yRange,
} from './theme.ts';
import { col, uniq } from './common.ts';
import {
  ESTIMATE_KEY,
  ESTIMATE_LABEL,
  ESTIMATES,
  estimateDots,
  type Estimate,
} from './estimate.ts';
import type { ChartFactory } from './types.ts';
import { PEG_WEEK_START } from '../lib/story-settings.ts';

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

interface GapRun {
  start: string;
  weeks: number;
}

const shortWeek = (start: string, end: string) => formatWeek(start, end).replace(/ \d{4}$/, '');

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
const weekEstimate = (r: WeeklyTokensRow): Estimate | null =>
  r.status === 'derived' ? 'back-calculated' : r.status === 'secondary' ? 'secondary' : null;

export const weeklyTokensChart: ChartFactory = (data) => {
  const raw = data.datasets['weekly-tokens'];
  const media = data.derived.weeks.media;
  const starts = media.map((w) => w.week_start!).sort();
  const first = starts[0]!;
  const last = starts[starts.length - 1]!;

  // Weeks with no figure whose leader the outlets' streak statements imply (never drawn as figures).
  const implied = new Map(data.derived.impliedLeads.weeks.map((w) => [w.week_start, w.leader]));
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

  const peg =
    media.find((w) => w.week_start === PEG_WEEK_START) ??
    media.filter((w) => w.cn_share !== null).at(-1)!;
  const pegIdx = media.indexOf(peg);
  const before =
    media[pegIdx - 1] && media[pegIdx - 1]!.week_start ? media[pegIdx - 1]! : undefined;
  const both = media.filter((w) => w.cn !== null && w.us !== null);
  const cnAhead = both.filter((w) => w.cn! > w.us!).length;
  const missingWeeks = uniq(
    rows.filter((r) => r.status === 'missing').map((r) => r.week_start),
  ).filter((ws) => rows.filter((r) => r.week_start === ws).every((r) => r.status === 'missing'));
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
  const derivedCount = rows.filter((r) => r.status === 'derived').length;
  // The latest week with a reported platform total and both sums: how much of all traffic they cover.
  const platform = [...raw]
    .reverse()
    .find(
      (r) =>
        r.origin === 'all' &&
        r.status === 'reported' &&
        media.some((w) => w.week_start === r.week_start && w.cn !== null && w.us !== null),
    );
  const platformWeek = platform
    ? media.find((w) => w.week_start === platform.week_start)
    : undefined;

  const series = (o: 'CN' | 'US') => rows.filter((r) => r.origin === o && r.tokens !== null);
  const firstLast = (o: 'CN' | 'US') => {
    const s = series(o).filter((r) => r.status === 'reported');
    return [s[0]!, s[s.length - 1]!] as const;
  };
  const [cn0, cn1] = firstLast('CN');
  const [us0, us1] = firstLast('US');

  const pegLabel = `${shortWeek(peg.week_start!, peg.week_end)}: the news peg`;
  // The title and subtitle are in src/story/article.aml; these are the figures they name.
  const impliedUs = missingWeeks.filter((ws) => implied.get(ws) === 'US');
  const figures: Record<string, string> = {
    titlePegWeek: formatWeek(peg.week_start!, peg.week_end),
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
    wtMissing: formatSmall(missingWeeks.length),
    wtDerived: formatSmall(derivedCount),
    wtImpliedUs: impliedUs
      .map((w) => formatWeek(w, addDays(w, 6).toISOString().slice(0, 10)))
      .join(' and '),
    wtImpliedWeekWord: impliedUs.length === 1 ? 'a week' : 'weeks',
    // The key names only the kinds of mark drawn.
    wtSecondaryKey: raw.some((r) => r.status === 'secondary')
      ? ', or known only from a secondary source'
      : '',
    ...(platform && platformWeek && platformWeek.cn !== null && platformWeek.us !== null
      ? {
          wtPlatformWeek: formatWeek(platform.week_start, platform.week_end),
          wtPlatformShare: formatPercent(
            (100 * (platformWeek.cn + platformWeek.us)) / platform.tokens,
          ),
          wtPlatformTotal: formatTokens(platform.tokens),
        }
      : {}),
  };

  const mid = (r: { week_start: string }) => addDays(r.week_start, 3.5);
  const x0 = day(first);
  const x1 = addDays(last, 7);
  const yMax = Math.max(...rows.map((r) => r.tokens ?? 0));
  const statuses = uniq(rows.map((r) => r.status));

  /** Line segments between adjacent weeks only: a week with no figure breaks the line. An
   *  estimate shows in its dot, not in the line (estimate.ts). */
  const links = (['CN', 'US'] as const).flatMap((o) => {
    const s = rows.filter((r) => r.origin === o);
    return s.slice(1).flatMap((b, i) => {
      const a = s[i]!;
      if (a.tokens === null || b.tokens === null) return [];
      return [
        {
          origin: o,
          x1: mid(a),
          y1: a.tokens,
          x2: mid(b),
          y2: b.tokens,
        },
      ];
    });
  });
  /** Weeks with both figures: a thin rule joins China's and the U.S.'s value (the week's gap). */
  const pairs = uniq(rows.map((r) => r.week_start)).flatMap((ws) => {
    const cn = rows.find((r) => r.week_start === ws && r.origin === 'CN')!;
    const us = rows.find((r) => r.week_start === ws && r.origin === 'US')!;
    return cn.tokens !== null && us.tokens !== null
      ? [{ x: mid(cn), y1: us.tokens, y2: cn.tokens }]
      : [];
  });

  return {
    id: 'weekly-tokens',
    // Its words are in the document's [methodologyCharts] (src/story/article.aml); its title
    // keeps the scope the fact-check asked for (FACT-CHECK-2, error 7).
    title: '',
    subtitle: '',
    figures,
    notes: [],
    sourceIds: uniq(raw.filter((r) => r.origin !== 'all').flatMap((r) => r.source_ids)),
    datasets: ['weekly-tokens'],
    rows,
    estimate: weekEstimate,
    columns: [
      col<WeeklyTokensRow, 'week_start'>('week_start', 'week', (v, r) => formatWeek(v, r.week_end)),
      col<WeeklyTokensRow, 'origin'>('origin', 'origin', (v) => ORIGIN_LABEL[v] ?? v),
      col<WeeklyTokensRow, 'tokens'>('tokens', 'tokens', (v) => formatTokens(v, 'long')),
      col<WeeklyTokensRow, 'status'>('status', 'status', (v) =>
        v === 'missing'
          ? 'no figure'
          : v === 'derived'
            ? 'back-calculated'
            : v === 'secondary'
              ? 'secondary source'
              : 'reported',
      ),
      col<WeeklyTokensRow, 'implied_leader'>(
        'implied_leader',
        'implied_leader',
        (v) => `${ORIGIN_LABEL[v] ?? v} ahead, implied by the outlets' streak counts`,
      ),
      col<WeeklyTokensRow, 'wow_change_pct'>('wow_change_pct', 'wow_change_pct', (v) =>
        formatChange(v),
      ),
      col<WeeklyTokensRow, 'formula'>('formula', 'formula'),
      col<WeeklyTokensRow, 'source_ids'>('source_ids', 'source_ids'),
    ],
    description: '',
    // Labels in src/story/article.aml ([.states] of weekly-tokens in [methodologyCharts]).
    states: [
      { id: 'all', label: '' },
      { id: 'peg', label: '' },
      { id: 'before', label: '' },
      { id: 'gaps', label: '' },
    ],
    plot(width, state = 'all', size) {
      const narrow = isNarrow(width);
      const base = frame(width, {
        height: size?.height ?? (narrow ? 320 : 350),
        marginTop: 30,
        marginRight: narrow ? 46 : 52,
        marginLeft: 40,
        marginBottom: narrow ? 58 : 50,
      });
      const yDomain = niceDomain(0, yMax);
      const plotW = width - base.marginLeft! - base.marginRight!;
      const weekPx = plotW / ((x1.getTime() - x0.getTime()) / (7 * 864e5));
      const pxOf = (d: Date) =>
        base.marginLeft! + ((d.getTime() - x0.getTime()) / (x1.getTime() - x0.getTime())) * plotW;
      const tip = (r: WeeklyTokensRow) =>
        `${ORIGIN_LABEL[r.origin]}, ${formatWeek(r.week_start, r.week_end)}: ${formatTokens(r.tokens, 'long')}${weekEstimate(r) ? ` (${ESTIMATE_LABEL[weekEstimate(r)!]})` : ''}`;
      const band = (ws: string, o: { className: string; fill?: string; opacity?: number }) =>
        Plot.rectX([ws], {
          x1: (d: string) => day(d),
          x2: (d: string) => addDays(d, 7),
          fill: o.fill ?? cssVar('highlight'),
          fillOpacity: o.opacity ?? 1,
          className: o.className,
        });
      const valueNote = (w: typeof peg, extra: string) =>
        `China ${formatTokens(w.cn)}, U.S. ${formatTokens(w.us)}${extra}`;
      const emphGaps = state === 'gaps';

      const marks: Plot.Markish[] = [];
      // Weeks with no figure stay visible as gaps: a grey band with a note, in every state.
      marks.push(
        Plot.rectX(gapRuns, {
          x1: (g: GapRun) => day(g.start),
          x2: (g: GapRun) => addDays(g.start, 7 * g.weeks),
          fill: cssVar('grid'),
          fillOpacity: emphGaps ? 1 : 0.6,
          className: emphGaps ? 'gap-band is-emphasis' : 'gap-band',
        }),
      );
      marks.push(
        band(peg.week_start!, {
          className: state === 'peg' ? 'peg-band is-emphasis' : 'peg-band',
          opacity: state === 'before' || state === 'gaps' ? 0.6 : 1,
        }),
      );
      if (state === 'before' && before)
        marks.push(band(before.week_start!, { className: 'before-band is-emphasis' }));
      marks.push(
        gridY({ ticks: narrow ? 4 : 5 }),
        axisY({ ticks: narrow ? 4 : 5, tickFormat: (v: number) => formatTokens(v) }),
        axisX({ ticks: monthTicks(x0, x1), tickFormat: monthTick }),
        ruleY([0]),
        Plot.ruleX(pairs, {
          x: 'x',
          y1: 'y1',
          y2: 'y2',
          stroke: cssVar('rule'),
          strokeOpacity: 0.7,
          strokeWidth: 1.5,
          className: 'week-gap',
        }),
        Plot.link(links, {
          x1: 'x1',
          y1: 'y1',
          x2: 'x2',
          y2: 'y2',
          stroke: 'origin',
          strokeWidth: 2,
          className: 'series-line',
        }),
        ...estimateDots(
          rows.filter((r) => r.tokens !== null),
          weekEstimate,
          (r) => originColor(r.origin),
          { x: mid, y: 'tokens', r: 3.5, title: tip },
        ),
      );
      // The gaps, named: rotated where a run is narrow, in words where it is wide.
      const gapLabel = (g: GapRun) =>
        g.weeks * weekPx >= textWidth('no figures', LABEL_SIZE) + 6
          ? g.weeks > 1
            ? `no figures,\n${formatSmall(g.weeks)} weeks`
            : 'no figure'
          : 'no figure';
      const rotated = (g: GapRun) => g.weeks * weekPx < textWidth('no figures', LABEL_SIZE) + 6;
      marks.push(
        annotate(gapRuns.filter(rotated), {
          x: (g: GapRun) => addDays(g.start, 3.5 * g.weeks),
          y: yDomain[0],
          dy: -6,
          text: gapLabel,
          rotate: -90,
          textAnchor: 'start',
          fill: emphGaps ? cssVar('text') : cssVar('muted'),
          fontWeight: emphGaps ? '600' : '400',
          className: emphGaps ? 'gap-note is-emphasis' : 'gap-note',
        }),
        annotate(
          gapRuns.filter((g) => !rotated(g)),
          {
            x: (g: GapRun) => addDays(g.start, 3.5 * g.weeks),
            y: yDomain[0],
            dy: -6,
            text: gapLabel,
            textAnchor: 'middle',
            lineAnchor: 'bottom',
            fill: emphGaps ? cssVar('text') : cssVar('muted'),
            fontWeight: emphGaps ? '600' : '400',
            className: emphGaps ? 'gap-note is-emphasis' : 'gap-note',
          },
        ),
      );
      // Weeks the streak statements imply the U.S. led: named in the U.S. colour, never as a figure.
      // (Not in the peg and week-before steps, whose notes sit in the same corner.)
      if (state === 'all' || state === 'gaps')
        marks.push(
          annotate(impliedUs, {
            x: (w: string) => addDays(w, 3.5),
            y: yDomain[1],
            dy: 2,
            rotate: -90,
            textAnchor: 'end',
            text: () => 'U.S. led (implied)',
            fill: originColor('US'),
            fontWeight: '600',
            className: emphGaps ? 'implied-lead is-emphasis' : 'implied-lead',
          }),
        );
      // The news peg: named above the chart, its two values beside their points.
      const pegX = pxOf(mid(peg as { week_start: string }));
      const pegAnchor = pegX > width * 0.66 ? 'end' : pegX < width * 0.33 ? 'start' : 'middle';
      const valueSide = pegX > width - 90 ? -1 : 1;
      marks.push(
        Plot.text([`${pegLabel}, China ${formatPercent(peg.cn_share)}`], {
          x: addDays(peg.week_start!, pegAnchor === 'start' ? 0 : pegAnchor === 'end' ? 7 : 3.5),
          frameAnchor: 'top',
          dy: -8,
          lineAnchor: 'bottom',
          textAnchor: pegAnchor,
          fontSize: LABEL_SIZE,
          fontWeight: '600',
          fill: cssVar('text'),
          ...HALO,
          className: 'peg-label',
        }),
        Plot.text(
          (['CN', 'US'] as const).map((o) => ({ o, v: o === 'CN' ? peg.cn! : peg.us! })),
          {
            x: mid(peg as { week_start: string }),
            y: 'v',
            dx: valueSide * 7,
            text: (d: { v: number }) => formatTokens(d.v),
            textAnchor: valueSide > 0 ? 'start' : 'end',
            fill: (d: { o: string }) => originColor(d.o),
            fontSize: LABEL_SIZE,
            fontWeight: '700',
            ...HALO,
            className: 'peg-value',
          },
        ),
        endLabels(
          (['CN', 'US'] as const).map((o) => {
            const s = series(o);
            const l = s[s.length - 1]!;
            return { x: mid(l), y: l.tokens!, text: ORIGIN_LABEL[o]!, fill: originColor(o) };
          }),
          { domain: yDomain, range: yRange(base) },
        ),
      );
      // The key, under the axis: only the kinds of value the chart shows.
      const keyItems: Array<{
        text: string;
        dot?: { fill: string; symbol?: string; stroke?: string };
      }> = [];
      // The shared estimate key's symbols and words (estimate.ts), with the kinds shown here.
      if (statuses.includes('reported'))
        keyItems.push({ text: 'reported', dot: { fill: cssVar('text') } });
      const kinds = ESTIMATES.filter((k) => rows.some((r) => weekEstimate(r) === k));
      if (kinds.length)
        keyItems.push({
          text: `${ESTIMATE_KEY.estimated.toLowerCase()} (${kinds.map((k) => ESTIMATE_LABEL[k]).join(', ')})`,
          dot: { fill: cssVar('bg') },
        });
      if (gapRuns.length > 0)
        keyItems.push({
          text: 'no figure',
          dot: { fill: cssVar('grid'), symbol: 'square', stroke: cssVar('grid') },
        });
      // Left to right, wrapping to a second line under the first where the width runs out.
      let kx = 6;
      let ky = narrow ? 28 : 36;
      for (const it of keyItems) {
        const w = 8 + textWidth(it.text, LABEL_SIZE) + 16;
        if (kx > 6 && kx + w - 16 > width - base.marginLeft!) {
          kx = 6;
          ky += 16;
        }
        marks.push(
          Plot.dot([0], {
            frameAnchor: 'bottom-left',
            dx: kx,
            dy: ky,
            r: it.dot!.symbol === 'square' ? 5 : 3.5,
            symbol: it.dot!.symbol ?? 'circle',
            fill: it.dot!.fill,
            stroke: it.dot!.stroke ?? cssVar('text'),
            strokeWidth: 1.5,
            className: 'key',
          }),
          Plot.text([it.text], {
            frameAnchor: 'bottom-left',
            dx: kx + 8,
            dy: ky,
            textAnchor: 'start',
            fontSize: LABEL_SIZE,
            fill: cssVar('muted'),
            className: 'key',
          }),
        );
        kx += w;
      }
      // The week's gap between China and the U.S., named: the peg's in the peg step, the
      // week before's beside it in the next step.
      const gapWeeks = state === 'peg' ? [peg] : state === 'before' && before ? [before, peg] : [];
      const gaps = gapWeeks
        .filter((w) => w.cn !== null && w.us !== null)
        .map((w) => ({
          x: addDays(w.week_start!, 3.5),
          y1: Math.min(w.cn!, w.us!),
          y2: Math.max(w.cn!, w.us!),
          y: (w.cn! + w.us!) / 2,
          text: `gap ${formatTokens(Math.abs(w.cn! - w.us!))}`,
          right: w === peg,
        }));
      if (gaps.length) {
        marks.push(
          Plot.ruleX(gaps, {
            x: 'x',
            y1: 'y1',
            y2: 'y2',
            stroke: cssVar('text'),
            strokeWidth: 2.5,
            className: 'week-gap is-emphasis',
          }),
          // The peg's to the right, between its two value labels; the week before's to the left.
          ...[true, false].map((right) =>
            annotate(
              gaps.filter((g) => g.right === right),
              {
                x: 'x',
                y: 'y',
                text: 'text',
                dx: right ? valueSide * 7 : -7,
                textAnchor: right && valueSide > 0 ? 'start' : 'end',
                fontWeight: '700',
                className: 'gap-value is-emphasis',
              },
            ),
          ),
        );
      }
      if (state === 'before' && before) {
        marks.push(
          annotate(
            [
              `${shortWeek(before.week_start!, before.week_end)}: back-calculated\nfrom the next week's\nreported changes\n${valueNote(before, '')}`,
            ],
            {
              x: addDays(before.week_start!, 3.5),
              y: yDomain[1],
              dy: 2,
              lineAnchor: 'top',
              textAnchor: narrow ? 'middle' : 'end',
              dx: narrow ? 0 : -4,
              className: 'before-note is-emphasis',
            },
          ),
        );
      }
      return {
        ...base,
        x: { type: 'utc', domain: [x0, x1] },
        y: { domain: yDomain },
        color: originScale(),
        marks,
      };
    },
  };
};
