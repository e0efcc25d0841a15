/**
 * Policy and compute events on a time axis (policy-timeline) and, on the same time axis, the
 * usage series (policy-usage): context beside the data, not a cause.
 */
import * as Plot from '@observablehq/plot';
import { formatDate, formatMonth, formatPercent, formatSmall, formatWeek } from '../lib/format.ts';
import { cssVar } from '../lib/palette.ts';
import type { PolicyEventRow } from '../pipeline/datasets.ts';
import { cap, CAPTURE_SOURCE, col, segments, uniq } from './common.ts';
import { annotate, axisX, axisY, colorKey, day, frame, gridY, HALO, isNarrow, LABEL_SIZE, textWidth, yearTick } from './theme.ts';
import type { ChartFactory, SiteData } from './types.ts';

/** The shared time axis of the two panels. */
export const TIMELINE_FROM = '2022-01-01';
export const TIMELINE_TO = '2026-07-01';

type Category = PolicyEventRow['category'];
export const CATEGORY_LABEL: Record<Category, string> = {
  'export-control': 'Export control',
  'chip-sales': 'Chip sales',
  'offshore-compute': 'Offshore compute',
  enforcement: 'Enforcement',
};
const CATEGORY_COLOR: Record<Category, string> = {
  'export-control': cssVar('text'),
  'chip-sales': cssVar('accent'),
  'offshore-compute': cssVar('undisclosed'),
  enforcement: cssVar('rule'),
};
const CATEGORY_SYMBOL: Record<Category, string> = { 'export-control': 'circle', 'chip-sales': 'diamond', 'offshore-compute': 'square', enforcement: 'triangle' };

/** Short labels for the timeline (the table carries the full text); keyed by date and category.
 *  Events without one get the start of their text. */
const SHORT_LABELS: Record<string, string> = {
  '2022-10-07|export-control': 'U.S. chip export controls',
  '2023-10-17|export-control': 'Controls tightened',
  '2024-12-02|export-control': 'HBM and tool controls',
  '2025-01-15|export-control': 'AI Diffusion Rule',
  '2025-04-09|chip-sales': 'H20 needs a licence',
  '2025-05-13|export-control': 'Diffusion Rule dropped',
  '2025-06-01|offshore-compute': 'Data flown to Malaysia',
  '2025-07-14|export-control': 'Malaysia chip permits',
  '2025-07-14|chip-sales': 'H20 sales to resume',
  '2025-11-01|offshore-compute': 'Training offshore (FT)',
  '2025-12-08|chip-sales': 'H200 sales allowed',
  '2026-01-13|export-control': 'H200 case-by-case',
  '2026-03-05|chip-sales': 'H200 cap weighed',
  '2026-05-31|export-control': 'Rules reach subsidiaries',
};

export interface PolicyRow {
  n: number;
  date: string;
  date_label: string;
  category: Category;
  jurisdiction: string;
  label: string;
  event: string;
  source_ids: string;
}

function shortLabel(e: PolicyEventRow): string {
  const k = SHORT_LABELS[`${e.date}|${e.category}`];
  if (k) return k;
  const first = e.event.split(/[,;.]/)[0]!;
  return first.length > 26 ? `${first.slice(0, 25)}…` : first;
}

export function policyRows(data: SiteData): PolicyRow[] {
  return [...data.datasets['policy-events']]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.category < b.category ? -1 : 1))
    .map((e, i) => ({ n: i + 1, date: e.date, date_label: e.date_label, category: e.category, jurisdiction: e.jurisdiction, label: shortLabel(e), event: e.event, source_ids: e.source_ids.join(';') }));
}

const dateText = (r: PolicyRow, precision: 'day' | 'month') => (precision === 'month' ? formatMonth(r.date) : formatDate(r.date));

const xTicks = () => [2022, 2023, 2024, 2025, 2026].map((y) => day(`${y}-01-01`));

