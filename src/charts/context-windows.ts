/** Context window by model: long agent sessions need long context. */
import * as Plot from '@observablehq/plot';
import { formatCount, formatSmall, formatTokens } from '../lib/format.ts';
import { cssVar } from '../lib/palette.ts';
import type { Origin } from '../pipeline/datasets.ts';
import { col, uniq } from './common.ts';
import { pricedModels } from './price-models.ts';
import {
  axisX,
  frame,
  gridX,
  HALO,
  isNarrow,
  LABEL_SIZE,
  marginFor,
  ORIGIN_LABEL,
  originKey,
  originScale,
} from './theme.ts';
import type { ChartFactory } from './types.ts';

export interface ContextRow {
  model: string;
  label: string;
  short_label: string;
  model_id: string;
  origin: Origin;
  revealed_lab: string | null;
  context_tokens: number;
  free: boolean;
}

export const MILLION = 1_000_000;

export const contextWindowsChart: ChartFactory = (data) => {
  const models = pricedModels(data).filter((p) => p.context_tokens !== null);
  const rows: ContextRow[] = models
    .map((p) => ({
      model: p.model,
      label: p.label,
      short_label: p.short_label,
      model_id: p.model_id,
      origin: p.origin,
      revealed_lab: p.revealed_lab,
      context_tokens: p.context_tokens!,
      free: p.free,
    }))
    .sort((a, b) => b.context_tokens - a.context_tokens || (a.model < b.model ? -1 : 1));
  const big = rows.filter((r) => r.context_tokens >= MILLION);
  const stealth = rows.find((r) => r.revealed_lab);
  const top = rows[0]!;
  const low = rows[rows.length - 1]!;
  const bigCn = big.filter(
    (r) =>
      r.origin === 'CN' ||
      (r.revealed_lab && models.find((m) => m.model === r.model)?.revealed_origin === 'CN'),
  );
  const revealNote = models.find((m) => m.reveal_note)?.reveal_note;

  return {
    id: 'context-windows',
    title: '',
    subtitle: '',
    notes: [],
    // The words are in src/story/article.aml ([methodologyCharts]); these are the figures they
    // name (largest and smallest: the first and last of the rows, sorted by window).
    figures: {
      contextBigCount: formatSmall(big.length),
      contextCount: formatSmall(rows.length),
      contextStealth: stealth?.model ?? '',
      contextStealthTokens: stealth ? formatTokens(stealth.context_tokens) : '',
      contextStealthLab: stealth?.revealed_lab ?? '',
      contextRevealNote: revealNote ?? '',
      contextTop: top.model,
      contextTopTokens: formatTokens(top.context_tokens, 'long'),
      contextLow: low.model,
      contextLowTokens: formatTokens(low.context_tokens, 'long'),
      contextBigCnCount: formatSmall(bigCn.length),
    },
    sourceIds: uniq(models.flatMap((p) => p.source_ids)),
    datasets: ['model-prices', 'labs'],
    rows,
    columns: [
      col<ContextRow, 'model'>('model', 'model'),
      col<ContextRow, 'origin'>('origin', 'origin', (v, r) =>
        r.revealed_lab
          ? `${ORIGIN_LABEL[v]} (revealed: ${r.revealed_lab})`
          : (ORIGIN_LABEL[v] ?? v),
      ),
      col<ContextRow, 'context_tokens'>('context_tokens', 'context_tokens', (v) => formatCount(v)),
    ],
    description: '',
    plot(width) {
      const narrow = isNarrow(width);
      // Below 360 px (embeds in narrow frames) the bars' axis has room for two labels only.
      const ticks = width < 360 ? 2 : narrow ? 3 : 5;
      const labels = rows.map((r) => (narrow ? r.short_label : r.label));
      const marginLeft = marginFor(labels);
      const max = Math.max(...rows.map((r) => r.context_tokens));
      const lab = (r: ContextRow) => (narrow ? r.short_label : r.label);
      const tip = (r: ContextRow) =>
        `${r.label} (${ORIGIN_LABEL[r.origin]}): ${formatCount(r.context_tokens)} tokens`;
      const base = frame(width, {
        height: rows.length * 22 + 56,
        marginLeft,
        marginRight: 48,
        marginTop: 28,
        marginBottom: 24,
      });
      return {
        ...base,
        x: { domain: [0, max], nice: false },
        y: { domain: labels, padding: 0.25 },
        color: originScale(),
        marks: [
          gridX({ ticks }),
          axisX({ ticks, tickFormat: (v: number) => formatTokens(v) }),
          Plot.axisY({ color: cssVar('text'), tickSize: 0, tickPadding: 6, label: null }),
          Plot.barX(
            rows.filter((r) => !r.revealed_lab),
            { y: lab, x: 'context_tokens', fill: 'origin', title: tip, className: 'bar' },
          ),
          Plot.barX(
            rows.filter((r) => r.revealed_lab),
            {
              y: lab,
              x: 'context_tokens',
              fill: 'origin',
              title: tip,
              className: 'bar is-emphasis stealth',
            },
          ),
          Plot.ruleX([0], { stroke: cssVar('rule') }),
          Plot.text(rows, {
            y: lab,
            x: 'context_tokens',
            text: (r: ContextRow) => `${formatTokens(r.context_tokens)}${r.free ? ' · free' : ''}`,
            dx: 4,
            textAnchor: 'start',
            fontSize: LABEL_SIZE,
            fill: cssVar('text'),
            ...HALO,
          }),
          // The title's threshold: a rule at a million, and the count of models that reach it.
          ...(big.length > 0 && big.length < rows.length && max > MILLION
            ? [
                Plot.ruleX([MILLION], {
                  y1: () => labels[0],
                  y2: () => labels[big.length - 1],
                  stroke: cssVar('rule'),
                  strokeDasharray: '2,3',
                  insetTop: -6,
                  insetBottom: -6,
                  className: 'threshold',
                }),
                Plot.text(
                  [
                    narrow
                      ? `↑ ${formatSmall(big.length)} of ${formatSmall(rows.length)}\nat ${formatTokens(MILLION)} or more`
                      : `↑ ${formatSmall(big.length)} of ${formatSmall(rows.length)} models at 1 million or more`,
                  ],
                  {
                    x: MILLION,
                    y: () => labels[big.length],
                    dx: 4,
                    textAnchor: 'start',
                    lineAnchor: narrow ? 'top' : 'middle',
                    fontSize: LABEL_SIZE,
                    fontWeight: '600',
                    fill: cssVar('text'),
                    ...HALO,
                    className: 'threshold-label',
                  },
                ),
              ]
            : []),
          ...originKey(
            rows.map((r) => r.origin),
            { dy: -24, dx: 4 - marginLeft },
          ),
        ],
      };
    },
  };
};
