/**
 * What moved China's share of the China + U.S. total between the first whole week of OpenRouter's
 * data and the latest: each model's part of the change in percentage points (derived.why.
 * shareShift, whose parts add up exactly), the largest named, the rest summed in one bar, so the
 * bars add up to the change shown. Association only: a model's part says where the change sits,
 * not why anyone switched.
 */
import * as Plot from '@observablehq/plot';
import {
  formatPercent,
  formatPrice,
  formatSmall,
  formatTokens,
  formatWeek,
} from '../lib/format.ts';
import { cssVar, originColor } from '../lib/palette.ts';
import { API_SOURCE, apiCitation } from '../pipeline/derive/api.ts';
import { blendedPrice } from '../pipeline/derive/prices.ts';
import { addDays } from '../lib/days.ts';
import { col } from './common.ts';
import { axisX, FONT_SIZE, frame, gridX, isNarrow, marginFor, ruleX } from './theme.ts';
import type { ChartColumn, ChartFactory, SiteData } from './types.ts';

/** Models named in the chart; the rest share one bar. */
export const SHIFT_NAMED = 8;

export interface ShareShiftRow {
  rank: number | null;
  model: string;
  origin: 'CN' | 'US' | 'both';
  presence: 'new' | 'gone' | 'both' | 'mixed';
  tokens_first_week: number;
  tokens_latest_week: number;
  contribution_pp: number;
  blended_usd_per_mtok: number | null;
  context_tokens: number | null;
}

type Shift = NonNullable<SiteData['derived']['why']['shareShift']>;

/** The Sunday that ends a week starting on a Monday (ISO dates). */
const sunday = (monday: string) => addDays(monday, 6);
/** A change in percentage points with its sign ("+1.2", "−0.4"). */
const pp = (x: number) => `${x < 0 ? '−' : '+'}${Math.abs(x).toFixed(1)}`;

/** The models not named, as one row whose part is the exact remainder, so the bars add up to
 *  the change shown. */
const restRow = (rest: Shift['models'], remainderPp: number): ShareShiftRow => ({
  rank: null,
  model: `${formatSmall(rest.length)} other models`,
  origin: 'both',
  presence: 'mixed',
  tokens_first_week: rest.reduce((t, m) => t + m.tokens_a, 0),
  tokens_latest_week: rest.reduce((t, m) => t + m.tokens_b, 0),
  contribution_pp: remainderPp,
  blended_usd_per_mtok: null,
  context_tokens: null,
});

/** The rows drawn: the SHIFT_NAMED models with the largest parts, with their prices and
 *  context from OpenRouter's models list, then the rest summed in one row. */
function rowsOf(shift: Shift | null, data: SiteData): ShareShiftRow[] {
  const prices = new Map(data.datasets['api-model-prices'].map((p) => [p.permaslug, p]));
  const mix = data.derived.why.priceMix;
  const named = shift?.models.slice(0, SHIFT_NAMED) ?? [];
  const rows: ShareShiftRow[] = named.map((m, i) => {
    const p = prices.get(m.permaslug);
    return {
      rank: i + 1,
      model: p?.model_id ?? m.permaslug,
      origin: m.side,
      presence: m.presence,
      tokens_first_week: m.tokens_a,
      tokens_latest_week: m.tokens_b,
      contribution_pp: m.pp,
      blended_usd_per_mtok:
        p?.input_usd_per_mtok != null && p.output_usd_per_mtok != null
          ? blendedPrice(p.input_usd_per_mtok, p.output_usd_per_mtok, mix.input_per_output)
          : null,
      context_tokens: p?.context_tokens ?? null,
    };
  });
  const rest = shift?.models.slice(SHIFT_NAMED) ?? [];
  if (rest.length > 0)
    rows.push(restRow(rest, (shift?.change_pp ?? 0) - named.reduce((t, m) => t + m.pp, 0)));
  return rows;
}

/** The figures the words in src/story/article.aml name. */
function figuresOf(shift: Shift | null, rows: readonly ShareShiftRow[]): Record<string, string> {
  if (!shift) return {};
  // The three parts most in China's favour (the story's claim names the same three).
  const top3 = shift.models.filter((m) => m.pp > 0).slice(0, 3);
  return {
    shiftTopCount: formatSmall(top3.length),
    shiftTopPp: top3.reduce((t, m) => t + m.pp, 0).toFixed(1),
    shiftDirection: shift.change_pp >= 0 ? 'rose' : 'fell',
    shiftChange: Math.abs(shift.change_pp).toFixed(1),
    shiftChangeSigned: pp(shift.change_pp),
    shiftWeekA: formatWeek(shift.week_a, sunday(shift.week_a)),
    shiftWeekB: formatWeek(shift.week_b, sunday(shift.week_b)),
    shiftShareA: formatPercent(shift.share_a),
    shiftShareB: formatPercent(shift.share_b),
    shiftByModel: rows.map((r) => `${r.model} ${pp(r.contribution_pp)}`).join('; '),
  };
}

