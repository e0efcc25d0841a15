/** "Corrected <date>" notes as HTML, for places that take an HTML string (scrollytelling steps). */
import { escapeHtml } from '../lib/escape.ts';
import { formatDate } from '../lib/format.ts';
import { withBase } from '../lib/site.ts';
import { correctionsFor } from '../story/corrections.ts';

export function correctionNoteHtml(blockIds: readonly string[]): string | undefined {
  const cs = blockIds.flatMap((id) => correctionsFor('blocks', id));
  if (cs.length === 0) return undefined;
  const links = cs.map(
    (c) =>
      `<a href="${escapeHtml(withBase(`methodology/#correction-${c.id}`))}">Corrected ${formatDate(c.date)}</a>`,
  );
  return `<p class="correction-note">${links.join(' · ')}</p>`;
}
