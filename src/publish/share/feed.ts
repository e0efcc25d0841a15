/**
 * The article's Atom feed (RFC 4287) and its sitemap, so readers, aggregators and other
 * newsrooms can follow what changed: one entry per correction (src/story/corrections.ts: what
 * the page said, what it says now, why) and one per update an editor approved before it was
 * published (data/update-log.csv). Updates published by themselves (every claim held, no
 * sentence marked for review changed) are not entries: nothing a reader must know changed.
 *
 * Every address is absolute, from SITE_URL and BASE_PATH (`abs`), and every date comes from
 * the logs, never from the clock, so the same data gives the same feed byte for byte.
 */
import { formatCount, formatDate } from '../../lib/format.ts';
import type { UpdateLogEntry } from '../../pipeline/update-log.ts';
import type { Correction } from '../../story/corrections.ts';

export const FEED_PATH = 'feed.xml';
export const SITEMAP_PATH = 'sitemap.xml';

export interface FeedInput {
  /** The site's name, e.g. "The Token Flip". */
  title: string;
  /** Who publishes it (the feed's author). */
  publisher: string;
  /** An absolute URL for a path under the base, e.g. abs('methodology/'). */
  abs: (path: string) => string;
  corrections: readonly Correction[];
  updates: readonly UpdateLogEntry[];
}

export interface FeedEntry {
  id: string;
  title: string;
  /** RFC 3339 date-time. */
  updated: string;
  link: string;
  /** What changed, in words (plain text). */
  content: string;
}

const xml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A day (YYYY-MM-DD) as the start of that day in UTC; a date-time as it is, in UTC. */
const rfc3339 = (d: string): string =>
  /^\d{4}-\d{2}-\d{2}$/.test(d)
    ? `${d}T00:00:00Z`
    : new Date(d).toISOString().replace('.000Z', 'Z');

/** The first sentence of a text (for a title), without its closing full stop. */
const firstSentence = (s: string): string =>
  (/^(.+?[.!?])(\s|$)/.exec(s)?.[1] ?? s).replace(/\.$/, '');

export function correctionEntry(c: Correction, abs: FeedInput['abs']): FeedEntry {
  const link = `${abs('methodology/')}#correction-${c.id}`;
  return {
    id: link,
    title: `Correction, ${formatDate(c.date)}: ${firstSentence(c.now)}`,
    updated: rfc3339(c.date),
    link,
    content: `The page said: ${c.said}\n\nIt says now: ${c.now}\n\nWhy: ${c.why}`,
  };
}

export function updateEntry(u: UpdateLogEntry, abs: FeedInput['abs']): FeedEntry {
  const day = u.published_at.slice(0, 10);
  const link = `${abs('methodology/')}#update-${day}`;
  const changed = `${formatCount(u.copy_changes)} ${u.copy_changes === 1 ? 'sentence or chart text' : 'sentences and chart texts'}`;
  const reviewed = u.reviewed
    ? ` Among them, sentences an editor read first:\n${u.reviewed
        .split('\n')
        .map((r) => `“${r}”`)
        .join('\n')}`
    : '';
  return {
    // Two updates on one day share the page's anchor, so the id carries the time too.
    id: `${abs('methodology/')}#update-${rfc3339(u.published_at)}`,
    title: `Update, ${formatDate(day)}: data through ${formatDate(u.data_through)}`,
    updated: rfc3339(u.published_at),
    link,
    content: `New data through ${formatDate(u.data_through)} changed ${changed}.${reviewed}\n\nRead and approved by ${u.approved_by} before publishing.`,
  };
}

/** Every entry, newest first (corrections before updates on the same instant). */
export function feedEntries(input: FeedInput): FeedEntry[] {
  return [
    ...input.corrections.map((c) => correctionEntry(c, input.abs)),
    ...input.updates.map((u) => updateEntry(u, input.abs)),
  ].sort((a, b) => Date.parse(b.updated) - Date.parse(a.updated));
}

export function atomFeed(input: FeedInput): string {
  const entries = feedEntries(input);
  const article = input.abs('');
  const updated = entries[0]?.updated;
  if (!updated)
    throw new Error('atomFeed: no correction and no logged update, nothing to date the feed by');
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
    `  <id>${xml(article)}</id>`,
    `  <title>${xml(`${input.title}: corrections and updates`)}</title>`,
    `  <subtitle>Every correction to the article, and every update an editor read before it was published.</subtitle>`,
    `  <updated>${updated}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(input.abs(FEED_PATH))}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(article)}"/>`,
    `  <author><name>${xml(input.publisher)}</name></author>`,
    ...entries.flatMap((e) => [
      '  <entry>',
      `    <id>${xml(e.id)}</id>`,
      `    <title>${xml(e.title)}</title>`,
      `    <updated>${e.updated}</updated>`,
      `    <link rel="alternate" type="text/html" href="${xml(e.link)}"/>`,
      `    <content type="text">${xml(e.content)}</content>`,
      '  </entry>',
    ]),
    '</feed>',
    '',
  ];
  return lines.join('\n');
}

/** sitemap.xml (sitemaps.org 0.9): the pages meant for search engines (embeds are noindex). */
export function sitemap(abs: FeedInput['abs'], paths: readonly string[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...paths.map((p) => `  <url><loc>${xml(abs(p))}</loc></url>`),
    '</urlset>',
    '',
  ].join('\n');
}
