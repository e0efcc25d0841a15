/**
 * The session-cost chart's title and subtitle for a session, in one place: the build writes
 * them for the default session (src/charts/session-cost.ts) and the calculator rewrites them for
 * the reader's (src/client/calculator.ts), so the title follows the sliders with the same words.
 * Here, not in src/charts, so the browser bundle does not pull in the chart code.
 */
import { formatMultiple, formatTokens, formatUsd } from './format.ts';

export interface SessionEnds {
  dear: { model: string; cost: number };
  cheap: { model: string; cost: number };
}

export const sessionTitle = (_tokens: number, e: SessionEnds): string =>
  `${e.dear.model} costs ${formatMultiple(e.dear.cost / e.cheap.cost)} as much as ${e.cheap.model}`;

export const sessionSubtitle = (tokens: number, e?: SessionEnds): string =>
  `Cost of one agent session of ${formatTokens(tokens, 'long')} at list prices, U.S. dollars` +
  (e
    ? `: ${formatUsd(e.dear.cost)} on ${e.dear.model}, ${formatUsd(e.cheap.cost)} on ${e.cheap.model}`
    : '');
