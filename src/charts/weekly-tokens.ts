/** China vs U.S. weekly tokens, summed from the weekly leaderboard by the media. */
import * as Plot from '@observablehq/plot';
import {
  formatApproxPercent, formatChange, formatPercent, formatSmall, formatTokens, formatWeek,
} from '../lib/format.ts';
import { cssVar, originColor } from '../lib/palette.ts';
import { addDays, annotate, axisX, axisY, day, endLabels, frame, frameNote, gridY, isNarrow, LABEL_SIZE, monthTick, monthTicks, niceDomain, ORIGIN_LABEL, originScale, ruleY, yRange } from './theme.ts';
import { col, uniq } from './common.ts';
import type { ChartFactory } from './types.ts';
import { PEG_WEEK_START } from '../lib/story-settings.ts';

export interface WeeklyTokensRow {
  week_start: string;
  week_end: string;
  origin: 'CN' | 'US';
  /** Null where no figure exists for the week: the line breaks there. */
  tokens: number | null;
  status: 'reported' | 'derived' | 'missing';
  wow_change_pct: number | null;
  formula: string | null;
  source_ids: string;
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
  if (from === to) return fromWeek && toWeek ? `was ${formatTokens(to)} in both ${fromWeek} and ${toWeek}` : `was unchanged at ${formatTokens(to)}`;
  const verb = to > from ? 'rose' : 'fell';
  const almost = formatTokens(from) === formatTokens(to) ? ' slightly' : '';
  return `${verb}${almost} from ${at(from, fromWeek)} to ${at(to, toWeek)}`;
}

