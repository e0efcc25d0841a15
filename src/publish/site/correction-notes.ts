/**
 * The corrections as the article shows them: one box at its foot listing every correction with
 * a link to each place it concerns, and one line under the byline that points to the box. No
 * inline "Corrected <date>" stamps (issue 24: nineteen of them crowded the copy); the full
 * entries (what the page said, what it says now, why) stay on the methodology page.
 */
import type { AnyChart } from '../../charts/types.ts';
import { formatDate, formatSmall } from '../../lib/format.ts';
import { withBase } from '../../lib/site.ts';
import { CORRECTIONS, type Correction } from '../../story/corrections.ts';

/** A place a correction concerns, as a link the reader can follow. */
export interface CorrectionPlace {
  href: string;
  label: string;
}

/** The places of a correction on the article: its charts (by title) and its paragraphs or
 *  steps (by anchor). A chart the article no longer shows links to its embed page. */
export function correctionPlaces(
  c: Correction,
  charts: readonly AnyChart[],
  inArticle: (chartId: string) => boolean,
): CorrectionPlace[] {
  const chart = (id: string): CorrectionPlace => {
    const ch = charts.find((x) => x.id === id);
    const label = ch ? `Chart: ${ch.title}` : `Chart ${id}`;
    return { href: inArticle(id) ? `#chart-${id}` : withBase(`embed/${id}/`), label };
  };
  const block = (id: string): CorrectionPlace =>
    id === 'dek'
      ? { href: '#top', label: 'The summary under the headline' }
      : id.startsWith('step-')
        ? { href: `#${id}`, label: 'A step of the opening graphic' }
        : { href: `#${id}`, label: 'A paragraph' };
  return [...(c.where.blocks ?? []).map(block), ...(c.where.charts ?? []).map(chart)];
}

/** Corrections newest first (the order of the box). */
export const correctionsNewestFirst = (): Correction[] =>
  [...CORRECTIONS].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));

/** The line under the byline: "Corrected 2 December 2026: 12 corrections, listed at the end". */
export function correctionLine(): string | null {
  const cs = correctionsNewestFirst();
  if (cs.length === 0) return null;
  return `Corrected ${formatDate(cs[0]!.date)}: ${formatSmall(cs.length)} ${cs.length === 1 ? 'correction' : 'corrections'}, listed at the end`;
}
