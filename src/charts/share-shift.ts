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
import { col } from './common.ts';
import { axisX, FONT_SIZE, frame, gridX, isNarrow, marginFor, ruleX } from './theme.ts';
import type { ChartFactory } from './types.ts';

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

/** The Sunday that ends a week starting on a Monday (ISO dates). */
const sunday = (monday: string) =>
  new Date(Date.parse(`${monday}T00:00:00Z`) + 6 * 864e5).toISOString().slice(0, 10);
const pp = (x: number) => `${x < 0 ? '−' : '+'}${Math.abs(x).toFixed(1)}`;

export const shareShiftChart: ChartFactory = (data) => {
  const s = data.derived.why.shareShift;
  const mix = data.derived.why.priceMix;
  const prices = new Map(data.datasets['api-model-prices'].map((p) => [p.permaslug, p]));
  const named = s?.models.slice(0, SHIFT_NAMED) ?? [];
  const rest = s?.models.slice(SHIFT_NAMED) ?? [];
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
  if (rest.length > 0)
    rows.push({
      rank: null,
      model: `${formatSmall(rest.length)} other models`,
      origin: 'both',
      presence: 'mixed',
      tokens_first_week: rest.reduce((t, m) => t + m.tokens_a, 0),
      tokens_latest_week: rest.reduce((t, m) => t + m.tokens_b, 0),
      // The rest as the exact remainder, so the bars add up to the change shown.
      contribution_pp: (s?.change_pp ?? 0) - named.reduce((t, m) => t + m.pp, 0),
      blended_usd_per_mtok: null,
      context_tokens: null,
    });
  // The three parts most in China's favour (the story's claim names the same three).
  const top3 = (s?.models ?? []).filter((m) => m.pp > 0).slice(0, 3);
  const up = top3.reduce((t, m) => t + m.pp, 0);
  const rise = (s?.change_pp ?? 0) >= 0;
  const weekA = s ? formatWeek(s.week_a, sunday(s.week_a)) : '';
  const weekB = s ? formatWeek(s.week_b, sunday(s.week_b)) : '';
  const citation = apiCitation(data.derived.api.as_of);
  const label = (r: ShareShiftRow, narrow: boolean) => {
    const name = narrow ? r.model.replace(/^[^/]+\//, '') : r.model;
    return r.presence === 'new' ? `${name} (new)` : r.presence === 'gone' ? `${name} (gone)` : name;
  };

  // The words are in src/story/article.aml; these are the figures they name.
  const figures: Record<string, string> = s
    ? {
        shiftTopCount: formatSmall(top3.length),
        shiftTopPp: up.toFixed(1),
        shiftDirection: rise ? 'rose' : 'fell',
        shiftChange: Math.abs(s.change_pp).toFixed(1),
        shiftChangeSigned: pp(s.change_pp),
        shiftWeekA: weekA,
        shiftWeekB: weekB,
        shiftShareA: formatPercent(s.share_a),
        shiftShareB: formatPercent(s.share_b),
        shiftByModel: rows.map((r) => `${r.model} ${pp(r.contribution_pp)}`).join('; '),
      }
    : {};
  return {
    id: 'share-shift',
    title: '',
    subtitle: '',
    notes: [],
    figures,
    citation,
    sourceIds: [API_SOURCE, 'openrouter-models-api-2026-09-25'],
    datasets: ['api-daily-tokens', 'api-model-prices', 'labs'],
    rows,
    columns: [
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
      col<ShareShiftRow, 'blended_usd_per_mtok'>(
        'blended_usd_per_mtok',
        'blended_usd_per_mtok',
        (v) => formatPrice(v),
      ),
      col<ShareShiftRow, 'context_tokens'>('context_tokens', 'context_tokens', (v) =>
        formatTokens(v),
      ),
    ],
    description: '',
    plot(width) {
      const narrow = isNarrow(width);
      const labels = rows.map((r) => label(r, narrow));
      const left = Math.min(marginFor(labels, FONT_SIZE, 80), Math.round(width * 0.55));
      const base = frame(width, {
        height: 64 + rows.length * 26,
        marginTop: 34,
        marginLeft: left,
        marginRight: 40,
        marginBottom: 30,
      });
      const xs = rows.map((r) => r.contribution_pp);
      const lo = Math.min(0, ...xs);
      const hi = Math.max(0, ...xs);
      const fill = (r: ShareShiftRow) =>
        r.origin === 'both' ? cssVar('muted') : originColor(r.origin);
      const tip = (r: ShareShiftRow) =>
        `${r.model}: ${pp(r.contribution_pp)} points (${formatTokens(r.tokens_first_week)} → ${formatTokens(r.tokens_latest_week)} tokens)`;
      return {
        ...base,
        x: { domain: [lo - 0.3, hi + 0.3] },
        y: { domain: labels, padding: 0.25, label: null },
        marks: [
          gridX({ strokeOpacity: 0.35 }),
          Plot.barX(rows, {
            x: 'contribution_pp',
            y: (r: ShareShiftRow) => label(r, narrow),
            fill,
            title: tip,
            className: 'shift-bar',
          }),
          ...[true, false].map((up) =>
            Plot.text(
              rows.filter((r) => r.contribution_pp >= 0 === up),
              {
                // A fall's label sits just right of zero, clear of the model names.
                x: up ? 'contribution_pp' : 0,
                y: (r: ShareShiftRow) => label(r, narrow),
                text: (r: ShareShiftRow) => pp(r.contribution_pp),
                textAnchor: 'start',
                dx: 4,
                fontSize: FONT_SIZE,
                fill: cssVar('text'),
              },
            ),
          ),
          Plot.axisY({ tickSize: 0, fontSize: FONT_SIZE, label: null }),
          axisX({ ticks: narrow ? 4 : 6, tickFormat: (v: number) => (v === 0 ? '0' : pp(v)) }),
          ...[
            { text: 'China', fill: originColor('CN') },
            { text: 'U.S.', fill: originColor('US') },
          ].map((k, i) =>
            Plot.text([`■ ${k.text}`], {
              frameAnchor: 'top-left',
              textAnchor: 'start',
              dx: -left + 4 + i * 70,
              dy: -22,
              fontSize: FONT_SIZE,
              fontWeight: '600',
              fill: k.fill,
            }),
          ),
          ruleX([0]),
        ],
      };
    },
  };
};
