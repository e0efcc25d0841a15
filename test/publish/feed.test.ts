/**
 * The Atom feed and the sitemap: the built feed.xml parses as XML and has every element RFC 4287
 * requires (feed id, title, updated, author; each entry's id, title, updated, link and content),
 * with absolute addresses under SITE_URL; it lists every correction (the 2 December ones among
 * them) and every logged update, newest first; the page head and the methodology page link it.
 * A feed built from a sample update log shows that each update becomes a dated entry in words.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser } from 'linkedom';
import sax from 'sax';
import { describe, expect, it } from 'vitest';
import { atomFeed, feedEntries, sitemap } from '../../src/publish/share/feed.ts';
import { CORRECTIONS } from '../../src/story/corrections.ts';
import type { UpdateLogEntry } from '../../src/pipeline/update-log.ts';
import { DIST } from '../embed/helpers.ts';

const ATOM = 'http://www.w3.org/2005/Atom';
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Throws unless the text is well-formed XML (a strict parser: one error stops it). */
function wellFormed(text: string): void {
  const parser = sax.parser(true, { xmlns: true });
  parser.onerror = (e) => {
    throw new Error(`not well-formed XML: ${e.message}`);
  };
  parser.write(text).close();
}

/** Parses an Atom document and checks what RFC 4287 requires; returns its entries. */
function checkAtom(text: string, site: string) {
  expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  wellFormed(text);
  const doc = new DOMParser().parseFromString(text, 'text/xml');
  const feed = doc.documentElement as unknown as Element;
  expect(feed.localName).toBe('feed');
  expect(feed.getAttribute('xmlns')).toBe(ATOM);
  const kids = (el: Element, name: string) => [...el.children].filter((c) => c.localName === name);
  const one = (el: Element, name: string) => {
    const found = kids(el, name);
    expect(found.length, `<${el.localName}> has one <${name}>`).toBe(1);
    return found[0]!;
  };
  const absolute = (u: string | null) => {
    expect(u, 'an address').toBeTruthy();
    expect(new URL(u!).href.startsWith(site), `${u} is under ${site}`).toBe(true);
  };
  absolute(one(feed, 'id').textContent);
  expect(one(feed, 'title').textContent!.length).toBeGreaterThan(5);
  const updated = one(feed, 'updated').textContent!;
  expect(updated).toMatch(RFC3339);
  expect(one(one(feed, 'author'), 'name').textContent).toBeTruthy();
  const self = kids(feed, 'link').find((l) => l.getAttribute('rel') === 'self');
  absolute(self?.getAttribute('href') ?? null);
  expect(self!.getAttribute('href')!.endsWith('/feed.xml')).toBe(true);
  const ids = new Set<string>();
  const entries = kids(feed, 'entry').map((e) => {
    const id = one(e, 'id').textContent!;
    absolute(id);
    expect(ids.has(id), `entry ids are unique: ${id}`).toBe(false);
    ids.add(id);
    const link = one(e, 'link');
    absolute(link.getAttribute('href'));
    const entryUpdated = one(e, 'updated').textContent!;
    expect(entryUpdated).toMatch(RFC3339);
    expect(Date.parse(entryUpdated)).toBeLessThanOrEqual(Date.parse(updated));
    const content = one(e, 'content');
    expect(content.getAttribute('type')).toBe('text');
    expect(content.textContent!.length).toBeGreaterThan(40);
    return {
      id,
      title: one(e, 'title').textContent!,
      updated: entryUpdated,
      link: link.getAttribute('href')!,
      content: content.textContent!,
    };
  });
  // Newest first, and the feed is as new as its newest entry.
  expect(entries.map((e) => e.updated)).toEqual(
    [...entries.map((e) => e.updated)].sort((a, b) => Date.parse(b) - Date.parse(a)),
  );
  expect(entries[0]?.updated).toBe(updated);
  return entries;
}

