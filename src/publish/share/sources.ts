/**
 * A chart's sources, short and long: one line under the chart naming the publishers with a
 * count ("Sources: NBD, 36Kr, CGTN and 4 more; OpenRouter rankings page, daily captures"),
 * and the full list (title, publisher, kind, date, files, hashes, rows, build date) one click
 * away. The same short line is used in exported images. Pure functions of the sources passed
 * in; computed from the chart's sourceIds, never typed by hand.
 */
import type { Provenance } from '../../data/index.ts';
import { escapeHtml } from '../../lib/escape.ts';
import { formatCount, formatDate } from '../../lib/format.ts';
import type { SourceRow } from '../../pipeline/datasets.ts';
import { shortPublisher } from '../../lib/publisher.ts';
import { API_SOURCE } from '../../pipeline/derive/api.ts';

export { shortPublisher };

/** The chart's sources, once each, in the chart's order, primary sources first. */
export function orderedSources(
  ids: readonly string[],
  byId: ReadonlyMap<string, SourceRow>,
): SourceRow[] {
  const rows = [...new Set(ids)]
    .map((id) => byId.get(id))
    .filter((s): s is SourceRow => s !== undefined);
  const rank = (s: SourceRow) =>
    s.kind === 'primary' ? 0 : s.kind === 'secondary' ? 1 : s.kind === 'desk' ? 3 : 2;
  return rows
    .map((s, i) => [s, i] as const)
    .sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1])
    .map(([s]) => s);
}

export interface SourceSummary {
  /** Publishers named in the line (short names, each once), with the URL of their first source. */
  named: Array<{ name: string; url: string | null }>;
  /** Publishers not named ("and N more"). */
  more: number;
  /** Captures and data repositories, named by their title after a ";". */
  captures: Array<{ name: string; url: string | null }>;
  /** A citation a source's licence asks for, word for word, leading the line ('' if none). */
  lead: string;
  /** "Source" or "Sources"; "Also" after a lead. */
  label: string;
  /** The line as plain text: "Sources: NBD, 36Kr, CGTN and 4 more; OpenRouter rankings page, daily captures". */
  text: string;
}

/** The short source line of a set of sources: at most `max` publishers by name, then a count;
 *  a `lead` (a licence's citation line) goes first and the rest follow it ("Also: …"). */
export function sourceSummary(sources: readonly SourceRow[], max = 3, lead = ''): SourceSummary {
  const pubs = new Map<string, string | null>();
  for (const s of sources.filter((x) => x.kind !== 'capture')) {
    const name = shortPublisher(s.publisher);
    if (!pubs.has(name)) pubs.set(name, s.url);
  }
  const all = [...pubs].map(([name, url]) => ({ name, url }));
  // "and 1 more" names the one instead.
  const shown = all.length <= max + 1 ? all : all.slice(0, max);
  const more = all.length - shown.length;
  const captures = [
    ...new Map(sources.filter((x) => x.kind === 'capture').map((s) => [s.title, s.url])).entries(),
  ].map(([name, url]) => ({ name, url }));
  const names = shown.map((p) => p.name);
  const list =
    more > 0
      ? `${names.join(', ')} and ${more} more`
      : names.length > 1
        ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
        : names.join('');
  const parts = [list, ...captures.map((c) => c.name)].filter(Boolean);
  const count = all.length + captures.length;
  const label = lead ? 'Also' : `Source${count > 1 ? 's' : ''}`;
  const listed = parts.length ? `${label}: ${parts.join('; ')}` : '';
  return {
    named: shown,
    more,
    captures,
    lead,
    label,
    // Without its final full stop, like the list: callers end the line.
    text: [lead, listed].filter(Boolean).join(' ').replace(/\.$/, ''),
  };
}

/** A chart's short source line. A chart built from OpenRouter's Data API carries the citation
 *  its licence asks for (chart.citation): it leads the line, and the API is not named again, so
 *  a reader sees one source line, not a note and a line ("Source: OpenRouter (…), as of 12
 *  September 2026. Also: NBD, 36Kr and 19 more; …"). */
