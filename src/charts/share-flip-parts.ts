/**
 * Parts of the hero chart (share-flip.ts) that do not depend on its states: the week ticks of
 * its zoomed views, and the key that names the counts above the plot on a phone, where labels
 * at the line ends would take half the drawing's width.
 */
import type * as Plot from '@observablehq/plot';
import { COLOR, DASH, type FlipRow, type FlipSeries } from './share-flip-model.ts';
import { dayTick, FONT_SIZE, LABEL_SIZE, textWidth } from './theme.ts';

/** Ticks on week starts (Mondays, as the data's weeks) from `from` to `to`, every one, two or
 *  more weeks so that the widest day label ("22 February") has room at `plotWidth` px, and none
 *  so near the left edge that its label runs into the percent axis. Plot's own choice for a
 *  two-month view put weekly ticks 56 px apart under 75-px labels. */
export function weekTicks(from: Date, to: Date, plotWidth: number): Date[] {
  const day = 864e5;
  const first = new Date(Math.ceil(+from / day) * day);
  while (first.getUTCDay() !== 1) first.setUTCDate(first.getUTCDate() + 1);
  const mondays: Date[] = [];
  for (let t = +first; t <= +to; t += 7 * day) mondays.push(new Date(t));
  const widest = Math.max(0, ...mondays.map((d) => textWidth(dayTick(d), FONT_SIZE)));
  const pxPerDay = plotWidth / ((+to - +from) / day);
  const every = Math.max(1, Math.ceil((widest + 12) / (7 * pxPerDay)));
  // A label centred on a tick near the left edge would run under the percent axis's labels.
  const clear = mondays.filter((d) => ((+d - +from) / day) * pxPerDay >= widest / 2 - 4);
  return clear.filter((_d, i) => i % every === 0);
}

/** A count the view names, and its last point in view (where a wide drawing labels it). */
export interface NamedCount {
  series: FlipSeries;
  text: string;
  last: FlipRow;
}

/** The key's rows (px apart), its swatches' length and the gaps beside them. */
export const KEY_ROW = LABEL_SIZE + 5;
const KEY_SWATCH = 18;
const KEY_GAP = 5;
const KEY_SPACING = 14;

/** An entry of the phone key: a count's line (its colour, dash and weight) and its name. */
export interface KeyItem {
  text: string;
  stroke: string;
  dash: string | undefined;
  strokeWidth: number;
  opacity: number;
  x: number;
  row: number;
}

/** The key's entries, left to right and onto a new row when one would run past the width. */
export function keyLayout(
  named: readonly NamedCount[],
  width: number,
  strong: (s: FlipSeries) => boolean,
): KeyItem[] {
  let x = 0;
  let row = 0;
  return named.map(({ series, text }) => {
    // Bold, so a little wider than the estimate.
    const w = KEY_SWATCH + KEY_GAP + textWidth(text, LABEL_SIZE) * 1.1;
    if (x > 0 && x + w > width) [x, row] = [0, row + 1];
    const item = {
      text,
      stroke: COLOR[series],
      dash: DASH[series],
      strokeWidth: strong(series) ? 2.75 : 1.75,
      opacity: strong(series) ? 1 : 0.8,
      x,
      row,
    };
    x += w + KEY_SPACING;
    return item;
  });
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The phone key, drawn in the top margin: per entry a short line and the count's name. */
export const keyMark =
  (items: readonly KeyItem[]): Plot.RenderFunction =>
  (_index, _scales, _values, _dimensions, context) => {
    const doc = context.document;
    const el = (name: string, attrs: Record<string, string | number | undefined>) => {
      const node = doc.createElementNS(SVG_NS, name);
      for (const [k, v] of Object.entries(attrs)) if (v !== undefined) node.setAttribute(k, `${v}`);
      return node;
    };
    const g = el('g', {
      class: 'flip-label flip-key',
      'font-size': LABEL_SIZE,
      'font-weight': '600',
      'text-anchor': 'start',
    });
    for (const item of items) {
      const baseline = LABEL_SIZE + item.row * KEY_ROW;
      g.append(
        el('line', {
          x1: item.x,
          x2: item.x + KEY_SWATCH,
          y1: baseline - 4,
          y2: baseline - 4,
          stroke: item.stroke,
          'stroke-width': item.strokeWidth,
          'stroke-dasharray': item.dash,
          'stroke-opacity': item.opacity,
        }),
      );
      const label = el('text', {
        transform: `translate(${item.x + KEY_SWATCH + KEY_GAP},${baseline})`,
        fill: item.stroke,
        'fill-opacity': item.opacity,
      });
      label.textContent = item.text;
      g.append(label);
    }
    return g as unknown as SVGElement;
  };
