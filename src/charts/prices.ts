/** Input and output list prices per million tokens by model and origin, log scale. */
import * as Plot from '@observablehq/plot';
import { formatMultiple, formatPrice, formatSmall, formatUsd } from '../lib/format.ts';
import { cssVar, originColor } from '../lib/palette.ts';
import type { Origin } from '../pipeline/datasets.ts';
import { BLEND_INPUT_PER_OUTPUT, PRICE_REFERENCE_MODEL } from '../lib/story-settings.ts';
import { col, uniq } from './common.ts';
import { pricedModels } from './price-models.ts';
import {
  axisX,
  frame,
  frameNote,
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

export interface PriceRow {
  model: string;
  label: string;
  short_label: string;
  model_id: string;
  origin: Origin;
  input_usd_per_mtok: number;
  output_usd_per_mtok: number;
  blended_usd_per_mtok: number;
  output_x_ref: number | null;
  free: boolean;
  has_free_variant: boolean;
  status: string;
}

/** Width (px) of the "free" lane left of the log axis: 0 has no place on a log scale. */
export const FREE_LANE = 52;

export const pricesChart: ChartFactory = (data) => {
  const models = pricedModels(data);
  const freeVariant = new Set(
    data.datasets['model-prices'].filter((r) => r.has_free_variant).map((r) => r.model),
  );
  const rows: PriceRow[] = models
    .map((p) => ({
      model: p.model,
      label: p.label,
      short_label: p.short_label,
      model_id: p.model_id,
      origin: p.origin,
      input_usd_per_mtok: p.input,
      output_usd_per_mtok: p.output,
      blended_usd_per_mtok: Math.round(p.blended * 1000) / 1000,
      output_x_ref: p.output_x_ref,
      free: p.free,
      has_free_variant: freeVariant.has(p.model),
      status: p.status,
    }))
    .sort(
      (a, b) =>
        b.output_usd_per_mtok - a.output_usd_per_mtok ||
        b.input_usd_per_mtok - a.input_usd_per_mtok ||
        (a.model < b.model ? -1 : 1),
    );
  const paid = rows.filter((r) => !r.free);
  const ref = rows.find((r) => r.model === PRICE_REFERENCE_MODEL);
  const us = paid.filter((r) => r.origin === 'US');
  const cn = paid.filter((r) => r.origin === 'CN');
  const dearUS = us[0]!;
  const cheapUS = [...us].sort((a, b) => a.blended_usd_per_mtok - b.blended_usd_per_mtok)[0]!;
  const cnDearer = cn.filter((r) => r.blended_usd_per_mtok > cheapUS.blended_usd_per_mtok).length;
  const cnDearerOut = cn.filter((r) => r.output_usd_per_mtok > cheapUS.output_usd_per_mtok).length;
  // "all eight", "seven of eight": a count of the whole set reads as "all".
  const ofCn = (n: number) =>
    n === cn.length ? `all ${formatSmall(n)}` : `${formatSmall(n)} of ${formatSmall(cn.length)}`;
  const free = rows.filter((r) => r.free);

  return {
    id: 'prices',
    title: '',
    subtitle: '',
    notes: [],
    // The words are in src/story/article.aml ([methodologyCharts]); these are the figures they
    // name ("cheaper than seven of eight": the count of Chinese models dearer than that model).
    figures: {
      pricesDearUs: dearUS.model,
      pricesDearUsOutX: formatMultiple(dearUS.output_x_ref),
      pricesCheapUs: cheapUS.model,
      pricesCheapUsIn: formatPrice(cheapUS.input_usd_per_mtok),
      pricesCheapUsOut: formatPrice(cheapUS.output_usd_per_mtok),
      pricesCnDearer: ofCn(cnDearer),
      pricesCnDearerOut: ofCn(cnDearerOut),
      pricesInputPerOutput: String(BLEND_INPUT_PER_OUTPUT),
      pricesFree: free.map((r) => r.model).join(', '),
      pricesFreeVariants: rows
        .filter((r) => r.has_free_variant)
        .map((r) => r.model)
        .join(', '),
      pricesOutLow: formatPrice(paid[paid.length - 1]!.output_usd_per_mtok),
      pricesOutLowModel: paid[paid.length - 1]!.model,
      pricesOutHigh: formatPrice(paid[0]!.output_usd_per_mtok),
      pricesOutHighModel: paid[0]!.model,
      pricesRef: ref?.model ?? '',
      pricesRefIn: ref ? formatPrice(ref.input_usd_per_mtok) : '',
      pricesRefOut: ref ? formatPrice(ref.output_usd_per_mtok) : '',
    },
    sourceIds: uniq(models.flatMap((p) => p.source_ids)),
    datasets: ['model-prices', 'labs'],
    rows,
    columns: [
      col<PriceRow, 'model'>('model', 'model'),
      col<PriceRow, 'origin'>('origin', 'origin', (v) => ORIGIN_LABEL[v] ?? v),
      col<PriceRow, 'input_usd_per_mtok'>('input_usd_per_mtok', 'input_usd_per_mtok', (v) =>
        formatPrice(v),
      ),
      col<PriceRow, 'output_usd_per_mtok'>('output_usd_per_mtok', 'output_usd_per_mtok', (v) =>
        formatPrice(v),
      ),
      col<PriceRow, 'blended_usd_per_mtok'>('blended_usd_per_mtok', 'blended_usd_per_mtok', (v) =>
        formatPrice(v),
      ),
      {
        ...col<PriceRow, 'output_x_ref'>(
          'output_x_ref',
          `output_x_${ref ? ref.model_id.replace(/^.*\//, '') : 'ref'}`,
          (v) => formatMultiple(v),
        ),
        heading: `Output price, × ${ref ? ref.label : 'reference'}`,
      },
      col<PriceRow, 'status'>('status', 'status'),
    ],
    description: '',
    plot(width) {
      const narrow = isNarrow(width);
      const lab = (r: PriceRow) => (narrow ? r.short_label : r.label);
      const labels = rows.map(lab);
      const marginLeft = narrow ? 8 : marginFor(labels);
      const lo = Math.min(...paid.map((r) => r.input_usd_per_mtok));
      const hi = Math.max(...paid.map((r) => r.output_usd_per_mtok));
      const domain: [number, number] = [
        lo / 1.4,
        Math.pow(10, Math.ceil(Math.log10(hi * 1.1) * 2) / 2),
      ];
      const ticks = [0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100]
        .filter((t) => t >= domain[0] && t <= domain[1])
        .filter((t, i) => !narrow || i % 2 === 0 || t === 1);
      const tip = (r: PriceRow) =>
        `${r.label} (${ORIGIN_LABEL[r.origin]}): ${formatPrice(r.input_usd_per_mtok)} input, ${formatPrice(r.output_usd_per_mtok)} output, ${formatPrice(r.blended_usd_per_mtok)} blended per million tokens`;
      const base = frame(width, {
        height: rows.length * (narrow ? 34 : 22) + 72,
        marginLeft,
        marginRight: 20,
        marginTop: 58,
        marginBottom: 26,
      });
      // The title's comparisons, drawn: the two output prices it compares, and the cheapest
      // U.S. model's blended price against every model's blended price (a tick per row).
      const valued = [dearUS, ...(ref && ref !== dearUS ? [ref] : [])];
      const cheapText = `${cheapUS.model}, blended ${formatPrice(cheapUS.blended_usd_per_mtok)}`;
      return {
        ...base,
        x: { type: 'log', domain, insetLeft: FREE_LANE },
        y: { domain: labels, padding: 0.3, align: narrow ? 1 : 0.5, axis: null },
        color: originScale(),
        marks: [
          Plot.ruleX([domain[0]], {
            dx: -6,
            stroke: cssVar('rule'),
            strokeDasharray: '2,3',
            className: 'free-lane',
          }),
          gridX({ ticks }),
          axisX({ ticks, tickFormat: (v: number) => formatUsd(v) }),
          narrow
            ? Plot.text(rows, {
                y: lab,
                text: lab,
                frameAnchor: 'left',
                textAnchor: 'start',
                dx: FREE_LANE,
                dy: -13,
                fontSize: LABEL_SIZE,
                fill: cssVar('text'),
                ...HALO,
                className: 'row-label',
              })
            : Plot.axisY({ color: cssVar('text'), tickSize: 0, tickPadding: 6, label: null }),
          Plot.link(paid, {
            y: lab,
            x1: 'input_usd_per_mtok',
            x2: 'output_usd_per_mtok',
            stroke: 'origin',
            strokeWidth: 2,
            strokeOpacity: 0.6,
          }),
          Plot.dot(paid, {
            y: lab,
            x: 'input_usd_per_mtok',
            r: 4,
            stroke: 'origin',
            strokeWidth: 1.75,
            fill: cssVar('bg'),
            title: tip,
            className: 'price-input',
          }),
          Plot.dot(paid, {
            y: lab,
            x: 'output_usd_per_mtok',
            r: 4,
            fill: 'origin',
            stroke: 'origin',
            title: tip,
            className: 'price-output',
          }),
          Plot.tickX(paid, {
            y: lab,
            x: 'blended_usd_per_mtok',
            stroke: 'origin',
            strokeWidth: 2,
            inset: narrow ? 5 : 2,
            className: 'price-blended',
          }),
          Plot.ruleX([cheapUS.blended_usd_per_mtok], {
            stroke: cssVar('rule'),
            strokeDasharray: '2,3',
            className: 'cheap-rule is-emphasis',
          }),
          Plot.text([cheapText], {
            x: cheapUS.blended_usd_per_mtok,
            frameAnchor: 'top',
            dy: -4,
            dx: -3,
            textAnchor: 'start',
            lineAnchor: 'bottom',
            fontSize: LABEL_SIZE,
            fontWeight: '600',
            fill: cssVar('text'),
            ...HALO,
            className: 'cheap-label',
          }),
          ...[true, false].map((above) =>
            Plot.text(
              valued.filter((r) => r.output_usd_per_mtok > domain[1] / 4 === above),
              {
                y: lab,
                x: 'output_usd_per_mtok',
                text: (r: PriceRow) => formatUsd(r.output_usd_per_mtok),
                dy: above ? -11 : 0,
                dx: above ? 0 : 8,
                lineAnchor: above ? 'bottom' : 'middle',
                textAnchor: above ? 'middle' : 'start',
                fontSize: LABEL_SIZE,
                fontWeight: '700',
                fill: (r: PriceRow) => originColor(r.origin),
                ...HALO,
                className: 'value-label',
              },
            ),
          ),
          Plot.dot(free, {
            y: lab,
            frameAnchor: 'left',
            dx: 8,
            r: 4,
            symbol: 'diamond',
            fill: (r: PriceRow) => originColor(r.origin),
            title: tip,
            className: 'price-free is-emphasis',
          }),
          Plot.text(free, {
            y: lab,
            frameAnchor: 'left',
            dx: 15,
            text: () => 'free',
            textAnchor: 'start',
            fontSize: LABEL_SIZE,
            fontWeight: '600',
            fill: cssVar('text'),
            ...HALO,
            className: 'price-free',
          }),
          frameNote('free', 'top-left', {
            dx: 4,
            dy: -4,
            textAnchor: 'start',
            lineAnchor: 'bottom',
            fontWeight: '600',
          }),
          frameNote('○ input  ● output  | blended', 'top-right', { dy: -30, textAnchor: 'end' }),
          ...originKey(
            rows.map((r) => r.origin),
            { dy: -54, dx: 4 - marginLeft },
          ),
        ],
      };
    },
  };
};