export function chartSourceSummary(
  chart: { sourceIds: readonly string[]; citation?: string },
  byId: ReadonlyMap<string, SourceRow>,
  max = 3,
): SourceSummary {
  const ids = chart.citation ? chart.sourceIds.filter((id) => id !== API_SOURCE) : chart.sourceIds;
  // After the citation, two names at most, so the line stays within three lines at 375 px.
  const names = chart.citation ? Math.min(max, 2) : max;
  return sourceSummary(orderedSources(ids, byId), names, chart.citation ?? '');
}

/** A table cell of source ids ("nbd-2026-02-27;cgtn-2026-02-28") as the publishers' short
 *  names, each once ("NBD, CGTN"): readers see who said it, not our keys. An id with no row stays
 *  as it is, so a broken reference shows rather than vanishes. */
export function sourceNamesText(ids: string, byId: ReadonlyMap<string, SourceRow>): string {
  const names = ids
    .split(';')
    .map((id) => id.trim())
    .filter(Boolean)
    .map((id) => {
      const row = byId.get(id);
      return row ? (row.kind === 'capture' ? row.title : shortPublisher(row.publisher)) : id;
    });
  return [...new Set(names)].join(', ');
}

/** Kinds as the full list words them. */
export const KIND_LABEL: Record<SourceRow['kind'], string> = {
  primary: 'primary',
  secondary: 'secondary',
  repost: 'repost',
  aggregator: 'aggregator',
  capture: 'capture',
  desk: 'our own classification',
};

/** The provenance lines of a chart's datasets: file, rows, sha256. */
export function provenanceOf(
  datasets: readonly string[],
  all: readonly Provenance[],
): Provenance[] {
  return all.filter((d) => datasets.includes(d.dataset));
}

/** The short line as HTML: publishers and captures linked to their pages, "N more" linked to
 *  the full list (`moreHref`, an anchor that opens it). Ends with a full stop; no space before
 *  any punctuation. */
export function sourceLineHtml(s: SourceSummary, moreHref: string, linkAttrs = ''): string {
  if (!s.text) return '';
  const attrs = linkAttrs ? ` ${linkAttrs}` : '';
  const link = (p: { name: string; url: string | null }) =>
    p.url ? `<a href="${escapeHtml(p.url)}"${attrs}>${escapeHtml(p.name)}</a>` : escapeHtml(p.name);
  const names = s.named.map(link);
  const list =
    s.more > 0
      ? `${names.join(', ')} and <a href="${escapeHtml(moreHref)}"${attrs}>${s.more} more</a>`
      : names.length > 1
        ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
        : names.join('');
  const parts = [list, ...s.captures.map(link)].filter(Boolean);
  const listed = parts.length ? `${escapeHtml(s.label)}: ${parts.join('; ')}.` : '';
  return [escapeHtml(s.lead), listed].filter(Boolean).join(' ');
}

/**
 * The full list as HTML list items and a provenance paragraph: each source's title (linked),
 * publisher, date ("undated" when the source gives none) and kind; then each dataset's file
 * (linked to its methodology entry), rows and sha256 (its first 12 digits; the metadata
 * download has it whole), the build date, and a link to the methodology page's sources.
 */
export function sourceListHtml(
  sources: readonly SourceRow[],
  provenance: readonly Provenance[],
  builtAt: string,
  href: { sources: string; dataset: (name: string) => string },
): { items: string[]; data: string } {
  const items = sources.map(
    (s) =>
      `${s.url ? `<a href="${escapeHtml(s.url)}">${escapeHtml(s.title)}</a>` : escapeHtml(s.title)}${/[.?!…]$/.test(s.title) ? '' : '.'} ${escapeHtml(s.publisher)}, ${s.published ? escapeHtml(formatDate(s.published)) : 'undated'}, ${KIND_LABEL[s.kind]}.`,
  );
  const files = provenance.map(
    (d) =>
      `<a href="${escapeHtml(href.dataset(d.dataset))}">${escapeHtml(d.file)}</a>, ${formatCount(d.rows)} rows, sha256 <code>${escapeHtml(d.sha256.slice(0, 12))}</code>`,
  );
  return {
    items,
    data: `Data: ${files.join('; ')}. Built ${escapeHtml(formatDate(builtAt.slice(0, 10)))}. <a href="${escapeHtml(href.sources)}">Every source, with notes</a>.`,
  };
}