export const weeklyTokensChart: ChartFactory = (data) => {
  const raw = data.datasets['weekly-tokens'];
  const media = data.derived.weeks.media;
  const starts = media.map((w) => w.week_start!).sort();
  const first = starts[0]!;
  const last = starts[starts.length - 1]!;

  const rows: WeeklyTokensRow[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 7 * 864e5) {
    const ws = new Date(t).toISOString().slice(0, 10);
    const we = new Date(t + 6 * 864e5).toISOString().slice(0, 10);
    for (const origin of ['CN', 'US'] as const) {
      const r = raw.find((x) => x.week_start === ws && x.origin === origin);
      rows.push({
        week_start: ws, week_end: r?.week_end ?? we, origin, tokens: r?.tokens ?? null,
        status: r ? (r.status === 'derived' ? 'derived' : 'reported') : 'missing',
        wow_change_pct: r?.wow_change_pct ?? null, formula: r?.formula ?? null, source_ids: r ? r.source_ids.join(';') : '',
      });
    }
  }

  const peg = media.find((w) => w.week_start === PEG_WEEK_START) ?? media.filter((w) => w.cn_share !== null).at(-1)!;
  const pegIdx = media.indexOf(peg);
  const before = media[pegIdx - 1] && media[pegIdx - 1]!.week_start ? media[pegIdx - 1]! : undefined;
  const both = media.filter((w) => w.cn !== null && w.us !== null);
  const cnAhead = both.filter((w) => w.cn! > w.us!).length;
  const missingWeeks = uniq(rows.filter((r) => r.status === 'missing').map((r) => r.week_start))
    .filter((ws) => rows.filter((r) => r.week_start === ws).every((r) => r.status === 'missing'));
  const gapRuns: GapRun[] = [];
  for (const ws of missingWeeks) {
    const prev = gapRuns[gapRuns.length - 1];
    if (prev && addDays(prev.start, 7 * prev.weeks).toISOString().slice(0, 10) === ws) prev.weeks++;
    else gapRuns.push({ start: ws, weeks: 1 });
  }
  const derivedCount = rows.filter((r) => r.status === 'derived').length;
  const platform = raw.find((r) => r.origin === 'all');
  const platformWeek = platform ? media.find((w) => w.week_start === platform.week_start) : undefined;

  const series = (o: 'CN' | 'US') => rows.filter((r) => r.origin === o && r.tokens !== null);
  const firstLast = (o: 'CN' | 'US') => {
    const s = series(o).filter((r) => r.status === 'reported');
    return [s[0]!, s[s.length - 1]!] as const;
  };
  const [cn0, cn1] = firstLast('CN');
  const [us0, us1] = firstLast('US');

  const pegLabel = `${shortWeek(peg.week_start!, peg.week_end)}: the news peg`;
  const title = `${formatWeek(peg.week_start!, peg.week_end)}: Chinese models processed ${formatTokens(peg.cn, 'long')} on OpenRouter, ${formatApproxPercent(peg.cn_share!)} of the China–U.S. total`;
  const description =
    `Summed from OpenRouter's weekly leaderboard by Chinese media, China's total ${movement(cn0.tokens!, cn1.tokens!, formatWeek(cn0.week_start, cn0.week_end), formatWeek(cn1.week_start, cn1.week_end))}, ` +
    `while the U.S. total ${movement(us0.tokens!, us1.tokens!)}. ` +
    `In the news-peg week, ${formatWeek(peg.week_start!, peg.week_end)}, China had ${formatTokens(peg.cn)} against ${formatTokens(peg.us)} for the U.S. (${formatPercent(peg.cn_share)} of the two). ` +
    `China was ahead in ${cnAhead === both.length ? `all ${formatSmall(both.length)}` : `${formatSmall(cnAhead)} of the ${formatSmall(both.length)}`} weeks with both figures; ${formatSmall(missingWeeks.length)} weeks have no figure at all and ${formatSmall(derivedCount)} values are back-calculated.`;

  const notes = [
    'Filled dots are figures as reported; hollow dots are back-calculated from reported week-on-week changes (derived). Gaps in the lines are weeks with no figure.',
    'These are sums over the models on the weekly leaderboard as compiled by the outlets, not all traffic' +
      (platform && platformWeek?.cn !== null && platformWeek?.us !== null && platformWeek
        ? `: in ${formatWeek(platform.week_start, platform.week_end)} the two sums made up ${formatPercent((100 * (platformWeek.cn! + platformWeek.us!)) / platform.tokens)} of the platform total of ${formatTokens(platform.tokens)}.`
        : '.'),
    "Tokens are counted by each provider's own tokenizer, so totals are not strictly comparable across labs.",
  ];

  const mid = (r: { week_start: string }) => addDays(r.week_start, 3.5);
  const x0 = day(first);
  const x1 = addDays(last, 7);
  const yMax = Math.max(...rows.map((r) => r.tokens ?? 0));

  return {
    id: 'weekly-tokens',
    title,
    subtitle: 'Tokens processed per week by models from Chinese and U.S. labs on OpenRouter, summed over the weekly leaderboard (media count)',
    notes,
    sourceIds: uniq(raw.filter((r) => r.origin !== 'all').flatMap((r) => r.source_ids)),
    datasets: ['weekly-tokens'],
    rows,
    columns: [
      col<WeeklyTokensRow, 'week_start'>('week_start', 'week', (v, r) => formatWeek(v, r.week_end)),
      col<WeeklyTokensRow, 'origin'>('origin', 'origin', (v) => ORIGIN_LABEL[v] ?? v),
      col<WeeklyTokensRow, 'tokens'>('tokens', 'tokens', (v) => formatTokens(v, 'long')),
      col<WeeklyTokensRow, 'status'>('status', 'status', (v) => (v === 'missing' ? 'no figure' : v === 'derived' ? 'back-calculated' : 'reported')),
      col<WeeklyTokensRow, 'wow_change_pct'>('wow_change_pct', 'wow_change_pct', (v) => formatChange(v)),
      col<WeeklyTokensRow, 'formula'>('formula', 'formula'),
      col<WeeklyTokensRow, 'source_ids'>('source_ids', 'source_ids'),
    ],
    description,
    states: [
      { id: 'all', label: 'All weeks, China and U.S.' },
      { id: 'peg', label: `The news peg: ${formatWeek(peg.week_start!, peg.week_end)}` },
      { id: 'before', label: 'The week before: back-calculated' },
      { id: 'gaps', label: 'Weeks with no figure' },
    ],
    plot(width, state = 'all') {
      const narrow = isNarrow(width);
      const base = frame(width, { height: narrow ? 300 : 340, marginTop: 30, marginRight: narrow ? 46 : 52, marginLeft: 40 });
      const yDomain = niceDomain(0, yMax);
      const tip = (r: WeeklyTokensRow) =>
        `${ORIGIN_LABEL[r.origin]}, ${formatWeek(r.week_start, r.week_end)}: ${formatTokens(r.tokens, 'long')}${r.status === 'derived' ? ' (back-calculated)' : ''}`;
      const band = (ws: string, o: { className: string; fill?: string; opacity?: number }) =>
        Plot.rectX([ws], { x1: (d: string) => day(d), x2: (d: string) => addDays(d, 7), fill: o.fill ?? cssVar('highlight'), fillOpacity: o.opacity ?? 1, className: o.className });
      const valueNote = (w: typeof peg, extra: string) =>
        `China ${formatTokens(w.cn)}, U.S. ${formatTokens(w.us)}${extra}`;

      const marks: Plot.Markish[] = [];
      if (state === 'gaps') {
        marks.push(Plot.rectX(gapRuns, { x1: (g: GapRun) => day(g.start), x2: (g: GapRun) => addDays(g.start, 7 * g.weeks), fill: cssVar('grid'), fillOpacity: 0.8, className: 'gap-band is-emphasis' }));
      }
      marks.push(band(peg.week_start!, { className: state === 'peg' ? 'peg-band is-emphasis' : 'peg-band', opacity: state === 'before' || state === 'gaps' ? 0.6 : 1 }));
      if (state === 'before' && before) marks.push(band(before.week_start!, { className: 'before-band is-emphasis' }));
      marks.push(
        gridY({ ticks: narrow ? 4 : 5 }),
        axisY({ ticks: narrow ? 4 : 5, tickFormat: (v: number) => formatTokens(v) }),
        axisX({ ticks: monthTicks(x0, x1), tickFormat: monthTick }),
        ruleY([0]),
        Plot.line(rows, { x: mid, y: 'tokens', z: 'origin', stroke: 'origin', strokeWidth: 2, className: 'series-line' }),
        Plot.dot(rows.filter((r) => r.status === 'reported'), { x: mid, y: 'tokens', fill: 'origin', stroke: 'origin', r: 3.5, title: tip, className: 'dot-reported' }),
        Plot.dot(rows.filter((r) => r.status === 'derived'), { x: mid, y: 'tokens', fill: cssVar('bg'), stroke: 'origin', strokeWidth: 1.75, r: 3.5, title: tip, className: 'dot-derived' }),
        Plot.text([pegLabel], { x: addDays(peg.week_start!, 3.5), frameAnchor: 'top', dy: -8, lineAnchor: 'bottom', fontSize: LABEL_SIZE, fontWeight: '600', fill: cssVar('text'), className: 'peg-label' }),
        endLabels(
          (['CN', 'US'] as const).map((o) => {
            const s = series(o);
            const l = s[s.length - 1]!;
            return { x: mid(l), y: l.tokens!, text: ORIGIN_LABEL[o]!, fill: originColor(o) };
          }),
          { domain: yDomain, range: yRange(base) },
        ),
        frameNote('● reported   ○ back-calculated', 'top-left', { dy: 2, dx: 2, textAnchor: 'start' }),
      );
      if (state === 'peg') {
        marks.push(annotate([`China ${formatTokens(peg.cn)}\nU.S. ${formatTokens(peg.us)}\nChina ${formatPercent(peg.cn_share)} of the two`], {
          x: addDays(peg.week_start!, 3.5), y: yDomain[1] * 0.12, lineAnchor: 'bottom', textAnchor: 'middle', fontWeight: '600', className: 'peg-note is-emphasis',
        }));
      }
      if (state === 'before' && before) {
        marks.push(annotate([`${shortWeek(before.week_start!, before.week_end)}: back-calculated\nfrom the next week's\nreported changes\n${valueNote(before, '')}`], {
          x: addDays(before.week_start!, 3.5), y: yDomain[1] * 0.06, lineAnchor: 'bottom', textAnchor: narrow ? 'middle' : 'end', dx: narrow ? 0 : -4, className: 'before-note is-emphasis',
        }));
      }
      if (state === 'gaps') {
        const wide = (g: GapRun) => g.weeks >= 3;
        marks.push(
          annotate(gapRuns.filter((g) => !wide(g)), {
            x: (g: GapRun) => addDays(g.start, 3.5 * g.weeks), y: yDomain[1] * 0.04, text: () => 'no figure', rotate: -90, textAnchor: 'start', fill: cssVar('muted'), className: 'gap-note is-emphasis',
          }),
          annotate(gapRuns.filter(wide), {
            x: (g: GapRun) => addDays(g.start, 3.5 * g.weeks), y: yDomain[1] * 0.08, text: (g: GapRun) => `no figure\nfor ${formatSmall(g.weeks)}\nweeks`, textAnchor: 'middle', lineAnchor: 'bottom', fill: cssVar('muted'), className: 'gap-note is-emphasis',
          }),
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