/** The usage window, for the band on the timeline. */
function usageWindow(data: SiteData): [string, string] {
  const dates = [...data.derived.weeks.media.map((w) => w.week_start ?? w.week_end), ...data.derived.weeks.authors.map((w) => w.week_end)].sort();
  return [dates[0]!, dates[dates.length - 1]!];
}

export const policyTimelineChart: ChartFactory = (data) => {
  const rows = policyRows(data);
  const precision = new Map(data.datasets['policy-events'].map((e) => [`${e.date}|${e.category}`, e.date_precision]));
  const when = (r: PolicyRow) => dateText(r, precision.get(`${r.date}|${r.category}`) ?? 'day');
  const [u0, u1] = usageWindow(data);
  const counts = uniq(rows.map((r) => r.category)).map((c) => `${formatSmall(rows.filter((r) => r.category === c).length)} ${CATEGORY_LABEL[c].toLowerCase()}`);
  const inWindow = rows.filter((r) => r.date >= u0 && r.date <= u1);
  const first = rows[0]!;
  const last = rows[rows.length - 1]!;

  return {
    id: 'policy-timeline',
    title: cap(`${formatSmall(rows.length)} policy and compute events since ${formatMonth(first.date)}, ${formatSmall(inWindow.length)} of them inside the weeks the usage data cover`),
    subtitle: 'U.S. export controls, chip-sale decisions and offshore training reports, by date; the shaded span is the period of the usage data',
    notes: [
      'The timeline is context, not cause: no source ties a specific model\'s OpenRouter traffic to offshore compute or to any of these decisions.',
      'Dates are the first day each event is known for; events known only to the month sit on its first day. Numbers match the table.',
    ],
    sourceIds: uniq(rows.flatMap((r) => r.source_ids.split(';'))),
    datasets: ['policy-events'],
    rows,
    columns: [
      col<PolicyRow, 'n'>('n', 'n', (v) => String(v)),
      col<PolicyRow, 'date'>('date', 'date', (_v, r) => when(r)),
      col<PolicyRow, 'category'>('category', 'category', (v) => CATEGORY_LABEL[v]),
      col<PolicyRow, 'jurisdiction'>('jurisdiction', 'jurisdiction'),
      col<PolicyRow, 'event'>('event', 'event'),
      col<PolicyRow, 'source_ids'>('source_ids', 'source_ids'),
    ],
    description:
      `The timeline runs from ${when(first)} (${first.label}) to ${when(last)} (${last.label}): ${counts.join(', ')} events. ` +
      `${cap(formatSmall(inWindow.length))} ${inWindow.length === 1 ? 'falls' : 'fall'} within the usage data, ${formatDate(u0)} to ${formatDate(u1)}: ${inWindow.map((r) => `${r.label} (${when(r)})`).join('; ') || 'none'}.`,
    plot(width) {
      const narrow = isNarrow(width);
      const marginLeft = 20;
      const marginRight = 16;
      const x0 = day(TIMELINE_FROM);
      const x1 = day(TIMELINE_TO);
      const sx = Plot.scale({ x: { type: 'utc', domain: [x0, x1], range: [marginLeft, width - marginRight] } });
      // Stagger: each label takes the lowest level where it overlaps no earlier label.
      const levels: { x0: number; x1: number }[][] = [];
      const fits = (span: { x0: number; x1: number }, level: number) => !levels[level]?.some((q) => !(span.x1 + 6 < q.x0 || span.x0 > q.x1 + 6));
      const placed = rows.map((r) => {
        const text = narrow ? String(r.n) : `${r.n} ${r.label}`;
        const w = textWidth(text, LABEL_SIZE) + (narrow ? 4 : 6);
        const px = sx.apply(day(r.date)) as number;
        // Candidates: centred (narrow), or right / left of the event, kept inside the frame.
        const options = (narrow ? (['middle'] as const) : (['start', 'end'] as const))
          .map((anchor) => ({ anchor, span: anchor === 'middle' ? { x0: px - w / 2, x1: px + w / 2 } : anchor === 'start' ? { x0: px - 3, x1: px - 3 + w } : { x0: px + 3 - w, x1: px + 3 } }))
          .filter((o) => o.span.x0 >= 0 && o.span.x1 <= width);
        let best = { anchor: options[0]!.anchor, span: options[0]!.span, level: Infinity };
        for (const o of options) {
          let level = 0;
          while (!fits(o.span, level)) level++;
          if (level < best.level) best = { ...o, level };
        }
        (levels[best.level] ??= []).push(best.span);
        return { ...r, text, level: best.level + 1, anchor: best.anchor, x: day(r.date) };
      });
      const nLevels = levels.length;
      const rowH = narrow ? 16 : 17;
      const base = frame(width, { height: 70 + nLevels * rowH, marginLeft, marginRight, marginTop: 30, marginBottom: 24 });
      const tip = (r: PolicyRow) => `${r.n}. ${when(r)}: ${r.event}`;
      const cats = uniq(rows.map((r) => r.category));
      return {
        ...base,
        x: { type: 'utc', domain: [x0, x1] },
        y: { domain: [0, nLevels + 0.6], axis: null },
        symbol: { domain: cats, range: cats.map((c) => CATEGORY_SYMBOL[c]) },
        marks: [
          Plot.rectX([u0], { x1: day(u0), x2: day(u1), fill: cssVar('highlight'), className: 'usage-window' }),
          axisX({ ticks: xTicks(), tickFormat: yearTick }),
          Plot.ruleY([0], { stroke: cssVar('rule') }),
          Plot.ruleX(placed, { x: 'x', y1: 0, y2: (d: (typeof placed)[number]) => d.level - 0.3, stroke: cssVar('grid'), strokeWidth: 1 }),
          Plot.dot(placed, { x: 'x', y: 0, symbol: 'category', fill: (d: PolicyRow) => CATEGORY_COLOR[d.category], stroke: cssVar('bg'), r: 5, title: tip, className: 'event' }),
          ...(['start', 'end', 'middle'] as const).map((a) =>
            Plot.text(placed.filter((d) => d.anchor === a), {
              x: 'x', y: 'level', text: 'text', textAnchor: a, dx: a === 'start' ? -3 : a === 'end' ? 3 : 0, fontSize: LABEL_SIZE,
              fill: (d: PolicyRow) => CATEGORY_COLOR[d.category], ...HALO, title: tip, className: 'event-label',
            }),
          ),
          ...colorKey(cats.map((c) => ({ text: CATEGORY_LABEL[c], fill: CATEGORY_COLOR[c] })), { dy: -26, maxWidth: width - marginLeft }),
        ],
      };
    },
  };
};

