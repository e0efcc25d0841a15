/** Context window by model: long agent sessions need long context. */
import * as Plot from '@observablehq/plot';
import { formatCount, formatSmall, formatTokens } from '../lib/format.ts';
import { cssVar } from '../lib/palette.ts';
import type { Origin } from '../pipeline/datasets.ts';
import { col, uniq } from './common.ts';
import { modelNames, type PricedModel, pricedModels } from './price-models.ts';
import {
  annotate,
  axisX,
  axisY,
  frame,
  gridX,
  isNarrow,
  LABEL_SIZE,
  marginFor,
  ORIGIN_LABEL,
  originKey,
  originScale,
  textWidth,
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
const MARGIN_RIGHT = 48;
/** Whether a model reaches the title's threshold of a million tokens of context. */
const reachesMillion = (r: ContextRow) => r.context_tokens >= MILLION;

export const contextWindowsChart: ChartFactory = (data) => {
  const models = pricedModels(data).filter((p) => p.context_tokens !== null);
  const rows = contextRows(models);
  return {
    id: 'context-windows',
    title: '',
    subtitle: '',
    notes: [],
    // The words are in src/story/article.aml ([methodologyCharts]); these are the figures they
    // name (largest and smallest: the first and last of the rows, sorted by window).
    figures: contextFigures(rows, models),
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
      // On phones the bars' axis has room for about three labels (0, 1M, 2M): five ran together.
      const ticks = narrow ? 2 : 5;
      const lab = (r: ContextRow) => (narrow ? r.short_label : r.label);
      const labels = rows.map(lab);
      const marginLeft = marginFor(labels);
      const max = Math.max(...rows.map((r) => r.context_tokens));
      return {
        ...frame(width, {
          height: rows.length * 22 + 56,
          marginLeft,
          marginRight: MARGIN_RIGHT,
          marginTop: 28,
          marginBottom: 24,
        }),
        x: { domain: [0, max], nice: false },
        y: { domain: labels, padding: 0.25 },
        color: originScale(),
        marks: [
          gridX({ ticks }),
          axisX({ ticks, tickFormat: (v: number) => formatTokens(v) }),
          axisY({ color: cssVar('text') }),
          ...barMarks(rows, lab),
          ...thresholdMarks(rows, labels, max, narrow, roomRight(width, marginLeft, max)),
          ...originKey(
            rows.map((r) => r.origin),
            { dy: -24, dx: 4 - marginLeft },
          ),
        ],
      };
    },
  };
};

/** The models with a known context window, largest first (name breaks ties). */
function contextRows(models: readonly PricedModel[]): ContextRow[] {
  return models
    .map((p) => ({
      ...modelNames(p),
      revealed_lab: p.revealed_lab,
      context_tokens: p.context_tokens!,
      free: p.free,
    }))
    .sort((a, b) => b.context_tokens - a.context_tokens || (a.model < b.model ? -1 : 1));
}

/** The figures the chart's words name: the largest and smallest windows, how many reach a
 *  million (and how many of those are Chinese, counting a stealth model by the lab it was
 *  revealed as), and the stealth model. */
function contextFigures(
  rows: readonly ContextRow[],
  models: readonly PricedModel[],
): Record<string, string> {
  const big = rows.filter(reachesMillion);
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
  };
}

/** A bar per model, coloured by origin (a revealed stealth model's emphasised), the zero rule
 *  and each window's size at the end of its bar ("· free" where the model is free). */
function barMarks(rows: readonly ContextRow[], lab: (r: ContextRow) => string): Plot.Markish[] {
  const tip = (r: ContextRow) =>
    `${r.label} (${ORIGIN_LABEL[r.origin]}): ${formatCount(r.context_tokens)} tokens`;
  return [
    ...[false, true].map((stealth) =>
      Plot.barX(
        rows.filter((r) => Boolean(r.revealed_lab) === stealth),
        {
          y: lab,
          x: 'context_tokens',
          fill: 'origin',
          title: tip,
          className: stealth ? 'bar is-emphasis stealth' : 'bar',
        },
      ),
    ),
    Plot.ruleX([0], { stroke: cssVar('rule') }),
    annotate(rows, {
      y: lab,
      x: 'context_tokens',
      text: (r: ContextRow) => `${formatTokens(r.context_tokens)}${r.free ? ' · free' : ''}`,
      dx: 4,
      textAnchor: 'start',
    }),
  ];
}

/** px from the million-token rule to the drawing's right edge. */
const roomRight = (width: number, marginLeft: number, max: number): number =>
  ((width - marginLeft - MARGIN_RIGHT) * (max - MILLION)) / max + MARGIN_RIGHT;

/** The title's threshold: a rule at a million beside the models that reach it, and their
 *  count below it. Drawn only when some but not all models reach it and the axis (to max)
 *  goes past it. */
function thresholdMarks(
  rows: readonly ContextRow[],
  labels: readonly string[],
  max: number,
  narrow: boolean,
  room: number,
): Plot.Markish[] {
  const big = rows.filter(reachesMillion).length;
  if (big === 0 || big === rows.length || max <= MILLION) return [];
  const count = `${formatSmall(big)} of ${formatSmall(rows.length)}`;
  const oneLine = `↑ ${count} models at 1 million or more`;
  const twoLines = `↑ ${count}\nat ${formatTokens(MILLION)} or more`;
  const width = (t: string) => Math.max(...t.split('\n').map((l) => textWidth(l, LABEL_SIZE)));
  // The label reads rightwards from the rule, on one line where it fits before the drawing's
  // edge (`room`: px from the rule to the edge), else on two (at 640 px the one line was cut
  // off), else it ends at the rule.
  const text = !narrow && width(oneLine) + 4 <= room ? oneLine : twoLines;
  const fits = width(text) + 4 <= room;
  const lines = text.includes('\n');
  return [
    Plot.ruleX([MILLION], {
      y1: () => labels[0],
      y2: () => labels[big - 1],
      stroke: cssVar('rule'),
      strokeDasharray: '2,3',
      insetTop: -6,
      insetBottom: -6,
      className: 'threshold',
    }),
    annotate([text], {
      x: MILLION,
      y: () => labels[big],
      dx: fits ? 4 : -4,
      textAnchor: fits ? 'start' : 'end',
      lineAnchor: lines ? 'top' : 'middle',
      fontWeight: '600',
      className: 'threshold-label',
    }),
  ];
}