const COLUMNS: ChartColumn<ShareShiftRow>[] = [
  col<ShareShiftRow, 'model'>('model', 'model'),
  col<ShareShiftRow, 'origin'>('origin', 'origin', (v) =>
    v === 'CN' ? 'China' : v === 'US' ? 'U.S.' : 'both',
  ),
  col<ShareShiftRow, 'presence'>('presence', 'presence'),
  col<ShareShiftRow, 'tokens_first_week'>('tokens_first_week', 'tokens_first_week', (v) =>
    formatTokens(v),
  ),
  col<ShareShiftRow, 'tokens_latest_week'>('tokens_latest_week', 'tokens_latest_week', (v) =>
    formatTokens(v),
  ),
  col<ShareShiftRow, 'contribution_pp'>('contribution_pp', 'contribution_pp', (v) => pp(v)),
  col<ShareShiftRow, 'blended_usd_per_mtok'>('blended_usd_per_mtok', 'blended_usd_per_mtok', (v) =>
    formatPrice(v),
  ),
  col<ShareShiftRow, 'context_tokens'>('context_tokens', 'context_tokens', (v) => formatTokens(v)),
];

/** A bar's name on the axis: the model id (without its lab on phones), marked new or gone. */
function labelOf(r: ShareShiftRow, narrow: boolean): string {
  const name = narrow ? r.model.replace(/^[^/]+\//, '') : r.model;
  return r.presence === 'new' ? `${name} (new)` : r.presence === 'gone' ? `${name} (gone)` : name;
}

/** A model's part in words: the tooltip of its bar. */
const tipOf = (r: ShareShiftRow) =>
  `${r.model}: ${pp(r.contribution_pp)} points (${formatTokens(r.tokens_first_week)} → ${formatTokens(r.tokens_latest_week)} tokens)`;

/** A bar per row in its side's colour (the rest in muted grey), its part written beside it: a
 *  rise's at the bar's end, a fall's just right of zero, clear of the model names. */
function shiftBars(rows: readonly ShareShiftRow[], narrow: boolean): Plot.Markish[] {
  const y = (r: ShareShiftRow) => labelOf(r, narrow);
  const fill = (r: ShareShiftRow) =>
    r.origin === 'both' ? cssVar('muted') : originColor(r.origin);
  return [
    Plot.barX(rows, { x: 'contribution_pp', y, fill, title: tipOf, className: 'shift-bar' }),
    ...[true, false].map((up) =>
      Plot.text(
        rows.filter((r) => r.contribution_pp >= 0 === up),
        {
          x: up ? 'contribution_pp' : 0,
          y,
          text: (r: ShareShiftRow) => pp(r.contribution_pp),
          textAnchor: 'start',
          dx: 4,
          fontSize: FONT_SIZE,
          fill: cssVar('text'),
        },
      ),
    ),
  ];
}

/** The key of the two sides, above the model names (from the chart's left edge). */
const sideKey = (marginLeft: number) =>
  [
    { text: 'China', fill: originColor('CN') },
    { text: 'U.S.', fill: originColor('US') },
  ].map((k, i) =>
    Plot.text([`■ ${k.text}`], {
      frameAnchor: 'top-left',
      textAnchor: 'start',
      dx: -marginLeft + 4 + i * 70,
      dy: -22,
      fontSize: FONT_SIZE,
      fontWeight: '600',
      fill: k.fill,
    }),
  );

export const shareShiftChart: ChartFactory = (data) => {
  const shift = data.derived.why.shareShift;
  const rows = rowsOf(shift, data);
  return {
    id: 'share-shift',
    title: '',
    subtitle: '',
    notes: [],
    figures: figuresOf(shift, rows),
    citation: apiCitation(data.derived.api.as_of),
    sourceIds: [API_SOURCE, 'openrouter-models-api-2026-09-25'],
    datasets: ['api-daily-tokens', 'api-model-prices', 'labs'],
    rows,
    columns: COLUMNS,
    description: '',
    plot(width) {
      const narrow = isNarrow(width);
      const labels = rows.map((r) => labelOf(r, narrow));
      const left = Math.min(marginFor(labels, FONT_SIZE, 80), Math.round(width * 0.55));
      const base = frame(width, {
        height: 64 + rows.length * 26,
        marginTop: 34,
        marginLeft: left,
        marginRight: 40,
        marginBottom: 30,
      });
      const parts = rows.map((r) => r.contribution_pp);
      return {
        ...base,
        x: { domain: [Math.min(0, ...parts) - 0.3, Math.max(0, ...parts) + 0.3] },
        y: { domain: labels, padding: 0.25, label: null },
        marks: [
          gridX({ strokeOpacity: 0.35 }),
          ...shiftBars(rows, narrow),
          Plot.axisY({ tickSize: 0, fontSize: FONT_SIZE, label: null }),
          axisX({ ticks: narrow ? 4 : 6, tickFormat: (v: number) => (v === 0 ? '0' : pp(v)) }),
          ...sideKey(left),
          ruleX([0]),
        ],
      };
    },
  };
};
