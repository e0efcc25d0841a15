/**
 * The kinds of estimate a figure can be, and their words (issue 24: one way to show reported
 * vs estimated values). In the data layer because the story's sentences and the charts'
 * words both quote them, and the story must not compute its words from chart code (issue 18);
 * src/charts/estimate.ts draws the marks and re-exports these.
 */
import type { Method, WeekPoint } from '../pipeline/derive/weeks.ts';

export const ESTIMATES = ['back-calculated', 'secondary', 'partial', 'implied'] as const;
/** Why a figure is not a reported one: shown in words wherever the figure is quoted. */
export type Estimate = (typeof ESTIMATES)[number];

/** The estimate kind of a week of a counting method (null: reported or counted). Captures
 *  assembled into weeks are counted, not estimated; media weeks with a side worked back from
 *  reported changes are back-calculated. */
export function estimateOf(method: Method, status: WeekPoint['status']): Estimate | null {
  if (status === 'partial') return 'partial';
  if (status === 'secondary') return 'secondary';
  if (status === 'derived' && method === 'media') return 'back-calculated';
  return null;
}

/** The kind in words where a figure is quoted in a sentence: "63.4% (part of the week)". */
export const ESTIMATE_WORDS: Record<Estimate, string> = {
  'back-calculated': 'back-calculated',
  secondary: 'from a secondary report',
  partial: 'part of the week',
  implied: 'implied by streak counts',
};

/** The kind as a short label: charts' own keys, tooltips and data tables. */
export const ESTIMATE_LABEL: Record<Estimate, string> = {
  'back-calculated': 'back-calculated',
  secondary: 'secondary source',
  partial: 'part of a week',
  implied: 'implied',
};

/** The kind explained in full (the methodology page's key). */
export const ESTIMATE_DEFINITION: Record<Estimate, string> = {
  'back-calculated':
    'worked back by us from a reported week and its reported change on the week before; no outlet printed the figure.',
  secondary:
    'known only from a relay or aggregator whose original we could not read; the figure may be right, but it is second-hand.',
  partial:
    'a week with days missing: OpenRouter’s data for part of a week, or a week of rankings-page captures whose last usable capture came well before the weekly reset.',
  implied:
    'a week with no figure whose leader the outlets’ own “Nth week in a row” statements imply; drawn as a mark on the side that led, never as a value.',
};

/** The words of the shared key: one symbol, two states. */
export const ESTIMATE_KEY = {
  reported: 'Reported or counted',
  estimated: 'Estimated',
  kinds: 'back-calculated, second-hand, part of a week, or implied',
} as const;
