/** What one long agent session costs on each priced model (the browser calculator recomputes). */
import * as Plot from '@observablehq/plot';
import {
  formatCount,
  formatMultiple,
  formatSmall,
  formatTokens,
  formatUsd,
  formatPrice,
} from '../lib/format.ts';
import { cssVar } from '../lib/palette.ts';
import type { Origin } from '../pipeline/datasets.ts';
import { sessionCost } from '../pipeline/derive/prices.ts';
import { BLEND_INPUT_PER_OUTPUT, DEFAULT_SESSION_TOKENS } from '../lib/story-settings.ts';
import { col, uniq } from './common.ts';
import { pricedModels } from './price-models.ts';
import { barValues, nameAxisY } from './plot-parts.ts';
import {
  axisX,
  frame,
  gridX,
  isNarrow,
  marginFor,
  ORIGIN_LABEL,
  originKey,
  originScale,
  usdTick,
} from './theme.ts';
import type { ChartColumn, ChartFactory } from './types.ts';

/** Default share of input tokens: the blend's 10 input tokens per output token. */
export const DEFAULT_INPUT_SHARE = BLEND_INPUT_PER_OUTPUT / (BLEND_INPUT_PER_OUTPUT + 1);

export interface SessionCostRow {
  model: string;
  model_id: string;
  origin: Origin;
  input_usd_per_mtok: number;
  output_usd_per_mtok: number;
  session_tokens: number;
  input_share: number;
  cost_usd: number;
  free: boolean;
}

/** The rows drawn: each priced model's cost of the default session (to a hundredth of a cent),
 *  dearest first, ties by name. */
const rowsOf = (models: ReturnType<typeof pricedModels>): SessionCostRow[] =>
  models
    .map((p) => ({
      model: p.model,
      model_id: p.model_id,
      origin: p.origin,
      input_usd_per_mtok: p.input,
      output_usd_per_mtok: p.output,
      session_tokens: DEFAULT_SESSION_TOKENS,
      input_share: DEFAULT_INPUT_SHARE,
      cost_usd:
        Math.round(
          sessionCost(
            { input_usd_per_mtok: p.input, output_usd_per_mtok: p.output },
            DEFAULT_SESSION_TOKENS,
            DEFAULT_INPUT_SHARE,
          ) * 1e4,
        ) / 1e4,
      free: p.free,
    }))
    .sort((a, b) => b.cost_usd - a.cost_usd || (a.model < b.model ? -1 : 1));

/** The figures the document (src/story/article.aml) words the title, subtitle, notes and
 *  description from; the calculator rewrites the title and subtitle with
 *  src/lib/session-words.ts when the sliders move, so the two must agree
 *  (test/story/chart-texts.test.ts). */
function figuresOf(rows: readonly SessionCostRow[]): Record<string, string> {
  const paid = rows.filter((r) => !r.free);
  const dear = paid[0]!;
  const cheap = paid[paid.length - 1]!;
  return {
    sessionTokens: formatTokens(DEFAULT_SESSION_TOKENS),
    sessionTokensLong: formatTokens(DEFAULT_SESSION_TOKENS, 'long'),
    sessionDearCost: formatUsd(dear.cost_usd),
    sessionDearModel: dear.model,
    sessionCheapCost: formatUsd(cheap.cost_usd),
    sessionCheapModel: cheap.model,
    sessionCostMultiple: formatMultiple(dear.cost_usd / cheap.cost_usd),
    sessionInputPerOutput: String(BLEND_INPUT_PER_OUTPUT),
    sessionUnderPrice: formatUsd(1),
    sessionCnUnderCount: formatSmall(
      paid.filter((r) => r.origin === 'CN' && r.cost_usd < 1).length,
    ),
    sessionFreeModels: rows
      .filter((r) => r.free)
      .map((r) => r.model)
      .join(', '),
  };
}

const COLUMNS: ChartColumn<SessionCostRow>[] = [
  col<SessionCostRow, 'model'>('model', 'model'),
  col<SessionCostRow, 'origin'>('origin', 'origin', (v) => ORIGIN_LABEL[v] ?? v),
  col<SessionCostRow, 'input_usd_per_mtok'>('input_usd_per_mtok', 'input_usd_per_mtok', (v) =>
    formatPrice(v),
  ),
  col<SessionCostRow, 'output_usd_per_mtok'>('output_usd_per_mtok', 'output_usd_per_mtok', (v) =>
    formatPrice(v),
  ),
  col<SessionCostRow, 'session_tokens'>('session_tokens', 'session_tokens', (v) => formatCount(v)),
  col<SessionCostRow, 'cost_usd'>('cost_usd', 'cost_usd', (v, r) =>
    r.free ? 'free' : formatUsd(v),
  ),
];

/** A model's session in words: the tooltip of its bar. */
const tipOf = (r: SessionCostRow) =>
  `${r.model} (${ORIGIN_LABEL[r.origin]}): ${r.free ? 'free' : formatUsd(r.cost_usd)} (${formatPrice(r.input_usd_per_mtok)} in, ${formatPrice(r.output_usd_per_mtok)} out)`;

/** A bar per paid model in its origin's colour with its cost at the end; a free model has no bar,
 *  only the word "free" in bold at zero. */
function costBars(rows: readonly SessionCostRow[]): Plot.Markish[] {
  const paid = rows.filter((r) => !r.free);
  return [
    Plot.barX(paid, { y: 'model', x: 'cost_usd', fill: 'origin', title: tipOf, className: 'bar' }),
    Plot.ruleX([0], { stroke: cssVar('rule') }),
    barValues(paid, {
      y: 'model',
      x: 'cost_usd',
      text: (r) => formatUsd(r.cost_usd),
      className: 'bar-value',
    }),
    barValues(
      rows.filter((r) => r.free),
      { y: 'model', x: 0, text: () => 'free', fontWeight: '700', className: 'bar-value is-free' },
    ),
  ];
}

export const sessionCostChart: ChartFactory = (data) => {
  const models = pricedModels(data);
  const rows = rowsOf(models);
  return {
    id: 'session-cost',
    title: '',
    subtitle: '',
    figures: figuresOf(rows),
    notes: [],
    sourceIds: uniq(models.flatMap((p) => p.source_ids)),
    datasets: ['model-prices', 'labs', 'captures-apps'],
    rows,
    columns: COLUMNS,
    description: '',
    plot(width) {
      // Below 360 px (embeds in narrow frames) the bars' axis has room for two labels only.
      const ticks = width < 360 ? 1 : isNarrow(width) ? 3 : 5;
      const marginLeft = marginFor(rows.map((r) => r.model));
      const base = frame(width, {
        height: rows.length * 22 + 56,
        marginLeft,
        marginRight: 54,
        marginTop: 28,
        marginBottom: 24,
      });
      return {
        ...base,
        // The dearest paid model's bar spans the width.
        x: { domain: [0, rows.find((r) => !r.free)!.cost_usd], nice: false },
        y: { domain: rows.map((r) => r.model), padding: 0.25 },
        color: originScale(),
        marks: [
          gridX({ ticks }),
          axisX({ ticks, tickFormat: usdTick }),
          nameAxisY(),
          ...costBars(rows),
          ...originKey(
            rows.map((r) => r.origin),
            { dy: -24, dx: 4 - marginLeft },
          ),
        ],
      };
    },
  };
};