const SITE = 'https://graphics.example.org/flip/';
const abs = (p: string) => new URL(p.replace(/^\//, ''), SITE).toString();
const LOG: UpdateLogEntry[] = [
  {
    published_at: '2026-12-04T10:15:00Z',
    data_through: '2026-12-03',
    approved_by: 'A. Editor',
    copy_changes: 3,
    reviewed: 'By this count China led in each of the six whole weeks.',
  },
  {
    published_at: '2026-12-05T09:40:00Z',
    data_through: '2026-12-04',
    approved_by: 'B. Editor',
    copy_changes: 1,
    reviewed: '',
  },
];

describe('the Atom feed', () => {
  it('built: valid, absolute addresses, every correction and every logged update', () => {
    const text = readFileSync(join(DIST, 'feed.xml'), 'utf8');
    const site = new URL(
      new DOMParser()
        .parseFromString(readFileSync(join(DIST, 'index.html'), 'utf8'), 'text/html')
        .querySelector('link[rel="canonical"]')!
        .getAttribute('href')!,
    ).href;
    const entries = checkAtom(text, site);
    const log = JSON.parse(
      readFileSync(join(DIST, '..', 'src/data/generated/update-log.json'), 'utf8'),
    ) as UpdateLogEntry[];
    expect(entries.length).toBe(CORRECTIONS.length + log.length);
    const december2 = CORRECTIONS.filter((c) => c.date === '2026-12-02');
    expect(december2.length).toBeGreaterThanOrEqual(6);
    for (const c of CORRECTIONS) {
      const e = entries.find((x) => x.link.endsWith(`#correction-${c.id}`));
      expect(e, c.id).toBeDefined();
      expect(e!.updated).toBe(`${c.date}T00:00:00Z`);
      expect(e!.content).toContain(c.now);
      expect(e!.content).toContain(c.why);
    }
    for (const u of log)
      expect(
        entries.some(
          (e) => e.updated === new Date(u.published_at).toISOString().replace('.000Z', 'Z'),
        ),
      ).toBe(true);
  });

  it('from a sample log: each update is a dated entry saying what changed, in words', () => {
    const text = atomFeed({
      title: 'The Token Flip',
      publisher: 'Data desk',
      abs,
      corrections: CORRECTIONS,
      updates: LOG,
    });
    const entries = checkAtom(text, SITE);
    expect(entries.length).toBe(CORRECTIONS.length + 2);
    // Entries run newest first; the updates of the sample log are dated 5 and 3 December.
    const updates = entries.filter((e) => e.title.startsWith('Update, '));
    const [newest, next] = updates;
    expect(newest!.updated).toBe('2026-12-05T09:40:00Z');
    expect(newest!.title).toBe('Update, 5 December 2026: data through 4 December 2026');
    expect(newest!.content).toBe(
      'New data through 4 December 2026 changed 1 sentence or chart text.\n\nRead and approved by B. Editor before publishing.',
    );
    expect(newest!.link).toBe(`${SITE}methodology/#update-2026-12-05`);
    expect(next!.content).toContain('changed 3 sentences and chart texts.');
    expect(next!.content).toContain('“By this count China led in each of the six whole weeks.”');
    expect(updates).toHaveLength(2);
    // The 2 December corrections come after the updates (older), each with what the page said,
    // says now, and why.
    const firstDec2 = entries.findIndex((e) => /^Correction, 2 December 2026: /.test(e.title));
    expect(firstDec2).toBeGreaterThan(entries.indexOf(next!));
  });

  it('escapes markup in what it quotes, and refuses to date an empty feed', () => {
    const text = atomFeed({
      title: 'T & <b>',
      publisher: 'D',
      abs,
      corrections: [],
      updates: [{ ...LOG[0]!, approved_by: '<script>alert(1)</script> & co' }],
    });
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
    expect(text).not.toContain('<script>');
    checkAtom(text, SITE);
    expect(() =>
      atomFeed({ title: 'T', publisher: 'D', abs, corrections: [], updates: [] }),
    ).toThrow(/nothing to date the feed by/);
    expect(
      feedEntries({ title: 'T', publisher: 'D', abs, corrections: [], updates: LOG }),
    ).toHaveLength(2);
  });

  it('is linked from the head of the article and methodology pages, and from the methodology text', () => {
    for (const page of ['index.html', 'methodology/index.html']) {
      const doc = new DOMParser().parseFromString(
        readFileSync(join(DIST, page), 'utf8'),
        'text/html',
      );
      const link = doc.querySelector('head link[rel="alternate"][type="application/atom+xml"]');
      expect(link, page).not.toBeNull();
      expect(new URL(link!.getAttribute('href')!).pathname).toBe('/feed.xml');
    }
    const meth = new DOMParser().parseFromString(
      readFileSync(join(DIST, 'methodology/index.html'), 'utf8'),
      'text/html',
    );
    expect(meth.querySelector('main a[href="/feed.xml"]')?.textContent).toBe('Atom feed');
  });
});

describe('the sitemap', () => {
  it('lists the article and the methodology page under SITE_URL, and no embed page', () => {
    const built = readFileSync(join(DIST, 'sitemap.xml'), 'utf8');
    wellFormed(built);
    expect(() => wellFormed('<urlset><loc>a & b</loc></urlset>')).toThrow(/not well-formed/);
    const doc = new DOMParser().parseFromString(built, 'text/xml');
    expect(doc.documentElement.localName).toBe('urlset');
    expect(doc.documentElement.getAttribute('xmlns')).toBe(
      'http://www.sitemaps.org/schemas/sitemap/0.9',
    );
    const locs = [...doc.querySelectorAll('loc')].map((l) => new URL(l.textContent!).pathname);
    expect(locs).toEqual(['/', '/methodology/']);
    expect(sitemap(abs, ['', 'methodology/'])).toContain(
      '<loc>https://graphics.example.org/flip/methodology/</loc>',
    );
  });
});
