/**
 * Plot parts that several of the smaller charts repeated word for word (the time-series charts'
 * scales and percent axis, the bar charts' label axis and value labels). Built from theme.ts's
 * house helpers; a chart still picks its own frame, since the sizes are what differ.
 */
import * as Plot from '@observablehq/plot';
import type { PlotOptions } from '@observablehq/plot';
import { formatPercent } from '../lib/format.ts';
import { cssVar } from '../lib/palette.ts';
import { axisY, HALO, LABEL_SIZE } from './theme.ts';

/** A time x scale over [x0, x1] and a linear y over a domain: the scales of a series chart. */
export function timeScales(
  x0: Date,
  x1: Date,
  yDomain: readonly [number, number],
): Pick<PlotOptions, 'x' | 'y'> {
  return { x: { type: 'utc', domain: [x0, x1] }, y: { domain: [...yDomain] } };
}

/** The y axis of a percent scale, labelled in whole percents ("25%"). */
export const percentAxisY = (ticks: number | number[]) =>
  axisY({ ticks, tickFormat: (v: number) => formatPercent(v, 0) });

/** The category axis of a bar chart: names in the text colour (they are the chart's labels,
 *  not a scale to read off). */
export const nameAxisY = () =>
  Plot.axisY({ color: cssVar('text'), tickSize: 0, tickPadding: 6, label: null });

/** Each bar's value written just past its end, in the text colour over a halo. */
export function barValues<T>(
  rows: readonly T[],
  o: {
    y: string;
    x: string | number;
    text: (row: T) => string;
    fontWeight?: string;
    className?: string;
  },
): Plot.Text {
  return Plot.text(rows as T[], {
    y: o.y,
    x: o.x,
    text: o.text,
    dx: 4,
    textAnchor: 'start',
    fontSize: LABEL_SIZE,
    ...(o.fontWeight ? { fontWeight: o.fontWeight } : {}),
    fill: cssVar('text'),
    ...HALO,
    ...(o.className ? { className: o.className } : {}),
  });
}