export interface UsageRow {
  method: 'media' | 'authors';
  week_end: string;
  week_start: string | null;
  cn_share_pct: number;
  status: string;
  segment: string;
}

export const policyUsageChart: ChartFactory = (data) => {
  const rows: UsageRow[] = (['media', 'authors'] as const).flatMap((m) => {
    const pts = data.derived.weeks[m].filter((w) => w.cn_share !== null);
    const seg = segments(pts.map((p) => p.week_end), 9);
    return pts.map((w, i) => ({ method: m, week_end: w.week_end, week_start: w.week_start, cn_share_pct: Math.round(w.cn_share! * 10) / 10, status: w.status, segment: `${m}-${seg[i]}` }));
  });
  const events = policyRows(data);
  const firstUsage = rows.map((r) => r.week_start ?? r.week_end).sort()[0]!;
  const before = events.filter((e) => e.date < firstUsage).length;
  const label = { media: 'Media sums', authors: 'Author shares' } as const;
  const lastOf = (m: 'media' | 'authors') => rows.filter((r) => r.method === m).at(-1)!;
  const color = { media: cssVar('accent'), authors: cssVar('text') } as const;

  return {
    id: 'policy-usage',
    title: `The usage data begin in ${formatMonth(firstUsage)}, after ${formatSmall(before)} of the ${formatSmall(events.length)} policy events`,
    subtitle: "China's share of the China + U.S. token total on OpenRouter, percent, on the same time axis as the policy timeline",
    notes: [
      'The timeline is context, not cause: the usage series begin long after most export-control decisions, and no source links a model\'s traffic to them.',
      'Media sums: leaderboard totals reported by Chinese media. Author shares: top-9 authors in daily captures of the rankings page. Faint rules mark the policy events; numbers match the timeline.',
    ],
    sourceIds: uniq([...data.derived.weeks.media.flatMap((w) => w.source_ids), CAPTURE_SOURCE]),
    datasets: ['weekly-tokens', 'captures-market-share', 'labs', 'policy-events'],
    rows,
    columns: [
      col<UsageRow, 'method'>('method', 'method', (v) => label[v]),
      col<UsageRow, 'week_end'>('week_end', 'week_end', (v, r) => formatWeek(r.week_start, v)),
      col<UsageRow, 'cn_share_pct'>('cn_share_pct', 'cn_share_pct', (v) => formatPercent(v)),
      col<UsageRow, 'status'>('status', 'status'),
    ],
    description:
      `Both usage series start in ${formatMonth(firstUsage)}: by then ${formatSmall(before)} of the ${formatSmall(events.length)} events on the timeline had happened. ` +
      `China's share of the China–U.S. total was ${formatPercent(lastOf('media').cn_share_pct)} in the latest media week and ${formatPercent(lastOf('authors').cn_share_pct)} in the latest author capture (week to ${formatDate(lastOf('authors').week_end)}).`,
    plot(width) {
      const narrow = isNarrow(width);
      const base = frame(width, { height: narrow ? 170 : 190, marginLeft: 44, marginRight: 16, marginTop: 16, marginBottom: 24 });
      const x = (r: UsageRow) => day(r.week_end);
      const yDomain: [number, number] = [0, 100];
      const tip = (r: UsageRow) => `${label[r.method]}, ${r.week_start ? formatWeek(r.week_start, r.week_end) : `week to ${formatDate(r.week_end)}`}: China ${formatPercent(r.cn_share_pct)}`;
      return {
        ...base,
        x: { type: 'utc', domain: [day(TIMELINE_FROM), day(TIMELINE_TO)] },
        y: { domain: yDomain },
        marks: [
          Plot.ruleX(events, { x: (e: PolicyRow) => day(e.date), stroke: cssVar('grid'), strokeWidth: 1, title: (e: PolicyRow) => `${e.n}. ${e.label}`, className: 'event-rule' }),
          gridY({ ticks: [0, 50, 100] }),
          axisY({ ticks: [0, 50, 100], tickFormat: (v: number) => formatPercent(v, 0) }),
          axisX({ ticks: xTicks(), tickFormat: yearTick }),
          Plot.ruleY([50], { stroke: cssVar('rule'), strokeDasharray: '2,3' }),
          annotate(['even'], { x: day(TIMELINE_FROM), y: 50, dy: -7, dx: 2, textAnchor: 'start', fill: cssVar('muted') }),
          Plot.line(rows, { x, y: 'cn_share_pct', z: 'segment', stroke: (r: UsageRow) => color[r.method], strokeWidth: 1.75 }),
          Plot.dot(rows, { x, y: 'cn_share_pct', r: 2, fill: (r: UsageRow) => color[r.method], title: tip }),
          annotate([`usage data from ${formatMonth(firstUsage)} →`], { x: day(firstUsage), y: 85, textAnchor: 'end', dx: -8, fill: cssVar('muted') }),
          ...colorKey((['media', 'authors'] as const).map((m) => ({ text: label[m], fill: color[m] })), { dy: 2 }),
        ],
      };
    },
  };
};
